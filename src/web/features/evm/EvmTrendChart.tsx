import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EvmTrend } from '../../../contracts/evm.ts';
import { ChartOrTable, seriesPath, useChartTheme, YGrid } from '../../components/chart.tsx';
import { formatMoney } from '../../format.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatIndex, formatMonth } from '../finance/finance-format.ts';
import { useTrend } from './evm-api.ts';

const M = { top: 16, right: 24, bottom: 36, left: 56 };
const SERIES = ['spi', 'cpi'] as const;
const COLORS = { spi: '#1c5d99', cpi: '#a61e4d' };
const COLORS_DARK = { spi: '#74c0fc', cpi: '#faa2c1' };
/** Text colours of a status (dark shades: readable on white and on the striped rows). */
export const STATUS_COLOR = { good: 'teal.9', watch: 'orange.9', alert: 'red.9' } as const;
const DIRECTION_COLOR = { improving: 'teal', stable: 'gray', worsening: 'red' } as const;

/** SPI and CPI over the EV snapshots (month-end closes), with the thresholds in force; chart or table. */
export function EvmTrendPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const trend = useTrend(projectId);
  if (trend.isPending) return <TableSkeleton rows={4} />;
  if (trend.isError) return <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />;
  const d = trend.data;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('evm.trend.title')}
        </Title>
        <Group gap="xs">
          {SERIES.map((s) =>
            d[s] ? (
              <Badge key={s} variant="light" color={DIRECTION_COLOR[d[s]]}>
                {t(`evm.trend.direction.${s}.${d[s]}`)}
              </Badge>
            ) : null,
          )}
        </Group>
      </Group>
      {d.snapshots.length === 0 ? (
        <EmptyState title={t('evm.trend.emptyTitle')} message={t('evm.trend.empty')} />
      ) : (
        <EvmTrendChart trend={d} />
      )}
      <Text size="xs" c="dimmed">
        {t(`evm.trend.thresholds.${d.thresholds.source}`, {
          spiWatch: formatIndex(d.thresholds.spi.watch),
          spiAlert: formatIndex(d.thresholds.spi.alert),
          cpiWatch: formatIndex(d.thresholds.cpi.watch),
          cpiAlert: formatIndex(d.thresholds.cpi.alert),
        })}
      </Text>
    </Stack>
  );
}

export function EvmTrendChart({ trend }: { trend: EvmTrend }) {
  const { t } = useTranslation();
  const { dark, axis, pick } = useChartTheme();
  const colors = pick(COLORS, COLORS_DARK);
  const points = trend.snapshots;
  const values = points.flatMap((p) => [p.spi, p.cpi]).filter((v): v is number => v !== null);
  const th = trend.thresholds;
  const lo = Math.min(0.7, ...values, th.spi.alert, th.cpi.alert) - 0.05;
  const hi = Math.max(1.2, ...values) + 0.05;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo * 10) / 10; v <= hi; v += 0.1) ticks.push(Math.round(v * 10) / 10);
  const step = Math.ceil(points.length / 12);
  // The bands of the stricter of the two indices: green above watch, orange, red below alert.
  const watch = Math.max(th.spi.watch, th.cpi.watch);
  const alert = Math.max(th.spi.alert, th.cpi.alert);
  return (
    <ChartOrTable
      legend={SERIES.map((s) => ({
        key: s,
        label: t(`finance.evm.${s}`),
        color: colors[s],
        mark: 'line',
      }))}
      viewLabel={t('evm.trend.view')}
      title={t('evm.trend.chartTitle')}
      titleId="evm-trend-title"
      width={820}
      height={260}
      margin={M}
      chart={({ w, h }) => {
        const x = (i: number) => (points.length <= 1 ? w / 2 : (i * w) / (points.length - 1));
        const y = (v: number) => h - ((v - lo) / (hi - lo)) * h;
        const band = (from: number, to: number, fill: string) => (
          <rect x={0} width={w} y={y(to)} height={Math.max(0, y(from) - y(to))} fill={fill} />
        );
        return (
          <>
            {band(watch, hi, dark ? 'rgba(32,201,151,0.10)' : 'rgba(32,201,151,0.08)')}
            {band(alert, watch, dark ? 'rgba(253,126,20,0.14)' : 'rgba(253,126,20,0.10)')}
            {band(lo, alert, dark ? 'rgba(250,82,82,0.14)' : 'rgba(250,82,82,0.08)')}
            <YGrid ticks={ticks} y={y} w={w} format={formatIndex} />
            <line x1={0} x2={w} y1={y(1)} y2={y(1)} stroke={axis} strokeDasharray="4 3" />
            {points.map((p, i) =>
              i % step === 0 ? (
                <text
                  key={p.month}
                  x={x(i)}
                  y={h + 20}
                  textAnchor="middle"
                  fontSize={11}
                  fill={axis}
                >
                  {formatMonth(p.month)}
                </text>
              ) : null,
            )}
            {SERIES.map((s) => (
              <g key={s}>
                <path
                  d={seriesPath(points, (p) => p[s], x, y)}
                  fill="none"
                  stroke={colors[s]}
                  strokeWidth={2.5}
                />
                {points.map((p, i) =>
                  p[s] !== null ? (
                    <circle key={p.month} cx={x(i)} cy={y(p[s])} r={3.5} fill={colors[s]} />
                  ) : null,
                )}
              </g>
            ))}
          </>
        );
      }}
      table={() => (
        <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Caption>{t('evm.trend.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('finance.evm.month')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.evm.series.pv')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.evm.series.ev')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.evm.series.ac')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.evm.spi')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.evm.cpi')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.figures.eac')}
              </Table.Th>
              <Table.Th scope="col">{t('evm.trend.recordedBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.month}>
                <Table.Th scope="row">{formatMonth(p.month)}</Table.Th>
                <Table.Td ta="right">{formatMoney(p.pv)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.ev)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.ac)}</Table.Td>
                <Table.Td ta="right" c={p.statuses.spi ? STATUS_COLOR[p.statuses.spi] : undefined}>
                  {formatIndex(p.spi)}
                </Table.Td>
                <Table.Td ta="right" c={p.statuses.cpi ? STATUS_COLOR[p.statuses.cpi] : undefined}>
                  {formatIndex(p.cpi)}
                </Table.Td>
                <Table.Td ta="right">{formatMoney(p.eac)}</Table.Td>
                <Table.Td>{p.recordedBy?.name ?? t('evm.trend.job')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    />
  );
}
