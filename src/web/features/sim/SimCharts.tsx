import { Paper, SegmentedControl, Stack, Table, Text, useComputedColorScheme } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// The simulation's charts, each in SVG with a table view of the same figures: the
// distribution (histogram with the S-curve of cumulative probability over it) and the tornado.

function useColors() {
  const dark = useComputedColorScheme('light') === 'dark';
  return {
    axis: dark ? '#adb5bd' : '#495057',
    grid: dark ? '#373a40' : '#e9ecef',
    bar: dark ? '#4dabf7' : '#1c7ed6',
    curve: dark ? '#ffa94d' : '#d9480f',
    marker: dark ? '#ff8787' : '#c92a2a',
    positive: dark ? '#ff8787' : '#c92a2a',
    negative: dark ? '#69db7c' : '#2b8a3e',
  };
}

/** A chart with a "Graphique / Tableau" switch. */
export function ChartOrTable({
  label,
  chart,
  table,
}: {
  label: string;
  chart: ReactNode;
  table: ReactNode;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        w="fit-content"
        aria-label={t('sim.view.label', { chart: label })}
        value={view}
        onChange={(v) => setView(v as 'chart' | 'table')}
        data={[
          { value: 'chart', label: t('sim.view.chart') },
          { value: 'table', label: t('sim.view.table') },
        ]}
      />
      {view === 'chart' ? chart : table}
    </Stack>
  );
}

export interface DistributionBin {
  from: number;
  to: number;
  count: number;
}

/**
 * Histogram of the outcomes with the S-curve (cumulative probability, right axis) and vertical
 * marks at the chosen values (P50, P80, budget…).
 */
export function DistributionChart({
  title,
  description,
  bins,
  curve,
  marks,
  formatX,
}: {
  title: string;
  description: string;
  bins: DistributionBin[];
  /** Cumulative points (x, probability 0..1). */
  curve: { x: number; p: number }[];
  marks: { x: number; label: string }[];
  formatX: (x: number) => string;
}) {
  const c = useColors();
  const id = useId();
  const width = 760;
  const height = 300;
  const m = { top: 24, right: 48, bottom: 44, left: 56 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const lo = Math.min(bins[0]?.from ?? 0, ...curve.map((p) => p.x), ...marks.map((k) => k.x));
  const hi = Math.max(
    bins[bins.length - 1]?.to ?? 1,
    ...curve.map((p) => p.x),
    ...marks.map((k) => k.x),
  );
  const span = hi - lo || 1;
  const x = (v: number) => ((v - lo) / span) * w;
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const total = bins.reduce((s, b) => s + b.count, 0) || 1;
  const y = (count: number) => h - (count / maxCount) * h;
  const yp = (p: number) => h - p * h;
  const ticks = 6;
  return (
    <Paper withBorder p="sm" radius="md">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        style={{ maxWidth: width, display: 'block' }}
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <g transform={`translate(${m.left} ${m.top})`}>
          {[0, 0.25, 0.5, 0.75, 1].map((p) => (
            <g key={p}>
              <line x1={0} x2={w} y1={yp(p)} y2={yp(p)} stroke={c.grid} />
              <text x={w + 6} y={yp(p) + 4} fontSize={11} fill={c.axis}>
                {`${Math.round(p * 100)} %`}
              </text>
              <text x={-6} y={yp(p) + 4} fontSize={11} fill={c.axis} textAnchor="end">
                {`${Math.round((p * maxCount * 1000) / total) / 10} %`}
              </text>
            </g>
          ))}
          {bins.map((b) => (
            <rect
              key={b.from}
              x={x(b.from) + 0.5}
              y={y(b.count)}
              width={Math.max(1, x(b.to) - x(b.from) - 1)}
              height={h - y(b.count)}
              fill={c.bar}
              opacity={0.75}
            >
              <title>{`${formatX(b.from)} – ${formatX(b.to)} : ${b.count}`}</title>
            </rect>
          ))}
          <polyline
            points={curve.map((p) => `${x(p.x)},${yp(p.p)}`).join(' ')}
            fill="none"
            stroke={c.curve}
            strokeWidth={2.5}
          />
          {marks.map((k, i) => (
            <g key={k.label}>
              <line x1={x(k.x)} x2={x(k.x)} y1={0} y2={h} stroke={c.marker} strokeDasharray="5 3" />
              <text x={x(k.x) + 4} y={10 + 13 * i} fontSize={11} fill={c.marker} fontWeight={600}>
                {k.label}
              </text>
            </g>
          ))}
          <line x1={0} x2={w} y1={h} y2={h} stroke={c.axis} />
          {Array.from({ length: ticks + 1 }, (_, i) => lo + (span * i) / ticks).map((v) => (
            <text key={v} x={x(v)} y={h + 18} fontSize={11} fill={c.axis} textAnchor="middle">
              {formatX(v)}
            </text>
          ))}
        </g>
      </svg>
    </Paper>
  );
}

export interface TornadoBar {
  id: string;
  label: string;
  value: number;
  detail?: string;
}

/** Horizontal bars around zero, largest first: what drives the outcome. */
export function TornadoChart({
  title,
  description,
  bars,
}: {
  title: string;
  description: string;
  bars: TornadoBar[];
}) {
  const c = useColors();
  const id = useId();
  const rowH = 26;
  const width = 760;
  const left = 280;
  const right = 60;
  const height = 30 + rowH * bars.length;
  const half = (width - left - right) / 2;
  const max = Math.max(0.01, ...bars.map((b) => Math.abs(b.value)));
  return (
    <Paper withBorder p="sm" radius="md">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        style={{ maxWidth: width, display: 'block' }}
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <line x1={left + half} x2={left + half} y1={4} y2={height - 20} stroke={c.axis} />
        {bars.map((b, i) => {
          const len = (Math.abs(b.value) / max) * half;
          const y = 8 + i * rowH;
          const x0 = b.value >= 0 ? left + half : left + half - len;
          return (
            <g key={b.id}>
              <text x={left - 8} y={y + 14} fontSize={12} textAnchor="end" fill={c.axis}>
                {b.label.length > 40 ? `${b.label.slice(0, 39)}…` : b.label}
              </text>
              <rect
                x={x0}
                y={y}
                width={Math.max(1, len)}
                height={rowH - 8}
                fill={b.value >= 0 ? c.positive : c.negative}
              >
                <title>{`${b.label} : ${b.value.toFixed(2)}${b.detail ? ` — ${b.detail}` : ''}`}</title>
              </rect>
              <text
                x={b.value >= 0 ? x0 + len + 4 : x0 - 4}
                y={y + 14}
                fontSize={11}
                fill={c.axis}
                textAnchor={b.value >= 0 ? 'start' : 'end'}
              >
                {b.value.toFixed(2).replace('.', ',')}
              </text>
            </g>
          );
        })}
      </svg>
    </Paper>
  );
}

/** A plain table of rows for the table view of a chart. */
export function FiguresTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}) {
  return (
    <Table.ScrollContainer minWidth={400}>
      <Table striped withTableBorder captionSide="top">
        <Table.Caption>
          <Text size="sm" fw={500} ta="left">
            {caption}
          </Text>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {head.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              {r.map((cell, j) => (
                <Table.Td key={j}>{cell}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
