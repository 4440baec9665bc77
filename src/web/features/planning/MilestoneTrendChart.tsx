import { Badge, Group, Paper, Stack, Table, Text, useComputedColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { addMonths } from './timeline-scale.ts';
import { formatDate } from '../../format.ts';
import { fromEpochDay } from '../../../core/calendar/days.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { useMilestoneTrend } from './planning-api.ts';
import { layoutTrend } from './trend-chart.ts';

/** Series colours distinguishable in light and dark themes, with a marker shape each. */
const COLORS = [
  '#1c5d99',
  '#c92a2a',
  '#2b8a3e',
  '#e8590c',
  '#7048e8',
  '#0c8599',
  '#a61e4d',
  '#5c940d',
];
const COLORS_DARK = [
  '#74c0fc',
  '#ff8787',
  '#69db7c',
  '#ffa94d',
  '#b197fc',
  '#66d9e8',
  '#f783ac',
  '#a9e34b',
];
const M = { top: 16, right: 24, bottom: 40, left: 84 };

/** The trend of a project's milestones: x = status date, y = planned date. */
export function MilestoneTrendChart({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const trend = useMilestoneTrend(projectId);
  const dark = useComputedColorScheme('light') === 'dark';
  if (trend.isPending) return <TableSkeleton rows={4} />;
  if (trend.isError) return <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />;
  const data = trend.data;
  if (data.milestones.length === 0 || data.points.length === 0) {
    return (
      <EmptyState
        title={t('milestones.trend.emptyTitle')}
        message={t('milestones.trend.emptyMessage')}
      />
    );
  }
  const doneById = new Map(data.milestones.filter((m) => m.done).map((m) => [m.id, m]));
  const width = 820;
  const height = 340;
  const layout = layoutTrend(data, width - M.left - M.right, height - M.top - M.bottom);
  const colors = dark ? COLORS_DARK : COLORS;
  const axis = dark ? '#adb5bd' : '#495057';
  const grid = dark ? '#373a40' : '#e9ecef';

  // Month ticks on both axes.
  const monthTicks = (from: number, to: number) => {
    const ticks: number[] = [];
    for (let d = addMonths(from, 1); d <= to; d = addMonths(d, 1)) ticks.push(d);
    const step = Math.ceil(ticks.length / 8);
    return ticks.filter((_, i) => i % step === 0);
  };
  const xTicks = monthTicks(layout.xDomain[0] - 1, layout.xDomain[1]);
  const yTicks = monthTicks(layout.yDomain[0] - 1, layout.yDomain[1]);
  const lo = Math.max(layout.xDomain[0], layout.yDomain[0]);
  const hi = Math.min(layout.xDomain[1], layout.yDomain[1]);

  return (
    <Stack gap="sm">
      <Paper withBorder p="sm" radius="md">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          role="img"
          aria-labelledby="trend-title trend-desc"
          style={{ maxWidth: width, display: 'block' }}
        >
          <title id="trend-title">{t('milestones.trend.title')}</title>
          <desc id="trend-desc">
            {t('milestones.trend.description', { count: data.milestones.length })}
          </desc>
          <g transform={`translate(${M.left} ${M.top})`}>
            {yTicks.map((d) => (
              <g key={`y${d}`}>
                <line x1={0} x2={layout.width} y1={layout.y(d)} y2={layout.y(d)} stroke={grid} />
                <text x={-8} y={layout.y(d) + 4} textAnchor="end" fontSize={11} fill={axis}>
                  {formatDate(fromEpochDay(d))}
                </text>
              </g>
            ))}
            {xTicks.map((d) => (
              <g key={`x${d}`}>
                <line x1={layout.x(d)} x2={layout.x(d)} y1={0} y2={layout.height} stroke={grid} />
                <text
                  x={layout.x(d)}
                  y={layout.height + 18}
                  textAnchor="middle"
                  fontSize={11}
                  fill={axis}
                >
                  {formatDate(fromEpochDay(d))}
                </text>
              </g>
            ))}
            {hi > lo && (
              <line
                x1={layout.x(lo)}
                y1={layout.y(lo)}
                x2={layout.x(hi)}
                y2={layout.y(hi)}
                stroke={axis}
                strokeDasharray="4 4"
              />
            )}
            <line x1={0} x2={0} y1={0} y2={layout.height} stroke={axis} />
            <line x1={0} x2={layout.width} y1={layout.height} y2={layout.height} stroke={axis} />
            {layout.series.map((s, i) => {
              const color = colors[i % colors.length]!;
              return (
                <g key={s.id}>
                  <polyline
                    points={s.points.map((p) => `${layout.x(p.x)},${layout.y(p.y)}`).join(' ')}
                    fill="none"
                    stroke={color}
                    strokeWidth={2}
                  />
                  {doneById.has(s.id) && s.points.length > 0 && (
                    <DoneMark
                      x={layout.x(s.points[s.points.length - 1]!.x)}
                      y={layout.y(s.points[s.points.length - 1]!.y)}
                      color={color}
                    />
                  )}
                  {s.points.map((p) => (
                    <Marker
                      key={p.statusDate}
                      shape={i % 3}
                      x={layout.x(p.x)}
                      y={layout.y(p.y)}
                      color={color}
                    >
                      {`${s.name} — ${formatDate(p.statusDate)} : ${formatDate(p.date)}`}
                    </Marker>
                  ))}
                </g>
              );
            })}
            <text
              x={layout.width / 2}
              y={layout.height + 36}
              textAnchor="middle"
              fontSize={12}
              fill={axis}
            >
              {t('milestones.trend.xAxis')}
            </text>
          </g>
        </svg>
        <Group gap="md" mt="xs" px="sm">
          {layout.series.map((s, i) => (
            <Group key={s.id} gap={6} wrap="nowrap">
              <svg width={14} height={14} aria-hidden>
                <Marker shape={i % 3} x={7} y={7} color={colors[i % colors.length]!} />
              </svg>
              <Text size="sm">{s.name}</Text>
              {doneById.get(s.id) && <DoneBadge doneOn={doneById.get(s.id)!.doneOn} />}
            </Group>
          ))}
        </Group>
        <Text size="xs" c="dimmed" px="sm" mt={4}>
          {t('milestones.trend.howToRead')}
        </Text>
      </Paper>
      <details>
        <summary>
          <Text span size="sm">
            {t('milestones.trend.table')}
          </Text>
        </summary>
        <Table.ScrollContainer minWidth={480}>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('milestones.trend.statusDate')}</Table.Th>
                {data.milestones.map((m) => (
                  <Table.Th key={m.id}>
                    {m.name}
                    {m.done && (
                      <>
                        {' '}
                        <DoneBadge doneOn={m.doneOn} />
                      </>
                    )}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...data.points]
                .sort((a, b) => a.statusDate.localeCompare(b.statusDate))
                .map((p) => (
                  <Table.Tr key={p.statusDate}>
                    <Table.Td>{formatDate(p.statusDate)}</Table.Td>
                    {data.milestones.map((m) => (
                      <Table.Td key={m.id}>{formatDate(p.dates[m.id] ?? null)}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </details>
    </Stack>
  );
}

/** "Atteint" (with its date when known) next to a reached milestone. */
function DoneBadge({ doneOn }: { doneOn: string | null }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" color="teal" variant="light">
      {doneOn
        ? t('milestones.trend.doneOn', { date: formatDate(doneOn) })
        : t('milestones.trend.done')}
    </Badge>
  );
}

/** A ring around the last point of a reached milestone: its line stops there. */
function DoneMark({ x, y, color }: { x: number; y: number; color: string }) {
  return <circle cx={x} cy={y} r={8} fill="none" stroke={color} strokeWidth={2} aria-hidden />;
}

function Marker({
  shape,
  x,
  y,
  color,
  children,
}: {
  shape: number;
  x: number;
  y: number;
  color: string;
  children?: string;
}) {
  const title = children ? <title>{children}</title> : null;
  if (shape === 1)
    return (
      <rect x={x - 4} y={y - 4} width={8} height={8} fill={color}>
        {title}
      </rect>
    );
  if (shape === 2)
    return (
      <path d={`M${x} ${y - 5} L${x + 5} ${y} L${x} ${y + 5} L${x - 5} ${y} Z`} fill={color}>
        {title}
      </path>
    );
  return (
    <circle cx={x} cy={y} r={4} fill={color}>
      {title}
    </circle>
  );
}
