import { Badge, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatMoney } from '../../format.ts';
import { BenefitsChart } from './BenefitsChart.tsx';
import { formatShare } from './ForecastPanel.tsx';
import { usePortfolioBenefits } from './evm-api.ts';

/** Planned vs realised benefits across the portfolio: by year, and per project. */
export function PortfolioBenefitsPanel() {
  const { t } = useTranslation();
  const data = usePortfolioBenefits(null);
  if (data.isPending) return <TableSkeleton rows={6} />;
  if (data.isError) return <ErrorState error={data.error} onRetry={() => void data.refetch()} />;
  const d = data.data;
  if (d.projects.length === 0)
    return (
      <EmptyState
        title={t('evm.portfolioBenefits.emptyTitle')}
        message={t('evm.portfolioBenefits.empty')}
      />
    );
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('evm.portfolioBenefits.help')}
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {(
          [
            ['planned', d.totals.planned],
            ['plannedToDate', d.totals.plannedToDate],
            ['realised', d.totals.realised],
            ['gapToDate', d.totals.gapToDate],
          ] as const
        ).map(([k, v]) => (
          <Paper key={k} withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t(`evm.portfolioBenefits.figures.${k}`)}
            </Text>
            <Text size="lg" fw={700} c={k === 'gapToDate' && v < 0 ? 'red.9' : undefined}>
              {formatMoney(v)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <BenefitsChart rows={d.byYear} periodLabel={(p) => p} />
      <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
        <Table.Caption>{t('evm.portfolioBenefits.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('evm.pending.project')}</Table.Th>
            <Table.Th scope="col">{t('evm.portfolioBenefits.case')}</Table.Th>
            <Table.Th scope="col">{t('evm.portfolioBenefits.status')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('evm.benefits.series.planned')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('evm.benefits.series.realised')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('evm.portfolioBenefits.figures.plannedToDate')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('evm.portfolioBenefits.figures.gapToDate')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('evm.benefits.figures.rate')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.projects.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Th scope="row" fw={500}>
                <Link to={`/projects/${p.id}/benefits`}>
                  {p.code} — {p.name}
                </Link>
              </Table.Th>
              <Table.Td>{p.reference ?? '—'}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={p.status === 'closed' ? 'gray' : 'blue'}>
                  {t(`project.status.${p.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{formatMoney(p.totals.planned)}</Table.Td>
              <Table.Td ta="right">{formatMoney(p.totals.realised)}</Table.Td>
              <Table.Td ta="right">{formatMoney(p.totals.plannedToDate)}</Table.Td>
              <Table.Td ta="right" c={p.totals.gapToDate < 0 ? 'red.9' : undefined}>
                {formatMoney(p.totals.gapToDate)}
              </Table.Td>
              <Table.Td ta="right">{formatShare(p.realisationRate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
