import { Button, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { Fragment, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { placeLabels } from '../../../core/dash/labels.ts';
import type { Cell } from '../../../core/tabular/csv.ts';
import { currentLocale } from '../../i18n.ts';
import { downloadCsv } from '../reporting/download.ts';

/*
 * The dashboards' SVG charts. Every chart sits in a ChartCard that switches to a table view and
 * exports its rows as CSV (the shared French CSV layer); colours never carry meaning alone
 * (labels, legends and the table say the same).
 */

export const WEATHER_FILL: Record<string, string> = {
  sun: '#2f9e44',
  cloud: '#f08c00',
  rain: '#e03131',
  storm: '#862e9c',
  _none: '#adb5bd',
};

const intl = () => (currentLocale() === 'fr' ? 'fr-FR' : 'en-GB');

/** Euros from cents, compact for axes and labels: `1,2 M€`. */
export function compactMoney(cents: number): string {
  return new Intl.NumberFormat(intl(), {
    style: 'currency',
    currency: 'EUR',
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(cents / 100);
}

export function ChartCard({
  id,
  title,
  hint,
  csvName,
  csvRows,
  table,
  empty,
  children,
}: {
  id: string;
  title: string;
  hint?: ReactNode;
  csvName: string;
  /** Header row first. */
  csvRows: Cell[][];
  table: ReactNode;
  /** Shown instead of the chart when set (what to do to get data). */
  empty?: string | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Group gap="xs" className="dash-no-print">
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            data={[
              { value: 'chart', label: t('dash.view.chart') },
              { value: 'table', label: t('dash.view.table') },
            ]}
            aria-label={t('dash.view.label', { chart: title })}
          />
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconDownload size={14} aria-hidden />}
            onClick={() => downloadCsv(csvName, csvRows)}
            aria-label={t('dash.csvOf', { chart: title })}
            disabled={csvRows.length <= 1}
          >
            CSV
          </Button>
        </Group>
      </Group>
      {hint && (
        <Text size="xs" c="dimmed" mb="xs">
          {hint}
        </Text>
      )}
      {empty ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : view === 'chart' ? (
        children
      ) : (
        <div style={{ maxHeight: 360, overflow: 'auto' }}>{table}</div>
      )}
    </Card>
  );
}

/** A simple table from a header and rows of cells already formatted. */
export function DataTable({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  return (
    <Table withTableBorder striped fz="sm">
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
            {r.map((c, j) => (
              <Table.Td key={j}>{c}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Horizontal bars with their label and value (phase or status mix). */
export function BarList({
  items,
  label,
  color = '#1c7ed6',
}: {
  items: { key: string; label: string; value: number; color?: string }[];
  label: string;
  color?: string;
}) {
  const max = Math.max(1, ...items.map((i) => i.value));
  const h = 26;
  return (
    <svg
      role="img"
      aria-label={`${label} : ${items.map((i) => `${i.label} ${i.value}`).join(', ')}`}
      viewBox={`0 0 520 ${items.length * h + 4}`}
      width="100%"
    >
      {items.map((i, n) => (
        <g key={i.key} transform={`translate(0 ${n * h})`}>
          <text x={0} y={17} fontSize={12} fill="#343a40">
            {i.label.length > 26 ? `${i.label.slice(0, 25)}…` : i.label}
          </text>
          <rect
            x={180}
            y={4}
            width={(i.value / max) * 290}
            height={18}
            rx={3}
            fill={i.color ?? color}
          />
          <text x={184 + (i.value / max) * 290} y={17} fontSize={12} fill="#343a40">
            {i.value}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** One stacked bar of counts (the weather mix), labelled under the bar. */
export function StackBar({
  items,
  label,
}: {
  items: { key: string; label: string; value: number; color: string }[];
  label: string;
}) {
  const total = Math.max(
    1,
    items.reduce((s, i) => s + i.value, 0),
  );
  let x = 0;
  // The bar stretches to its card at a fixed height; the legend is text that wraps, so both stay
  // readable in a narrow card (the one-pager) as in a wide one.
  return (
    <Stack gap={8}>
      <svg
        role="img"
        aria-label={`${label} : ${items.map((i) => `${i.label} ${i.value}`).join(', ')}`}
        viewBox="0 0 600 28"
        preserveAspectRatio="none"
        width="100%"
        height={28}
        style={{ display: 'block' }}
      >
        {items.map((i) => {
          const w = (i.value / total) * 600;
          const r = <rect key={i.key} x={x} y={0} width={w} height={28} fill={i.color} />;
          x += w;
          return r;
        })}
      </svg>
      <Group gap="xs" style={{ rowGap: 4 }} aria-hidden>
        {items
          .filter((i) => i.value > 0)
          .map((i) => (
            <Group key={i.key} gap={4} wrap="nowrap">
              <span
                style={{ width: 10, height: 10, background: i.color, display: 'inline-block' }}
              />
              <Text size="xs" c="dark.6">{`${i.label} ${i.value}`}</Text>
            </Group>
          ))}
      </Group>
    </Stack>
  );
}

export interface Bubble {
  id: string;
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  title: string;
}

/** Value (x, 0–100) × risk (y) bubbles sized by budget (area ∝ budget). */
export function BubbleChart({
  bubbles,
  label,
  xLabel,
  yLabel,
  yFormat,
  onSelect,
}: {
  bubbles: Bubble[];
  label: string;
  xLabel: string;
  yLabel: string;
  yFormat: (v: number) => string;
  onSelect?: (id: string) => void;
}) {
  const W = 600;
  const H = 340;
  const L = 70;
  const B = 40;
  const yMax = Math.max(1, ...bubbles.map((b) => b.y));
  const sMax = Math.max(1, ...bubbles.map((b) => b.size));
  // The value axis runs to the best alignment rounded up to 10 % (alignments are often low).
  const xMax = Math.min(
    100,
    Math.max(10, Math.ceil(Math.max(...bubbles.map((b) => b.x)) / 10) * 10),
  );
  // Bubbles are inset from the plot's edges by the largest radius and clipped to the plot, so
  // that none covers the axes' labels (drawn outside the plot, after the bubbles).
  const R = 26;
  const top = 20;
  const right = W - 20;
  const bottom = H - B;
  const px = (x: number) => L + R + (x / xMax) * (right - L - 2 * R);
  const py = (y: number) => bottom - R - (y / yMax) * (bottom - top - 2 * R);
  const pr = (s: number) => 4 + Math.sqrt(s / sMax) * (R - 4);
  const sorted = [...bubbles].sort((a, b) => b.size - a.size);
  const labels = placeLabels(
    sorted.map((b) => ({ x: px(b.x), y: py(b.y), r: pr(b.size), label: b.label })),
    { bounds: { left: L + 2, top: top + 2, right: right - 2, bottom: bottom - 2 }, fontSize: 10 },
  );
  const clip = `bubble-plot-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${W} ${H}`} width="100%">
      <defs>
        <clipPath id={clip}>
          <rect x={L} y={top} width={right - L} height={bottom - top} />
        </clipPath>
      </defs>
      <rect x={L} y={top} width={right - L} height={bottom - top} fill="#f8f9fa" />
      <line
        x1={px(xMax / 2)}
        x2={px(xMax / 2)}
        y1={top}
        y2={bottom}
        stroke="#ced4da"
        strokeDasharray="4 4"
      />
      <line
        x1={L}
        x2={right}
        y1={py(yMax / 2)}
        y2={py(yMax / 2)}
        stroke="#ced4da"
        strokeDasharray="4 4"
      />
      <g clipPath={`url(#${clip})`}>
        {sorted.map((b) => (
          <g
            key={b.id}
            onClick={onSelect ? () => onSelect(b.id) : undefined}
            style={onSelect ? { cursor: 'pointer' } : undefined}
          >
            <title>{b.title}</title>
            <circle
              cx={px(b.x)}
              cy={py(b.y)}
              r={pr(b.size)}
              fill={b.color}
              fillOpacity={0.55}
              stroke={b.color}
              strokeWidth={1.5}
            />
          </g>
        ))}
      </g>
      {/* Labels placed without overlap inside the plot (largest bubbles first, next to their
          bubble or further out with a leader line; a label with no free place is left out: the
          tooltip and the table view still name its project). */}
      {labels.map((p) =>
        p.leader ? (
          <line
            key={`leader-${sorted[p.index]!.id}`}
            x1={p.leader.x1}
            y1={p.leader.y1}
            x2={p.leader.x2}
            y2={p.leader.y2}
            stroke="#868e96"
            strokeWidth={0.75}
            pointerEvents="none"
          />
        ) : null,
      )}
      {labels.map((p) => (
        <text
          key={sorted[p.index]!.id}
          x={p.x}
          y={p.y}
          fontSize={10}
          textAnchor={p.anchor}
          fill="#212529"
          stroke="#fff"
          strokeWidth={3}
          paintOrder="stroke"
          pointerEvents="none"
          aria-hidden
        >
          {sorted[p.index]!.label}
        </text>
      ))}
      <line x1={L} x2={right} y1={bottom} y2={bottom} stroke="#adb5bd" />
      <line x1={L} x2={L} y1={top} y2={bottom} stroke="#adb5bd" />
      {[0, 0.25, 0.5, 0.75, 1]
        .map((f) => Math.round(xMax * f))
        .map((v) => (
          <text key={v} x={px(v)} y={bottom + 16} fontSize={11} textAnchor="middle" fill="#495057">
            {v} %
          </text>
        ))}
      {[0, 0.5, 1].map((f) => (
        <text key={f} x={L - 6} y={py(yMax * f) + 4} fontSize={11} textAnchor="end" fill="#495057">
          {yFormat(yMax * f)}
        </text>
      ))}
      <text x={(W + L) / 2} y={H - 4} fontSize={12} textAnchor="middle" fill="#343a40">
        {xLabel}
      </text>
      <text
        x={12}
        y={H / 2}
        fontSize={12}
        textAnchor="middle"
        fill="#343a40"
        transform={`rotate(-90 12 ${H / 2})`}
      >
        {yLabel}
      </text>
    </svg>
  );
}

/** Project bars on a time axis (roadmap strip), coloured by weather, with a "today" line. */
export function RoadmapStrip({
  rows,
  window,
  today,
  label,
  todayLabel,
}: {
  rows: {
    id: string;
    label: string;
    start: string;
    finish: string;
    color: string;
    title: string;
  }[];
  window: { start: string; finish: string };
  today: string;
  label: string;
  todayLabel: string;
}) {
  const W = 640;
  const L = 150;
  const h = 20;
  const H = rows.length * h + 30;
  const t0 = Date.parse(window.start);
  const t1 = Math.max(t0 + 86_400_000, Date.parse(window.finish));
  const px = (d: string) => L + ((Date.parse(d) - t0) / (t1 - t0)) * (W - L - 10);
  const years: string[] = [];
  for (let y = new Date(t0).getUTCFullYear(); y <= new Date(t1).getUTCFullYear(); y++)
    years.push(`${y}-01-01`);
  const tx = Date.parse(today);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${W} ${H}`} width="100%">
      {years
        .filter((y) => Date.parse(y) >= t0 && Date.parse(y) <= t1)
        .map((y) => (
          <g key={y}>
            <line x1={px(y)} x2={px(y)} y1={14} y2={H} stroke="#dee2e6" />
            <text x={px(y) + 3} y={11} fontSize={11} fill="#495057">
              {y.slice(0, 4)}
            </text>
          </g>
        ))}
      {rows.map((r, i) => (
        <g key={r.id} transform={`translate(0 ${20 + i * h})`}>
          <title>{r.title}</title>
          <text x={0} y={13} fontSize={11} fill="#343a40">
            {r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label}
          </text>
          <rect
            x={px(r.start)}
            y={3}
            width={Math.max(3, px(r.finish) - px(r.start))}
            height={13}
            rx={3}
            fill={r.color}
          />
        </g>
      ))}
      {tx >= t0 && tx <= t1 && (
        <g>
          <line x1={px(today)} x2={px(today)} y1={14} y2={H} stroke="#1c7ed6" strokeWidth={1.5} />
          <text x={px(today) + 3} y={H - 2} fontSize={10} fill="#1864ab">
            {todayLabel}
          </text>
        </g>
      )}
    </svg>
  );
}

/** Paired bars per group: a reference (budget, capacity) and a measure (actual, allocated). */
export function PairBars({
  groups,
  label,
  refLabel,
  valueLabel,
  format,
  over,
}: {
  groups: { key: string; label: string; ref: number; value: number }[];
  label: string;
  refLabel: string;
  valueLabel: string;
  format: (v: number) => string;
  /** Colour of a measure above its reference (overspend, overload). */
  over: string;
}) {
  const max = Math.max(1, ...groups.flatMap((g) => [g.ref, g.value]));
  // Laid out in HTML (text in CSS pixels, bars in % of their column) rather than a fixed SVG
  // scaled to the card: the text keeps its 12 px in a narrow card, on screen and in print (the
  // one-pager's quarter-width card shrank a 580-unit drawing to half size, and the print zoom
  // shrank it again). A narrow card puts each label on its own line above its bars.
  const { ref, width } = useElementSize();
  const narrow = width > 0 && width < 420;
  const bar = (v: number, fill: string) => (
    <div style={{ height: 14, width: `${(v / max) * 100}%`, background: fill }} />
  );
  const ellipsis = {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  } as const;
  return (
    <Stack gap={4} ref={ref}>
      <div
        role="img"
        aria-label={`${label} : ${groups
          .map((g) => `${g.label} ${refLabel} ${format(g.ref)}, ${valueLabel} ${format(g.value)}`)
          .join(' ; ')}`}
        style={{
          display: 'grid',
          gridTemplateColumns: narrow
            ? 'minmax(0, 1fr) auto'
            : 'minmax(0, 170px) minmax(0, 1fr) auto',
          columnGap: 8,
          rowGap: 2,
          alignItems: 'center',
          fontSize: 12,
          color: '#343a40',
        }}
      >
        {groups.map((g) => (
          <Fragment key={g.key}>
            <div
              aria-hidden
              title={g.label}
              style={{ ...ellipsis, gridColumn: narrow ? '1 / -1' : undefined, marginTop: 6 }}
            >
              {g.label}
            </div>
            <div aria-hidden style={{ display: 'grid', rowGap: 2, marginTop: narrow ? 0 : 6 }}>
              {bar(g.ref, '#ced4da')}
              {bar(g.value, g.ref > 0 && g.value > g.ref ? over : '#1c7ed6')}
            </div>
            <div
              aria-hidden
              style={{
                display: 'grid',
                rowGap: 2,
                fontSize: 11,
                lineHeight: '14px',
                marginTop: narrow ? 0 : 6,
                fontVariantNumeric: 'tabular-nums',
              }}
            >
              <span style={{ color: '#495057' }}>{format(g.ref)}</span>
              <span>{format(g.value)}</span>
            </div>
          </Fragment>
        ))}
      </div>
      <Group gap="md">
        <Group gap={4}>
          <svg width={10} height={10} aria-hidden>
            <rect width={10} height={10} fill="#ced4da" />
          </svg>
          <Text size="xs">{refLabel}</Text>
        </Group>
        <Group gap={4}>
          <svg width={10} height={10} aria-hidden>
            <rect width={10} height={10} fill="#1c7ed6" />
          </svg>
          <Text size="xs">{valueLabel}</Text>
        </Group>
      </Group>
    </Stack>
  );
}

/** A small line of a KPI's values over time, points coloured by their RAG status. */
export function Sparkline({
  points,
  label,
}: {
  points: { value: number | null; status: string | null }[];
  label: string;
}) {
  const vals = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const W = 160;
  const H = 36;
  if (vals.length === 0) return null;
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const px = (i: number) => (points.length === 1 ? W / 2 : 4 + (i / (points.length - 1)) * (W - 8));
  const py = (v: number) => (hi === lo ? H / 2 : H - 4 - ((v - lo) / (hi - lo)) * (H - 8));
  const color = { green: '#2f9e44', amber: '#f08c00', red: '#e03131' } as Record<string, string>;
  const path = points
    .flatMap((p, i) => (p.value === null ? [] : [`${px(i)},${py(p.value)}`]))
    .join(' ');
  return (
    // Scales down with its column (the one-pager's narrow KPI card), never above its drawn size.
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${W} ${H}`}
      style={{ display: 'block', width: '100%', maxWidth: W, height: 'auto', minWidth: 60 }}
    >
      <polyline points={path} fill="none" stroke="#868e96" strokeWidth={1.5} />
      {points.map((p, i) =>
        p.value === null ? null : (
          <circle
            key={i}
            cx={px(i)}
            cy={py(p.value)}
            r={3}
            fill={color[p.status ?? ''] ?? '#495057'}
          />
        ),
      )}
    </svg>
  );
}
