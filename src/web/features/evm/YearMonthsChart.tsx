import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PortfolioFinance } from '../../../contracts/finance.ts';
import { ChartOrTable, moneyTick, useChartTheme, YGrid } from '../../components/chart.tsx';
import { formatMoney } from '../../format.ts';
import { formatMonth } from '../finance/finance-format.ts';
import { niceTicks } from '../../../core/finance/ticks.ts';

const M = { top: 16, right: 16, bottom: 36, left: 96 };
const COLORS = { budget: '#a5d8ff', actual: '#1c7ed6' };
const COLORS_DARK = { budget: '#364fc7', actual: '#74c0fc' };

/** The portfolio's year month by month: working budget vs actual cost (bars), or a table with totals. */
export function YearMonthsChart({ months }: { months: PortfolioFinance['byMonth'] }) {
  const { t } = useTranslation();
  const { axis, pick } = useChartTheme();
  const colors = pick(COLORS, COLORS_DARK);
  const { top: max, ticks } = niceTicks(
    Math.max(1, ...months.flatMap((m) => [m.budget, m.actual])),
  );
  const total = (k: 'budget' | 'actual') => months.reduce((s, m) => s + m[k], 0);
  return (
    <ChartOrTable
      legend={(['budget', 'actual'] as const).map((k) => ({
        key: k,
        label: t(`finance.figures.${k}`),
        color: colors[k],
        mark: 'box',
      }))}
      viewLabel={t('evm.year.view')}
      title={t('evm.year.chartTitle')}
      titleId="year-months-title"
      width={820}
      height={240}
      margin={M}
      chart={({ w, h }) => {
        const slot = months.length ? w / months.length : w;
        const bar = Math.min(22, slot / 3);
        const y = (v: number) => h - (Math.max(0, v) / max) * h;
        return (
          <>
            <YGrid ticks={ticks} y={y} w={w} format={moneyTick} />
            {months.map((m, i) => {
              const cx = slot * i + slot / 2;
              return (
                <g key={m.month}>
                  <rect
                    x={cx - bar}
                    y={y(m.budget)}
                    width={bar}
                    height={h - y(m.budget)}
                    fill={colors.budget}
                  />
                  <rect
                    x={cx}
                    y={y(m.actual)}
                    width={bar}
                    height={h - y(m.actual)}
                    fill={colors.actual}
                  />
                  <text x={cx} y={h + 20} textAnchor="middle" fontSize={11} fill={axis}>
                    {formatMonth(m.month).replace(/\s\d{4}$/, '')}
                  </text>
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
              <Table.Th scope="col">{t('finance.evm.month')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.figures.budget')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.figures.actual')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('evm.year.variance')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {months.map((m) => (
              <Table.Tr key={m.month}>
                <Table.Th scope="row">{formatMonth(m.month)}</Table.Th>
                <Table.Td ta="right">{formatMoney(m.budget)}</Table.Td>
                <Table.Td ta="right">{formatMoney(m.actual)}</Table.Td>
                <Table.Td ta="right" c={m.budget - m.actual < 0 ? 'red.9' : undefined}>
                  {formatMoney(m.budget - m.actual)}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Th scope="row">{t('evm.year.total')}</Table.Th>
              <Table.Td ta="right">{formatMoney(total('budget'))}</Table.Td>
              <Table.Td ta="right">{formatMoney(total('actual'))}</Table.Td>
              <Table.Td ta="right">{formatMoney(total('budget') - total('actual'))}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    />
  );
}
