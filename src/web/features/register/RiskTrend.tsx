import { Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RiskTrend as RiskTrendSchema } from '../../../contracts/register.ts';
import { CRITICALITIES } from '../../../core/risks/register.ts';
import { api } from '../../api/client.ts';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { CRITICALITY_COLOR } from '../risks/HeatMap.tsx';

type Scope = {
  projectId?: string;
  programId?: string;
  portfolioId?: string;
  level?: 'portfolio';
};

export function useRiskTrend(scope: Scope) {
  return useQuery({
    queryKey: ['risk-trend', scope],
    queryFn: ({ signal }) =>
      api.get('/risks/trend', RiskTrendSchema, { signal, query: { ...scope } }),
  });
}

const W = 640;
const H = 220;
const PAD = { left: 36, right: 64, top: 12, bottom: 28 };

/**
 * The register over the last 12 months, from the assessment history: open risks per
 * criticality (stacked bars) and the threat exposure (line, right axis); or the same as a table.
 */
export function RiskTrend({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const trend = useRiskTrend(scope);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  if (trend.error) return <ErrorState error={trend.error} />;
  if (!trend.data) return <TableSkeleton rows={4} />;
  const rows = trend.data.periods;
  const maxCount = Math.max(1, ...rows.map((r) => r.total));
  const maxExposure = Math.max(1, ...rows.map((r) => r.exposureCents));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = innerW / Math.max(1, rows.length);
  const y = (n: number) => PAD.top + innerH - (n / maxCount) * innerH;
  const ye = (c: number) => PAD.top + innerH - (c / maxExposure) * innerH;
  const month = (d: string) => formatDate(d).slice(3);
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t('register.trend.title')}
        </Title>
        <SegmentedControl
          w="fit-content"
          size="xs"
          value={view}
          onChange={(v) => setView(v as 'chart')}
          data={[
            { value: 'chart', label: t('register.trend.chart') },
            { value: 'table', label: t('register.trend.table') },
          ]}
        />
        {view === 'chart' ? (
          <svg
            viewBox={`0 0 ${W} ${H}`}
            role="img"
            aria-label={t('register.trend.aria', {
              count: rows.at(-1)?.total ?? 0,
              exposure: formatMoney(rows.at(-1)?.exposureCents ?? 0),
            })}
            style={{ width: '100%', maxWidth: W, height: 'auto' }}
          >
            {[0, 0.5, 1].map((f) => (
              <g key={f}>
                <line
                  x1={PAD.left}
                  x2={W - PAD.right}
                  y1={y(maxCount * f)}
                  y2={y(maxCount * f)}
                  stroke="var(--mantine-color-gray-3)"
                />
                <text x={PAD.left - 6} y={y(maxCount * f) + 4} fontSize={10} textAnchor="end">
                  {Math.round(maxCount * f)}
                </text>
                <text x={W - PAD.right + 6} y={ye(maxExposure * f) + 4} fontSize={10}>
                  {formatMoney(Math.round((maxExposure * f) / 100_000) * 100_000).replace(
                    /,00/,
                    '',
                  )}
                </text>
              </g>
            ))}
            {rows.map((r, k) => {
              let base = 0;
              const x = PAD.left + k * step + step * 0.15;
              return (
                <g key={r.period}>
                  {CRITICALITIES.map((c) => {
                    const n = r.counts[c] ?? 0;
                    const rect = (
                      <rect
                        key={c}
                        x={x}
                        width={step * 0.7}
                        y={y(base + n)}
                        height={y(base) - y(base + n)}
                        fill={CRITICALITY_COLOR[c]}
                      />
                    );
                    base += n;
                    return rect;
                  })}
                  <text x={x + step * 0.35} y={H - 10} fontSize={10} textAnchor="middle">
                    {month(r.period)}
                  </text>
                </g>
              );
            })}
            <polyline
              fill="none"
              stroke="var(--mantine-color-blue-8)"
              strokeWidth={2}
              points={rows
                .map((r, k) => `${PAD.left + k * step + step / 2},${ye(r.exposureCents)}`)
                .join(' ')}
            />
          </svg>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('register.trend.month')}</Table.Th>
                {CRITICALITIES.map((c) => (
                  <Table.Th key={c} ta="right">
                    {t(`risks.criticality.${c}`)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('register.trend.total')}</Table.Th>
                <Table.Th ta="right">{t('register.trend.exposure')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.period}>
                  <Table.Td>{formatDate(r.period)}</Table.Td>
                  {CRITICALITIES.map((c) => (
                    <Table.Td key={c} ta="right">
                      {r.counts[c] ?? 0}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{r.total}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.exposureCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Text size="xs" c="dimmed">
          {t('register.trend.legend')}
        </Text>
      </Stack>
    </Paper>
  );
}
