import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProjectBenefits } from '../../../contracts/evm.ts';
import { ChartOrTable, moneyTick, useChartTheme, YGrid } from '../../components/chart.tsx';
import { formatMoney } from '../../format.ts';
import { niceTicks } from '../../../core/finance/ticks.ts';

type Row = ProjectBenefits['rows'][number];
const M = { top: 16, right: 16, bottom: 36, left: 96 };
const COLORS = { planned: '#a5d8ff', realised: '#1c7ed6', expected: '#212529' };
const COLORS_DARK = { planned: '#364fc7', realised: '#74c0fc', expected: '#f8f9fa' };

/** Planned vs realised benefits by period: bars (planned light, realised dark, expected as a tick), or a table. */
export function BenefitsChart({
  rows,
  periodLabel,
}: {
  rows: Row[];
  periodLabel: (p: string) => string;
}) {
  const { t } = useTranslation();
  const { axis, pick } = useChartTheme();
  const colors = pick(COLORS, COLORS_DARK);
  const { top: max, ticks } = niceTicks(
    Math.max(1, ...rows.flatMap((r) => [r.planned, r.realised, r.expected])),
  );
  const step = Math.ceil(rows.length / 12);
  return (
    <ChartOrTable
      legend={(['planned', 'realised', 'expected'] as const).map((k) => ({
        key: k,
        label: t(`evm.benefits.series.${k}`),
        color: colors[k],
        mark: k === 'expected' ? 'tick' : 'box',
      }))}
      viewLabel={t('evm.benefits.view')}
      title={t('evm.benefits.chartTitle')}
      titleId="benefits-title"
      width={820}
      height={260}
      margin={M}
      chart={({ w, h }) => {
        const slot = rows.length ? w / rows.length : w;
        const bar = Math.min(36, slot / 3);
        const y = (v: number) => h - (v / max) * h;
        return (
          <>
            <YGrid ticks={ticks} y={y} w={w} format={moneyTick} />
            {rows.map((r, i) => {
              const cx = slot * i + slot / 2;
              return (
                <g key={r.period}>
                  <rect
                    x={cx - bar}
                    y={y(r.planned)}
                    width={bar}
                    height={h - y(r.planned)}
                    fill={colors.planned}
                  />
                  <rect
                    x={cx}
                    y={y(r.realised)}
                    width={bar}
                    height={h - y(r.realised)}
                    fill={colors.realised}
                  />
                  {r.expected > 0 && (
                    <line
                      x1={cx - bar - 3}
                      x2={cx + 3}
                      y1={y(r.expected)}
                      y2={y(r.expected)}
                      stroke={colors.expected}
                      strokeWidth={2}
                    />
                  )}
                  {i % step === 0 && (
                    <text x={cx} y={h + 20} textAnchor="middle" fontSize={11} fill={axis}>
                      {periodLabel(r.period)}
                    </text>
                  )}
                </g>
              );
            })}
          </>
        );
      }}
      table={() => (
        <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('evm.benefits.period')}</Table.Th>
              {(['planned', 'expected', 'realised'] as const).map((k) => (
                <Table.Th key={k} scope="col" ta="right">
                  {t(`evm.benefits.series.${k}`)}
                </Table.Th>
              ))}
              <Table.Th scope="col" ta="right">
                {t('evm.benefits.gap')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.period}>
                <Table.Th scope="row">{periodLabel(r.period)}</Table.Th>
                <Table.Td ta="right">{formatMoney(r.planned)}</Table.Td>
                <Table.Td ta="right">{formatMoney(r.expected)}</Table.Td>
                <Table.Td ta="right">{formatMoney(r.realised)}</Table.Td>
                <Table.Td ta="right" c={r.gap < 0 ? 'red.9' : 'teal.9'}>
                  {formatMoney(r.gap)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    />
  );
}
