import { Group, SegmentedControl, Stack, Text, useComputedColorScheme } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../format.ts';

/*
 * The scaffolding the small SVG charts share (S-curve, EVM trend, benefits, year by month): the
 * legend, the chart/table switch, the titled SVG with its plot area, the horizontal grid with
 * its labels, and the colours of the axes in light and dark themes. Each chart keeps its own
 * scales, marks and table.
 */

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The theme's colours for a chart: `pick` chooses between a light and a dark palette. */
export function useChartTheme() {
  const dark = useComputedColorScheme('light') === 'dark';
  return {
    dark,
    axis: dark ? '#adb5bd' : '#495057',
    grid: dark ? '#373a40' : '#e9ecef',
    pick: <T,>(light: T, darkValue: T): T => (dark ? darkValue : light),
  };
}

/** A legend entry: a filled box (bars), a line (curves, optionally dashed) or a tick mark. */
export interface LegendItem {
  key: string;
  label: string;
  color: string;
  mark: 'box' | 'line' | 'tick';
  dash?: string;
}

function Swatch({ item }: { item: LegendItem }) {
  if (item.mark === 'box') {
    return (
      <svg width="16" height="12">
        <rect width="16" height="12" fill={item.color} />
      </svg>
    );
  }
  if (item.mark === 'tick') {
    return (
      <svg width="16" height="12">
        <line x1="0" y1="6" x2="16" y2="6" stroke={item.color} strokeWidth="2" />
      </svg>
    );
  }
  return (
    <svg width="24" height="8">
      <line
        x1="0"
        y1="4"
        x2="24"
        y2="4"
        stroke={item.color}
        strokeWidth="3"
        strokeDasharray={item.dash}
      />
    </svg>
  );
}

/**
 * A chart with its legend and a chart/table switch (every chart has a table view). `chart`
 * draws inside the plot area (origin at the top-left of the plot, margins already applied).
 */
export function ChartOrTable({
  legend,
  viewLabel,
  title,
  titleId,
  width,
  height,
  margin,
  chart,
  table,
}: {
  legend: LegendItem[];
  /** The accessible name of the chart/table switch. */
  viewLabel: string;
  /** The SVG's title (its accessible name). */
  title: string;
  titleId: string;
  width: number;
  height: number;
  margin: Margin;
  chart: (plot: { w: number; h: number }) => ReactNode;
  table: () => ReactNode;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Group gap="md" aria-hidden>
          {legend.map((item) => (
            <Group key={item.key} gap={6}>
              <Swatch item={item} />
              <Text size="sm">{item.label}</Text>
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
          aria-label={viewLabel}
        />
      </Group>
      {view === 'chart' ? (
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          role="img"
          aria-labelledby={titleId}
          style={{ maxWidth: width, display: 'block' }}
        >
          <title id={titleId}>{title}</title>
          <g transform={`translate(${margin.left},${margin.top})`}>{chart({ w, h })}</g>
        </svg>
      ) : (
        table()
      )}
    </Stack>
  );
}

/** Horizontal grid lines at `ticks`, labelled on the left with `format`. */
export function YGrid({
  ticks,
  y,
  w,
  format,
}: {
  ticks: number[];
  y: (v: number) => number;
  w: number;
  format: (v: number) => string;
}) {
  const { axis, grid } = useChartTheme();
  return ticks.map((v) => (
    <g key={v}>
      <line x1={0} x2={w} y1={y(v)} y2={y(v)} stroke={grid} />
      <text x={-8} y={y(v)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill={axis}>
        {format(v)}
      </text>
    </g>
  ));
}

/** An amount on an axis: rounded to the euro, without the cents. */
export const moneyTick = (v: number) =>
  formatMoney(Math.round(v / 100) * 100).replace(/,00\s/, ' ');

/** The SVG path through the points of one series, skipping the missing values. */
export function seriesPath<P>(
  points: readonly P[],
  value: (p: P) => number | null,
  x: (i: number) => number,
  y: (v: number) => number,
): string {
  return points
    .map((p, i) => [i, value(p)] as const)
    .filter((e): e is readonly [number, number] => e[1] !== null)
    .map(([i, v], k) => `${k === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`)
    .join(' ');
}
