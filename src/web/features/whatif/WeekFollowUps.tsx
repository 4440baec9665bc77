import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconBeach } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Timesheet } from '../../../contracts/time.ts';
import { WeekAbsences } from '../../../contracts/whatif.ts';
import { apiRequest, api } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { timeKeys } from '../time/time-api.ts';

/** My absences of the week (requested or approved), with the hours they take each day. */
export function useWeekAbsences(week: string) {
  return useQuery({
    queryKey: [...timeKeys.week(week), 'absences'],
    queryFn: ({ signal }) => api.get(`/me/timesheets/${week}/absences`, WeekAbsences, { signal }),
  });
}

/**
 * Under the week's header: the absences of the week with the hours they take each day (approved
 * ones are not available for work), and "take back my week" while nobody has decided on it.
 */
export function WeekFollowUps({ week, sheet }: { week: string; sheet: Timesheet }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const absences = useWeekAbsences(week);
  const recall = useMutation({
    mutationFn: () =>
      apiRequest('POST', `/me/timesheets/${week}/recall`, Timesheet, { ifMatch: sheet.version }),
    onSuccess: (s) => {
      client.setQueryData(timeKeys.week(week), s);
      notifications.show({ color: 'teal', message: t('whatif.cra.recalled') });
    },
    onError: (e) => {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
      void client.invalidateQueries({ queryKey: timeKeys.week(week) });
    },
  });
  const recallable =
    sheet.status === 'submitted' && sheet.lines.every((l) => l.approval === 'pending');
  const a = absences.data;
  const dayText = (i: number, hours: number, kind: 'blocked' | 'requested') =>
    t(`whatif.cra.${kind}Day`, {
      day: new Intl.DateTimeFormat(t('whatif.cra.locale'), {
        weekday: 'long',
        timeZone: 'UTC',
      }).format(new Date(`${sheet.days[i]!.date}T00:00:00Z`)),
      date: formatDate(sheet.days[i]!.date),
      hours: formatNumber(hours),
    });
  const blocked = a ? a.blocked.flatMap((h, i) => (h > 0 ? [dayText(i, h, 'blocked')] : [])) : [];
  const requested = a
    ? a.requested.flatMap((h, i) => (h > 0 ? [dayText(i, h, 'requested')] : []))
    : [];
  const total = a ? a.blocked.reduce((s, h) => s + h, 0) : 0;
  return (
    <Stack gap="xs">
      {recallable && (
        <Alert color="blue" title={t('whatif.cra.submittedTitle')}>
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">{t('whatif.cra.submittedText')}</Text>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconArrowBackUp size={16} aria-hidden />}
              loading={recall.isPending}
              onClick={() => recall.mutate()}
            >
              {t('whatif.cra.recall')}
            </Button>
          </Group>
        </Alert>
      )}
      {(blocked.length > 0 || requested.length > 0) && (
        <Alert
          color="grape"
          icon={<IconBeach size={18} aria-hidden />}
          title={t('whatif.cra.absencesTitle', { hours: formatNumber(total) })}
        >
          <Stack gap={2}>
            {blocked.map((x) => (
              <Text size="sm" key={x}>
                {x}
              </Text>
            ))}
            {requested.map((x) => (
              <Text size="sm" key={x} c="dimmed">
                {x}
              </Text>
            ))}
            {blocked.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('whatif.cra.blockedHint')}
              </Text>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
