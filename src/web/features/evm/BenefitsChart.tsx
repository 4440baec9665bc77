import { Group, SegmentedControl, Stack, Table, Text, useComputedColorScheme } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectBenefits } from '../../../contracts/evm.ts';
import { formatMoney } from '../../format.ts';

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
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const dark = useComputedColorScheme('light') === 'dark';
  const colors = dark ? COLORS_DARK : COLORS;
  const width = 820;
  const height = 260;
  const w = width - M.left - M.right;
  const h = height - M.top - M.bottom;
  const max = Math.max(1, ...rows.flatMap((r) => [r.planned, r.realised, r.expected])) * 1.1;
  const slot = rows.length ? w / rows.length : w;
  const bar = Math.min(36, slot / 3);
  const y = (v: number) => h - (v / max) * h;
  const axis = dark ? '#adb5bd' : '#495057';
  const grid = dark ? '#373a40' : '#e9ecef';
  const step = Math.ceil(rows.length / 12);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Group gap="md" aria-hidden>
          {(['planned', 'realised', 'expected'] as const).map((k) => (
            <Group key={k} gap={6}>
              <svg width="16" height="12">
                {k === 'expected' ? (
                  <line x1="0" y1="6" x2="16" y2="6" stroke={colors[k]} strokeWidth="2" />
                ) : (
                  <rect width="16" height="12" fill={colors[k]} />
                )}
              </svg>
              <Text size="sm">{t(`evm.benefits.series.${k}`)}</Text>
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
          aria-label={t('evm.benefits.view')}
        />
      </Group>
      {view === 'chart' ? (
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          role="img"
          aria-labelledby="benefits-title"
          style={{ maxWidth: width, display: 'block' }}
        >
          <title id="benefits-title">{t('evm.benefits.chartTitle')}</title>
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
          </g>
        </svg>
      ) : (
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
    </Stack>
  );
}
