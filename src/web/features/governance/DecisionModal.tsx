import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type GateDecisionKind, ProjectGovernance } from '../../../contracts/governance.ts';
import { GATE_DECISIONS } from '../../../core/governance/model.ts';
import type { Project } from '../../../contracts/portfolio.ts';
import { api, isApiError } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { PersonSelect } from '../org/pickers.tsx';
import { useGovernanceCache } from './governance-api.ts';

interface ConditionDraft {
  description: string;
  ownerId: string | null;
  dueDate: string | null;
}

/** Records the decision on the current gate: the readiness is shown, conditions are listed. */
export function DecisionModal({
  project,
  g,
  opened,
  onClose,
}: {
  project: Project;
  g: ProjectGovernance;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useGovernanceCache(project.id);
  const [decision, setDecision] = useState<GateDecisionKind>(
    g.readiness?.ready ? 'go' : 'go_with_conditions',
  );
  const [comment, setComment] = useState('');
  const [conditions, setConditions] = useState<ConditionDraft[]>([
    { description: '', ownerId: null, dueDate: null },
  ]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const takesConditions = decision === 'go_with_conditions' || decision === 'recycle';
  const current = g.phases.find((p) => p.key === g.currentPhaseKey);

  const submit = async () => {
    const filled = takesConditions ? conditions.filter((c) => c.description.trim() !== '') : [];
    if (decision === 'go_with_conditions' && filled.length === 0) {
      setError(t('governance.decide.needCondition'));
      return;
    }
    if (filled.some((c) => !c.dueDate)) {
      setError(t('governance.decide.needDueDate'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await api.post(
        `/projects/${project.id}/gate-decisions`,
        ProjectGovernance,
        {
          decision,
          comment,
          conditions: filled.map((c) => ({
            description: c.description.trim(),
            ownerId: c.ownerId,
            dueDate: c.dueDate,
          })),
        },
        { ifMatch: g.version },
      );
      save(next);
      notifications.show({
        color: 'teal',
        message: t('governance.decide.recorded', {
          decision: t(`governance.decision.${decision}`),
        }),
      });
      onClose();
    } catch (e) {
      if (isApiError(e, 'VERSION_MISMATCH')) save(null);
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const setCondition = (i: number, patch: Partial<ConditionDraft>) =>
    setConditions((list) => list.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={t('governance.decide.title', { gate: current?.gate?.name ?? current?.name ?? '' })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          {g.readiness && (
            <Alert color={g.readiness.ready ? 'teal' : 'orange'} variant="light">
              {g.readiness.ready
                ? t('governance.decide.allDone')
                : t('governance.decide.stillMissing', {
                    count: g.readiness.missing.length,
                    list: g.readiness.missing.join(' ; '),
                  })}
            </Alert>
          )}
          <Radio.Group
            label={t('governance.decide.decision')}
            value={decision}
            onChange={(v) => setDecision(v as GateDecisionKind)}
          >
            <Stack gap={6} mt={6}>
              {GATE_DECISIONS.map((d) => (
                <Radio
                  key={d}
                  value={d}
                  label={t(`governance.decision.${d}`)}
                  description={t(`governance.decisionHelp.${d}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('governance.decide.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {takesConditions && (
            <Stack gap="xs">
              <Title order={3} size="h6">
                {t('governance.decide.conditions')}
              </Title>
              {conditions.map((c, i) => (
                <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
                  <TextInput
                    label={t('governance.decide.conditionText', { n: i + 1 })}
                    value={c.description}
                    onChange={(e) => setCondition(i, { description: e.currentTarget.value })}
                    style={{ flex: 2 }}
                  />
                  <PersonSelect
                    label={t('governance.decide.conditionOwner', { n: i + 1 })}
                    value={c.ownerId}
                    onChange={(v) => setCondition(i, { ownerId: v })}
                    style={{ flex: 1 }}
                  />
                  <DateField
                    label={t('governance.decide.conditionDue', { n: i + 1 })}
                    value={c.dueDate}
                    onChange={(v) =>
                      setCondition(i, { dueDate: v ? String(v).slice(0, 10) : null })
                    }
                    w={150}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    mb={2}
                    aria-label={t('governance.decide.removeCondition', { n: i + 1 })}
                    onClick={() => setConditions((list) => list.filter((_, j) => j !== i))}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  variant="subtle"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() =>
                    setConditions((list) => [
                      ...list,
                      { description: '', ownerId: null, dueDate: null },
                    ])
                  }
                >
                  {t('governance.decide.addCondition')}
                </Button>
              </Group>
            </Stack>
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Text size="xs" c="dimmed">
            {t('governance.decide.audit')}
          </Text>
          <FormActions onCancel={onClose}>
            <Button type="submit" loading={busy}>
              {t('governance.decide.submit')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}
