import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconArrowRight, IconDownload, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { monthBounds } from '../../../core/time/timesheet.ts';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { currentLocale } from '../../i18n.ts';
import { formatH } from './time-format.tsx';
import { consolidationExportUrl, useConsolidation, useSettingsActions } from './time-api.ts';

const COLORS = {
  approved: 'var(--mantine-color-teal-6)',
  submitted: 'var(--mantine-color-blue-5)',
  draft: 'var(--mantine-color-gray-5)',
};

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A small stacked bar: approved, submitted and draft hours of one row against the largest row. */
function HoursBar({
  approved,
  submitted,
  draft,
  max,
}: {
  approved: number;
  submitted: number;
  draft: number;
  max: number;
}) {
  const width = 160;
  const scale = max > 0 ? width / max : 0;
  const parts = [
    { v: approved, c: COLORS.approved },
    { v: submitted, c: COLORS.submitted },
    { v: draft, c: COLORS.draft },
  ];
  let x = 0;
  return (
    <svg width={width} height={12} aria-hidden focusable="false">
      <rect
        x={0}
        y={0}
        width={width}
        height={12}
        rx={3}
        fill="var(--mantine-color-default-hover)"
      />
      {parts.map((p, i) => {
        const w = p.v * scale;
        const r = <rect key={i} x={x} y={0} width={w} height={12} fill={p.c} />;
        x += w;
        return r;
      })}
    </svg>
  );
}

/** Hours of a month per person or per project, by approval state; export to CSV or XLSX; close the month. */
export function ConsolidationPanel({ canLock }: { canLock: boolean }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const [by, setBy] = useState<'person' | 'project'>('person');
  const data = useConsolidation(month, by);
  const { lock } = useSettingsActions();
  const locale = currentLocale() === 'fr' ? 'fr' : 'en';
  const label = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
  const rows = data.data?.rows ?? [];
  const max = Math.max(0, ...rows.map((r) => r.total));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('time.consolidation.previous')}
            onClick={() => setMonth(shiftMonth(month, -1))}
          >
            <IconArrowLeft size={18} aria-hidden />
          </ActionIcon>
          <Text fw={600} tt="capitalize" miw={140} ta="center" data-testid="month-title">
            {label}
          </Text>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('time.consolidation.next')}
            onClick={() => setMonth(shiftMonth(month, 1))}
          >
            <IconArrowRight size={18} aria-hidden />
          </ActionIcon>
          {data.data?.locked && (
            <Badge color="grape" variant="light" leftSection={<IconLock size={12} aria-hidden />}>
              {t('time.consolidation.locked')}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          <SegmentedControl
            value={by}
            onChange={(v) => setBy(v as 'person' | 'project')}
            data={[
              { value: 'person', label: t('time.consolidation.byPerson') },
              { value: 'project', label: t('time.consolidation.byProject') },
            ]}
            aria-label={t('time.consolidation.view')}
          />
          <Button
            component="a"
            href={consolidationExportUrl(month, by, 'csv', locale)}
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            CSV
          </Button>
          <Button
            component="a"
            href={consolidationExportUrl(month, by, 'xlsx', locale)}
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            XLSX
          </Button>
          {canLock && !data.data?.locked && (
            <Button
              variant="light"
              color="grape"
              leftSection={<IconLock size={16} aria-hidden />}
              loading={lock.isPending}
              onClick={() => {
                const { from, to } = monthBounds(month);
                lock.mutate(
                  { from, to, label: t('time.consolidation.lockLabel', { month: label }) },
                  {
                    onSuccess: () =>
                      notifications.show({
                        color: 'teal',
                        message: t('time.consolidation.lockedToast', { month: label }),
                      }),
                    onError: (e) =>
                      notifications.show({ color: 'red', message: errorMessage(t, e) }),
                  },
                );
              }}
            >
              {t('time.consolidation.lockMonth')}
            </Button>
          )}
        </Group>
      </Group>
      {data.isError && <ErrorState error={data.error} onRetry={() => void data.refetch()} />}
      {!data.data && !data.isError && <TableSkeleton />}
      {data.data && rows.length === 0 && (
        <EmptyState
          title={t('time.consolidation.emptyTitle')}
          message={t('time.consolidation.emptyMessage')}
        />
      )}
      {data.data && rows.length > 0 && (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table verticalSpacing="xs" striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  {by === 'person'
                    ? t('time.consolidation.person')
                    : t('time.consolidation.project')}
                </Table.Th>
                <Table.Th ta="right">{t('time.consolidation.approved')}</Table.Th>
                <Table.Th ta="right">{t('time.consolidation.submitted')}</Table.Th>
                <Table.Th ta="right">{t('time.consolidation.draft')}</Table.Th>
                <Table.Th ta="right">{t('time.week.total')}</Table.Th>
                {by === 'project' && (
                  <Table.Th ta="right">{t('time.consolidation.people')}</Table.Th>
                )}
                <Table.Th>
                  <Group gap={8} wrap="nowrap">
                    {(['approved', 'submitted', 'draft'] as const).map((k) => (
                      <Group gap={4} key={k} wrap="nowrap">
                        <svg width={10} height={10} aria-hidden>
                          <rect width={10} height={10} rx={2} fill={COLORS[k]} />
                        </svg>
                        <Text size="xs">{t(`time.consolidation.${k}`)}</Text>
                      </Group>
                    ))}
                  </Group>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {r.code ? `${r.code} — ${r.name}` : r.name}
                    </Text>
                    {r.kind === 'activity' && (
                      <Text size="xs" c="dimmed">
                        {t('time.week.activity')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{formatH(r.approved)}</Table.Td>
                  <Table.Td ta="right">{formatH(r.submitted)}</Table.Td>
                  <Table.Td ta="right">{formatH(r.draft)}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatH(r.total)}
                  </Table.Td>
                  {by === 'project' && <Table.Td ta="right">{r.people}</Table.Td>}
                  <Table.Td>
                    <HoursBar
                      approved={r.approved}
                      submitted={r.submitted}
                      draft={r.draft}
                      max={max}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t('time.week.total')}</Table.Th>
                <Table.Th ta="right">{formatH(data.data.totals.approved)}</Table.Th>
                <Table.Th ta="right">{formatH(data.data.totals.submitted)}</Table.Th>
                <Table.Th ta="right">{formatH(data.data.totals.draft)}</Table.Th>
                <Table.Th ta="right">{formatH(data.data.totals.total)}</Table.Th>
                {by === 'project' && <Table.Th />}
                <Table.Th />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
