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
import type { Objective } from '../../../contracts/strategy.ts';
import { isApiError } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { applyApiError } from '../../components/forms.ts';
import { PersonSelect } from '../org/pickers.tsx';
import { saveObjective, useInvalidateStrategy } from './strategy-api.ts';

interface TargetValues {
  indicator: string;
  unit: string;
  baseline: number | string;
  target: number | string;
  current: number | string;
  dueDate: string | null;
}

interface Values {
  parentId: string | null;
  code: string;
  title: string;
  description: string;
  weight: number | string;
  ownerId: string | null;
  horizon: number | string;
  position: number | string;
  targets: TargetValues[];
}

const num = (v: number | string) => (v === '' ? null : Number(v));

function toBody(kind: Objective['kind'], v: Values) {
  return {
    ...(kind === 'objective' ? { parentId: v.parentId } : {}),
    code: v.code.trim(),
    title: v.title.trim(),
    description: v.description.trim(),
    weight: Number(v.weight === '' ? 0 : v.weight),
    ownerId: v.ownerId,
    horizon: num(v.horizon),
    position: Number(v.position === '' ? 0 : v.position),
    targets: v.targets.map((x) => ({
      indicator: x.indicator.trim(),
      unit: x.unit.trim(),
      baseline: Number(x.baseline === '' ? 0 : x.baseline),
      target: Number(x.target === '' ? 0 : x.target),
      current: num(x.current),
      dueDate: x.dueDate ?? '',
    })),
  };
}

const emptyTarget = (): TargetValues => ({
  indicator: '',
  unit: '',
  baseline: '',
  target: '',
  current: '',
  dueDate: null,
});

/**
 * Creates or edits an axis or an objective with its measurable targets. A stale version
 * (someone changed it meanwhile) says so and keeps what was typed; reopening loads the new one.
 */
export function ObjectiveModal({
  kind,
  objective,
  axes,
  defaultParentId,
  onClose,
}: {
  kind: Objective['kind'];
  objective: Objective | null;
  axes: Objective[];
  defaultParentId?: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateStrategy();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: objective
      ? {
          parentId: objective.parentId,
          code: objective.code,
          title: objective.title,
          description: objective.description,
          weight: objective.weight,
          ownerId: objective.owner?.id ?? null,
          horizon: objective.horizon ?? '',
          position: objective.position,
          targets: objective.targets.map((x) => ({
            indicator: x.indicator,
            unit: x.unit,
            baseline: x.baseline,
            target: x.target,
            current: x.current ?? '',
            dueDate: x.dueDate,
          })),
        }
      : {
          parentId: defaultParentId ?? axes[0]?.id ?? null,
          code: '',
          title: '',
          description: '',
          weight: kind === 'axis' ? 25 : 1,
          ownerId: null,
          horizon: '',
          position: 0,
          targets: [],
        },
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const saved = await saveObjective(
        objective?.id ?? null,
        { ...(objective ? {} : { kind }), ...toBody(kind, values) },
        objective?.version,
      );
      await invalidate();
      notifications.show({
        color: 'green',
        message: t('strategy.objectives.saved', { code: saved.code }),
      });
      onClose();
    } catch (err) {
      if (isApiError(err, 'VERSION_MISMATCH')) {
        await invalidate();
        setError(t('strategy.objectives.stale'));
        return;
      }
      // Target issues come as body.targets.N.field: shown next to the field.
      if (isApiError(err, 'VALIDATION_FAILED')) {
        for (const issue of err.issues) {
          if (issue.path[1] === 'targets' && issue.path.length >= 4)
            form.setFieldError(
              `targets.${String(issue.path[2])}.${String(issue.path[3])}`,
              t('validation.invalid'),
            );
        }
      }
      setError(
        applyApiError(form, err, t, [
          'parentId',
          'code',
          'title',
          'description',
          'weight',
          'ownerId',
          'horizon',
          'position',
        ]),
      );
    }
  });
  const title = objective
    ? t(`strategy.objectives.edit.${kind}`)
    : t(`strategy.objectives.new.${kind}`);
  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          {kind === 'objective' && (
            <Select
              label={t('strategy.objectives.axis')}
              required
              allowDeselect={false}
              data={axes.map((a) => ({ value: a.id, label: `${a.code} — ${a.title}` }))}
              {...form.getInputProps('parentId')}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('strategy.objectives.code')}
              required
              data-autofocus
              {...form.getInputProps('code')}
            />
            <NumberInput
              label={t('strategy.objectives.weight')}
              description={t('strategy.objectives.weightHelp')}
              min={0}
              max={100}
              allowDecimal={false}
              {...form.getInputProps('weight')}
            />
            <NumberInput
              label={t('strategy.objectives.position')}
              min={0}
              allowDecimal={false}
              {...form.getInputProps('position')}
            />
          </SimpleGrid>
          <TextInput
            label={t('strategy.objectives.title')}
            required
            {...form.getInputProps('title')}
          />
          <Textarea
            label={t('strategy.objectives.description')}
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PersonSelect
              label={t('strategy.objectives.owner')}
              initial={objective?.owner ?? null}
              {...form.getInputProps('ownerId')}
            />
            <NumberInput
              label={t('strategy.objectives.horizon')}
              min={2000}
              max={2100}
              allowDecimal={false}
              thousandSeparator=""
              {...form.getInputProps('horizon')}
            />
          </SimpleGrid>
          <Fieldset legend={t('strategy.objectives.targets')}>
            <Stack gap="xs">
              {form.values.targets.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('strategy.objectives.noTargets')}
                </Text>
              )}
              {form.values.targets.map((_x, i) => (
                <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
                  <TextInput
                    label={t('strategy.objectives.indicator')}
                    required
                    style={{ flex: 3 }}
                    {...form.getInputProps(`targets.${i}.indicator`)}
                  />
                  <TextInput
                    label={t('strategy.objectives.unit')}
                    style={{ flex: 1 }}
                    {...form.getInputProps(`targets.${i}.unit`)}
                  />
                  <NumberInput
                    label={t('strategy.objectives.baseline')}
                    decimalSeparator=","
                    style={{ flex: 1 }}
                    {...form.getInputProps(`targets.${i}.baseline`)}
                  />
                  <NumberInput
                    label={t('strategy.objectives.targetValue')}
                    decimalSeparator=","
                    style={{ flex: 1 }}
                    {...form.getInputProps(`targets.${i}.target`)}
                  />
                  <NumberInput
                    label={t('strategy.objectives.current')}
                    decimalSeparator=","
                    style={{ flex: 1 }}
                    {...form.getInputProps(`targets.${i}.current`)}
                  />
                  <DateField
                    label={t('strategy.objectives.dueDate')}
                    required
                    style={{ flex: 2 }}
                    {...form.getInputProps(`targets.${i}.dueDate`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mb={4}
                    aria-label={t('strategy.objectives.removeTarget', { n: i + 1 })}
                    onClick={() => form.removeListItem('targets', i)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => form.insertListItem('targets', emptyTarget())}
                >
                  {t('strategy.objectives.addTarget')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <FormActions onCancel={onClose}>
            <Button type="submit" loading={form.submitting}>
              {t('common.save')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}
