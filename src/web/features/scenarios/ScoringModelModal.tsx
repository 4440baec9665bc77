import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoringCriterion, ScoringModel } from '../../../contracts/scenarios.ts';
import { isApiError } from '../../api/client.ts';
import { applyApiError } from '../../components/forms.ts';
import { saveScoringModel, useInvalidateScoring } from './scenarios-api.ts';

interface LevelValues {
  value: number | string;
  description: string;
}
interface CriterionValues {
  key: string;
  label: string;
  description: string;
  weight: number | string;
  direction: ScoringCriterion['direction'];
  source: ScoringCriterion['source'];
  levels: LevelValues[];
}
interface Values {
  name: string;
  description: string;
  criteria: CriterionValues[];
}

const toBody = (v: Values) => ({
  name: v.name.trim(),
  description: v.description.trim(),
  criteria: v.criteria.map((c) => ({
    key: c.key.trim(),
    label: c.label.trim(),
    description: c.description.trim(),
    weight: Number(c.weight === '' ? 0 : c.weight),
    direction: c.direction,
    source: c.source,
    levels: c.levels.map((l) => ({
      value: Number(l.value === '' ? 0 : l.value),
      description: l.description.trim(),
    })),
  })),
});

/** A key from a label: "Alignement stratégique" → "alignement-strategique". */
const keyOf = (label: string) =>
  label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

/**
 * Creates or edits a scoring model: its criteria (label, weight, direction, what it means) and
 * each criterion's scale (levels with what each level means to evaluators).
 */
export function ScoringModelModal({
  model,
  onClose,
  onSaved,
}: {
  model: ScoringModel | null;
  onClose: () => void;
  onSaved: (m: ScoringModel) => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateScoring();
  const [error, setError] = useState<string | null>(null);
  const defaultLevels = (): LevelValues[] =>
    [0, 1, 2, 3].map((value) => ({
      value,
      description: t(`scenarios.scoring.defaultLevels.${value}`),
    }));
  const emptyCriterion = (): CriterionValues => ({
    key: '',
    label: '',
    description: '',
    weight: 10,
    direction: 'higher_better',
    source: 'evaluators',
    levels: defaultLevels(),
  });
  const form = useForm<Values>({
    initialValues: model
      ? {
          name: model.name,
          description: model.description,
          criteria: model.criteria.map((c) => ({ ...c, levels: c.levels.map((l) => ({ ...l })) })),
        }
      : { name: '', description: '', criteria: [emptyCriterion()] },
  });
  const totalWeight = form.values.criteria.reduce((s, c) => s + (Number(c.weight) || 0), 0);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = toBody(values);
    // New criteria get a key from their label.
    body.criteria.forEach((c) => {
      if (!c.key) c.key = keyOf(c.label) || 'critere';
    });
    try {
      const saved = await saveScoringModel(model?.id ?? null, body, model?.version);
      await invalidate();
      notifications.show({ color: 'green', message: t('scenarios.scoring.modelSaved') });
      onSaved(saved);
      onClose();
    } catch (err) {
      if (isApiError(err, 'VERSION_MISMATCH')) {
        await invalidate();
        setError(t('scenarios.scoring.stale'));
        return;
      }
      if (isApiError(err, 'VALIDATION_FAILED')) {
        for (const issue of err.issues) {
          if (issue.path[1] === 'criteria' && issue.path.length >= 4)
            form.setFieldError(
              issue.path.slice(1).map(String).join('.'),
              issue.message || t('validation.invalid'),
            );
        }
      }
      setError(applyApiError(form, err, t, ['name', 'description']));
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={model ? t('scenarios.scoring.editModel') : t('scenarios.scoring.newModel')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('scenarios.scoring.modelName')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Textarea
            label={t('scenarios.scoring.modelDescription')}
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          {form.values.criteria.map((c, i) => (
            <Fieldset
              key={i}
              legend={t('scenarios.scoring.criterionN', { n: i + 1, label: c.label })}
            >
              <Stack gap="xs">
                <SimpleGrid cols={{ base: 1, sm: 4 }}>
                  <TextInput
                    label={t('scenarios.scoring.criterionLabel')}
                    required
                    style={{ gridColumn: 'span 2' }}
                    {...form.getInputProps(`criteria.${i}.label`)}
                  />
                  <NumberInput
                    label={t('scenarios.scoring.weight')}
                    description={t('scenarios.scoring.weightShare', {
                      share: totalWeight
                        ? Math.round(((Number(c.weight) || 0) / totalWeight) * 100)
                        : 0,
                    })}
                    min={0}
                    max={100}
                    decimalSeparator=","
                    {...form.getInputProps(`criteria.${i}.weight`)}
                  />
                  <Select
                    label={t('scenarios.scoring.direction')}
                    allowDeselect={false}
                    data={(['higher_better', 'lower_better'] as const).map((d) => ({
                      value: d,
                      label: t(`scenarios.scoring.directions.${d}`),
                    }))}
                    {...form.getInputProps(`criteria.${i}.direction`)}
                  />
                  <Select
                    label={t('portfolioSelection.alignment.source')}
                    description={t('portfolioSelection.alignment.sourceHelp')}
                    allowDeselect={false}
                    data={(['evaluators', 'alignment'] as const).map((v) => ({
                      value: v,
                      label: t(`portfolioSelection.alignment.sources.${v}`),
                    }))}
                    {...form.getInputProps(`criteria.${i}.source`)}
                  />
                </SimpleGrid>
                <Textarea
                  label={t('scenarios.scoring.criterionDescription')}
                  autosize
                  minRows={1}
                  {...form.getInputProps(`criteria.${i}.description`)}
                />
                {form.errors[`criteria.${i}.key`] && (
                  <Text size="sm" c="red.8">
                    {t('scenarios.scoring.keyError', { key: c.key })}
                  </Text>
                )}
                <Text size="sm" fw={500}>
                  {t('scenarios.scoring.scale')}
                </Text>
                {form.errors[`criteria.${i}.levels`] && (
                  <Text size="sm" c="red.8" role="alert">
                    {t('scenarios.scoring.levelsError')}
                  </Text>
                )}
                {c.levels.map((_l, j) => (
                  <Group key={j} gap="xs" wrap="nowrap" align="flex-end">
                    <NumberInput
                      label={t('scenarios.scoring.levelValue')}
                      min={0}
                      max={100}
                      allowDecimal={false}
                      w={90}
                      {...form.getInputProps(`criteria.${i}.levels.${j}.value`)}
                    />
                    <TextInput
                      label={t('scenarios.scoring.levelDescription')}
                      style={{ flex: 1 }}
                      {...form.getInputProps(`criteria.${i}.levels.${j}.description`)}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      mb={4}
                      disabled={c.levels.length <= 2}
                      aria-label={t('scenarios.scoring.removeLevel', { n: j + 1 })}
                      onClick={() => form.removeListItem(`criteria.${i}.levels`, j)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                ))}
                <Group justify="space-between">
                  <Button
                    variant="subtle"
                    size="xs"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    disabled={c.levels.length >= 11}
                    onClick={() =>
                      form.insertListItem(`criteria.${i}.levels`, {
                        value: Math.max(-1, ...c.levels.map((l) => Number(l.value) || 0)) + 1,
                        description: '',
                      })
                    }
                  >
                    {t('scenarios.scoring.addLevel')}
                  </Button>
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    disabled={form.values.criteria.length <= 1}
                    leftSection={<IconTrash size={14} aria-hidden />}
                    onClick={() => form.removeListItem('criteria', i)}
                  >
                    {t('scenarios.scoring.removeCriterion')}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          ))}
          <Group justify="space-between">
            <Button
              variant="light"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => form.insertListItem('criteria', emptyCriterion())}
            >
              {t('scenarios.scoring.addCriterion')}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={form.submitting}>
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
