import { Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingCosts } from '../../../contracts/staffing.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatMoney, formatNumber } from '../../format.ts';
import { useTrainingCosts } from './training-extra-api.ts';

type Row = TrainingCosts['rows'][number];

/** Training costs (course cost per participant) by year and department: bars, or a table. */
export function TrainingCostsView() {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 7 }, (_, k) => thisYear - 4 + k);
  const [fromYear, setFromYear] = useState(thisYear - 1);
  const [toYear, setToYear] = useState(thisYear + 1);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const costs = useTrainingCosts(fromYear, Math.max(fromYear, toYear));
  const unit = (r: Row) => r.orgUnit?.name ?? t('skills.costs.noUnit');
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('skills.costs.fromYear')}
          w={120}
          allowDeselect={false}
          value={String(fromYear)}
          onChange={(v) => v && setFromYear(Number(v))}
          data={years.map(String)}
        />
        <Select
          label={t('skills.costs.toYear')}
          w={120}
          allowDeselect={false}
          value={String(toYear)}
          onChange={(v) => v && setToYear(Number(v))}
          data={years.filter((y) => y >= fromYear).map(String)}
        />
        <SegmentedControl
          ml="auto"
          size="xs"
          aria-label={t('staffing.bench.view')}
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          data={[
            { value: 'chart', label: t('staffing.bench.chart') },
            { value: 'table', label: t('staffing.bench.table') },
          ]}
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('skills.costs.rule')}
      </Text>
      {costs.isPending ? (
        <TableSkeleton />
      ) : costs.isError ? (
        <ErrorState error={costs.error} onRetry={() => void costs.refetch()} />
      ) : costs.data.rows.length === 0 ? (
        <EmptyState title={t('skills.costs.emptyTitle')} message={t('skills.costs.empty')} />
      ) : view === 'chart' ? (
        <CostBars data={costs.data} unit={unit} />
      ) : (
        <CostTable data={costs.data} unit={unit} />
      )}
    </Stack>
  );
}

function CostBars({ data, unit }: { data: TrainingCosts; unit: (r: Row) => string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.rows.map((r) => r.costMinor));
  const W = 360;
  const yearsShown = [...new Set(data.rows.map((r) => r.year))];
  return (
    <Stack gap="lg">
      {yearsShown.map((year) => {
        const rows = data.rows.filter((r) => r.year === year);
        const totals = data.totals.filter((x) => x.year === year);
        return (
          <Stack key={year} gap={6}>
            <Title order={3} size="h5">
              {t('skills.costs.yearTotal', {
                year,
                total: totals.map((x) => formatMoney(x.costMinor, x.currency)).join(' + '),
                participants: totals.reduce((s, x) => s + x.participants, 0),
              })}
            </Title>
            {rows.map((r) => {
              const w = Math.max(2, Math.round((r.costMinor / max) * W));
              const label = t('skills.costs.barLabel', {
                unit: unit(r),
                cost: formatMoney(r.costMinor, r.currency),
                participants: r.participants,
              });
              return (
                <Group key={`${r.orgUnit?.id ?? '-'}:${r.currency}`} gap="sm" wrap="nowrap">
                  <Text size="sm" w={320} truncate="end" title={unit(r)}>
                    {unit(r)}
                  </Text>
                  <svg width={W} height={16} role="img" aria-label={label}>
                    <rect
                      x={0}
                      y={2}
                      width={w}
                      height={12}
                      rx={2}
                      fill="var(--mantine-color-indigo-6)"
                    />
                  </svg>
                  <Text size="sm" fw={500} w={110} ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(r.costMinor, r.currency)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('skills.costs.participants', { count: r.participants })}
                  </Text>
                </Group>
              );
            })}
          </Stack>
        );
      })}
    </Stack>
  );
}

function CostTable({ data, unit }: { data: TrainingCosts; unit: (r: Row) => string }) {
  const { t } = useTranslation();
  return (
    <Table striped aria-label={t('skills.costs.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('skills.costs.year')}</Table.Th>
          <Table.Th>{t('skills.costs.unit')}</Table.Th>
          <Table.Th ta="right">{t('skills.costs.participantsCol')}</Table.Th>
          <Table.Th ta="right">{t('skills.costs.sessions')}</Table.Th>
          <Table.Th ta="right">{t('skills.costs.hours')}</Table.Th>
          <Table.Th ta="right">{t('skills.costs.cost')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.rows.map((r) => (
          <Table.Tr key={`${r.year}:${r.orgUnit?.id ?? '-'}:${r.currency}`}>
            <Table.Td>{r.year}</Table.Td>
            <Table.Td>{unit(r)}</Table.Td>
            <Table.Td ta="right">{r.participants}</Table.Td>
            <Table.Td ta="right">{r.sessions}</Table.Td>
            <Table.Td ta="right">{formatNumber(r.hours)}</Table.Td>
            <Table.Td ta="right">{formatMoney(r.costMinor, r.currency)}</Table.Td>
          </Table.Tr>
        ))}
        {data.totals.map((x) => (
          <Table.Tr key={`total:${x.year}:${x.currency}`} fw={600}>
            <Table.Td>{x.year}</Table.Td>
            <Table.Td>{t('skills.costs.total')}</Table.Td>
            <Table.Td ta="right">{x.participants}</Table.Td>
            <Table.Td />
            <Table.Td />
            <Table.Td ta="right">{formatMoney(x.costMinor, x.currency)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
