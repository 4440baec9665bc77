import { Alert, Button, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evaluation, ScoringModel } from '../../../contracts/scenarios.ts';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { saveEvaluation, useInvalidateScoring } from './scenarios-api.ts';

/**
 * The signed-in evaluator's sheet for one candidate: one level per criterion, chosen by what the
 * level means; a criterion left blank is not scored by this evaluator.
 */
export function EvaluationModal({
  model,
  candidate,
  sheet,
  onClose,
}: {
  model: ScoringModel;
  candidate: { kind: 'request' | 'project'; id: string; reference: string; title: string };
  sheet: Evaluation | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateScoring();
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(sheet?.scores ?? {})
        .filter(([k]) => !sheet?.outdated.includes(k))
        .map(([k, v]) => [k, String(v)]),
    ),
  );
  const [comment, setComment] = useState(sheet?.comment ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const reference = candidate.reference;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await saveEvaluation(model.id, sheet, {
        ...(candidate.kind === 'project'
          ? { projectId: candidate.id }
          : { requestId: candidate.id }),
        scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Number(v)])),
        comment: comment.trim(),
      });
      await invalidate();
      notifications.show({
        color: 'green',
        message: t('scenarios.scoring.sheetSaved', { reference }),
      });
      onClose();
    } catch (err) {
      if (isApiError(err, 'VERSION_MISMATCH')) {
        await invalidate();
        setError(t('scenarios.scoring.stale'));
      } else setError(errorMessage(t, err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('scenarios.scoring.sheetTitle', { reference, title: candidate.title })}
    >
      <Stack>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        {sheet && sheet.outdated.length > 0 && (
          <Alert color="yellow" variant="light">
            {t('scenarios.scoring.outdated', { count: sheet.outdated.length })}
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          {t('scenarios.scoring.sheetHelp')}
        </Text>
        {model.criteria.map((c) =>
          c.source === 'alignment' ? (
            <Text key={c.key} size="sm">
              <Text span fw={500}>
                {c.label}
              </Text>{' '}
              — {t('portfolioSelection.alignment.computed')}
            </Text>
          ) : (
            <Radio.Group
              key={c.key}
              label={`${c.label} (${t('scenarios.scoring.weightShort', { weight: c.weight })})`}
              description={
                [
                  c.description,
                  c.direction === 'lower_better' ? t('scenarios.scoring.lowerBetterHint') : '',
                ]
                  .filter(Boolean)
                  .join(' — ') || undefined
              }
              value={scores[c.key] ?? null}
              onChange={(v) => setScores((s) => ({ ...s, [c.key]: v }))}
            >
              <Stack gap={4} mt={6}>
                {c.levels.map((l) => (
                  <Radio
                    key={l.value}
                    value={String(l.value)}
                    label={l.description ? `${l.value} — ${l.description}` : String(l.value)}
                  />
                ))}
                {scores[c.key] !== undefined && (
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    w="fit-content"
                    onClick={() =>
                      setScores((s) => {
                        const next = { ...s };
                        delete next[c.key];
                        return next;
                      })
                    }
                  >
                    {t('scenarios.scoring.clearLevel', { label: c.label })}
                  </Button>
                )}
              </Stack>
            </Radio.Group>
          ),
        )}
        <Textarea
          label={t('scenarios.scoring.comment')}
          autosize
          minRows={2}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <FormActions onCancel={onClose}>
          <Button onClick={() => void save()} loading={saving}>
            {t('scenarios.scoring.saveSheet')}
          </Button>
        </FormActions>
      </Stack>
    </Modal>
  );
}
