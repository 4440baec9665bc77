import { Group, SegmentedControl, Stack, Table, Text, useComputedColorScheme } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortfolioFinance } from '../../../contracts/finance.ts';
import { formatMoney } from '../../format.ts';
import { formatMonth } from '../finance/finance-format.ts';

const M = { top: 16, right: 16, bottom: 36, left: 96 };
const COLORS = { budget: '#a5d8ff', actual: '#1c7ed6' };
const COLORS_DARK = { budget: '#364fc7', actual: '#74c0fc' };

/** The portfolio's year month by month: working budget vs actual cost (bars), or a table with totals. */
export function YearMonthsChart({ months }: { months: PortfolioFinance['byMonth'] }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const dark = useComputedColorScheme('light') === 'dark';
  const colors = dark ? COLORS_DARK : COLORS;
  const width = 820;
  const height = 240;
  const w = width - M.left - M.right;
  const h = height - M.top - M.bottom;
  const max = Math.max(1, ...months.flatMap((m) => [m.budget, m.actual])) * 1.1;
  const slot = months.length ? w / months.length : w;
  const bar = Math.min(22, slot / 3);
  const y = (v: number) => h - (Math.max(0, v) / max) * h;
  const axis = dark ? '#adb5bd' : '#495057';
  const grid = dark ? '#373a40' : '#e9ecef';
  const total = (k: 'budget' | 'actual') => months.reduce((s, m) => s + m[k], 0);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Group gap="md" aria-hidden>
          {(['budget', 'actual'] as const).map((k) => (
            <Group key={k} gap={6}>
              <svg width="16" height="12">
                <rect width="16" height="12" fill={colors[k]} />
              </svg>
              <Text size="sm">{t(`finance.figures.${k}`)}</Text>
            </Group>
          ))}
        </Group>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          data={[
            { value: 'chart', label: t('finance.evm.chart') },
            { value: 'table', label: t('finance.evm.table') },
          ]}
          aria-label={t('evm.year.view')}
        />
      </Group>
      {view === 'chart' ? (
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          role="img"
          aria-labelledby="year-months-title"
          style={{ maxWidth: width, display: 'block' }}
        >
          <title id="year-months-title">{t('evm.year.chartTitle')}</title>
          <g transform={`translate(${M.left},${M.top})`}>
            {[0, 0.25, 0.5, 0.75, 1].map((f) => (
              <g key={f}>
                <line x1={0} x2={w} y1={y(f * max)} y2={y(f * max)} stroke={grid} />
                <text
                  x={-8}
                  y={y(f * max)}
                  textAnchor="end"
                  dominantBaseline="middle"
                  fontSize={11}
                  fill={axis}
                >
                  {formatMoney(Math.round((f * max) / 100) * 100).replace(/,00\s/, ' ')}
                </text>
              </g>
            ))}
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
          </g>
        </svg>
      ) : (
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
    </Stack>
  );
}
