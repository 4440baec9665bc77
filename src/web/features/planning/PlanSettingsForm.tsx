import { Button, Group, NumberInput, Paper, Select, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../contracts/planning.ts';
import { isApiError } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { useUpdatePlanSettings } from './planning-api.ts';

const toDate = (iso: string | null) => (iso ? iso : null);

/** Start, status date (date d'état) and calendar of a plan. */
export function PlanSettingsForm({ plan, projectId }: { plan: Plan; projectId: string }) {
  const { t } = useTranslation();
  const update = useUpdatePlanSettings(projectId);
  const s = plan.settings;
  const [start, setStart] = useState<string | null>(s.start);
  const [statusDate, setStatusDate] = useState<string | null>(toDate(s.statusDate));
  const [holidays, setHolidays] = useState(s.calendar.holidays);
  const [whitMondayWorked, setWhitMondayWorked] = useState(s.calendar.whitMondayWorked);
  const [hoursPerDay, setHoursPerDay] = useState<number>(s.calendar.hoursPerDay);
  const canEdit = plan.can.edit;

  return (
    <Paper withBorder p="md" radius="md" maw={560}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!start) return;
          update.mutate(
            {
              version: s.version,
              body: {
                start,
                statusDate,
                calendar: { holidays, whitMondayWorked, hoursPerDay },
              },
            },
            {
              onSuccess: () => notifications.show({ color: 'teal', message: t('common.saved') }),
              onError: (error) =>
                notifications.show({
                  color: isApiError(error, 'VERSION_MISMATCH') ? 'orange' : 'red',
                  message: isApiError(error, 'VERSION_MISMATCH')
                    ? t('planning.conflict')
                    : errorMessage(t, error),
                }),
            },
          );
        }}
      >
        <Stack>
          <DateField
            label={t('planning.settings.start')}
            description={t('planning.settings.startHelp')}
            value={start}
            onChange={(v) => setStart(v)}
            clearable={false}
            required
            disabled={!canEdit}
          />
          <DateField
            label={t('planning.settings.statusDate')}
            description={t('planning.settings.statusDateHelp')}
            value={statusDate}
            onChange={(v) => setStatusDate(v)}
            disabled={!canEdit}
          />
          <Select
            label={t('planning.settings.calendar')}
            data={(['fr', 'fr-alsace-moselle', 'none'] as const).map((v) => ({
              value: v,
              label: t(`planning.settings.calendars.${v}`),
            }))}
            value={holidays}
            onChange={(v) => v && setHolidays(v as typeof holidays)}
            allowDeselect={false}
            disabled={!canEdit}
          />
          <Switch
            label={t('planning.settings.whitMondayWorked')}
            description={t('planning.settings.whitMondayHelp')}
            checked={whitMondayWorked}
            onChange={(e) => setWhitMondayWorked(e.currentTarget.checked)}
            disabled={!canEdit || holidays === 'none'}
          />
          <NumberInput
            label={t('planning.settings.hoursPerDay')}
            value={hoursPerDay}
            onChange={(v) => setHoursPerDay(typeof v === 'number' ? v : Number(v) || 7)}
            min={0.5}
            max={24}
            step={0.5}
            decimalScale={2}
            decimalSeparator=","
            disabled={!canEdit}
            w={200}
          />
          <Text size="xs" c="dimmed">
            {t('planning.settings.workdays')}
          </Text>
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
