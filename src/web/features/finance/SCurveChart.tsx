import { Group, SegmentedControl, Stack, Table, Text, useComputedColorScheme } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectEvm } from '../../../contracts/finance.ts';
import { formatMoney } from '../../format.ts';
import { formatMonth } from './finance-format.ts';

const M = { top: 16, right: 24, bottom: 36, left: 96 };
const SERIES = ['pv', 'ev', 'ac'] as const;
const COLORS = { pv: '#1c5d99', ev: '#2b8a3e', ac: '#c92a2a' };
const COLORS_DARK = { pv: '#74c0fc', ev: '#69db7c', ac: '#ff8787' };
const DASH = { pv: '6 4', ev: '', ac: '' };

/** Cumulative PV, EV and AC by month (S-curves), as a chart or as a table. */
export function SCurveChart({ points }: { points: ProjectEvm['sCurve'] }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const dark = useComputedColorScheme('light') === 'dark';
  const colors = dark ? COLORS_DARK : COLORS;
  const width = 820;
  const height = 300;
  const w = width - M.left - M.right;
  const h = height - M.top - M.bottom;
  const max = Math.max(1, ...points.flatMap((p) => [p.pv, p.ev ?? 0, p.ac ?? 0]));
  const x = (i: number) => (points.length <= 1 ? w / 2 : (i * w) / (points.length - 1));
  const y = (v: number) => h - (v / max) * h;
  const path = (key: (typeof SERIES)[number]) =>
    points
      .map((p, i) => [i, p[key]] as const)
      .filter((e): e is readonly [number, number] => e[1] !== null)
      .map(([i, v], k) => `${k === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`)
      .join(' ');
  const step = Math.ceil(points.length / 10);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const axis = dark ? '#adb5bd' : '#495057';
  const grid = dark ? '#373a40' : '#e9ecef';
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Group gap="md" aria-hidden>
          {SERIES.map((s) => (
            <Group key={s} gap={6}>
              <svg width="24" height="8">
                <line
                  x1="0"
                  y1="4"
                  x2="24"
                  y2="4"
                  stroke={colors[s]}
                  strokeWidth="3"
                  strokeDasharray={DASH[s]}
                />
              </svg>
              <Text size="sm">{t(`finance.evm.series.${s}`)}</Text>
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
          aria-label={t('finance.evm.view')}
        />
      </Group>
      {view === 'chart' ? (
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          role="img"
          aria-labelledby="scurve-title"
          style={{ maxWidth: width, display: 'block' }}
        >
          <title id="scurve-title">{t('finance.evm.sCurveTitle')}</title>
          <g transform={`translate(${M.left},${M.top})`}>
            {ticks.map((v) => (
              <g key={v}>
                <line x1={0} x2={w} y1={y(v)} y2={y(v)} stroke={grid} />
                <text
                  x={-8}
                  y={y(v)}
                  textAnchor="end"
                  dominantBaseline="middle"
                  fontSize={11}
                  fill={axis}
                >
                  {formatMoney(Math.round(v / 100) * 100).replace(/,00\s/, ' ')}
                </text>
              </g>
            ))}
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
              <path
                key={s}
                d={path(s)}
                fill="none"
                stroke={colors[s]}
                strokeWidth={2.5}
                strokeDasharray={DASH[s]}
              />
            ))}
            {points.map((p, i) =>
              p.ev !== null ? (
                <circle key={p.month} cx={x(i)} cy={y(p.ev)} r={3.5} fill={colors.ev} />
              ) : null,
            )}
          </g>
        </svg>
      ) : (
        <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('finance.evm.month')}</Table.Th>
              {SERIES.map((s) => (
                <Table.Th key={s} scope="col" ta="right">
                  {t(`finance.evm.series.${s}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.month}>
                <Table.Th scope="row">{formatMonth(p.month)}</Table.Th>
                <Table.Td ta="right">{formatMoney(p.pv)}</Table.Td>
                <Table.Td ta="right">{p.ev === null ? '—' : formatMoney(p.ev)}</Table.Td>
                <Table.Td ta="right">{p.ac === null ? '—' : formatMoney(p.ac)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
