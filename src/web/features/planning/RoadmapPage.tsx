import {
  Anchor,
  Group,
  MultiSelect,
  Paper,
  SegmentedControl,
  Table,
  Text,
  useComputedColorScheme,
} from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PROJECT_STATUSES } from '../../../contracts/portfolio.ts';
import { toEpochDay } from '../../../core/calendar/days.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { currentLocale } from '../../i18n.ts';
import { StatusBadge } from '../portfolio/badges.tsx';
import { PortfolioSelect, ProgramSelect } from '../portfolio/pickers.tsx';
import { arrowHead, pathOf } from './arrows.ts';
import { DARK_PALETTE, LIGHT_PALETTE } from './gantt-palette.ts';
import { GanttHeader } from './GanttSvg.tsx';
import { useRoadmap } from './planning-api.ts';
import { layoutRoadmap, type RoadmapRow } from './roadmap-layout.ts';
import { todayEpochDay, xOf, type Zoom } from './timeline-scale.ts';
import './gantt.css';

const LABEL_WIDTH = 280;

/** "Feuille de route": every visible project of a portfolio or programme on one timeline. */
export function RoadmapPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const portfolioId = params.get('portfolio');
  const programId = params.get('program');
  const status = params.getAll('status');
  const zoom: Zoom = params.get('zoom') === 'quarter' ? 'quarter' : 'month';
  const set = (key: string, value: string | string[] | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.delete(key);
        if (key === 'portfolio') next.delete('program');
        for (const v of Array.isArray(value) ? value : value ? [value] : []) next.append(key, v);
        return next;
      },
      { replace: true },
    );
  const roadmap = useRoadmap({ portfolioId, programId, status });
  const today = todayEpochDay();
  const layout = useMemo(
    () =>
      roadmap.data && roadmap.data.projects.length > 0
        ? layoutRoadmap(roadmap.data, zoom, today)
        : null,
    [roadmap.data, zoom, today],
  );
  const dark = useComputedColorScheme('light') === 'dark';
  const c = dark ? DARK_PALETTE : LIGHT_PALETTE;
  const locale = currentLocale() === 'fr' ? 'fr-FR' : 'en-GB';

  return (
    <>
      <PageHeader
        title={t('roadmap.title')}
        breadcrumbs={[
          { label: t('nav.portfolios'), to: '/portfolios' },
          { label: t('roadmap.title') },
        ]}
      />
      <Group gap="sm" mb="md" align="flex-end">
        <PortfolioSelect
          label={t('roadmap.portfolio')}
          value={portfolioId}
          onChange={(v) => set('portfolio', v)}
          clearable
          placeholder={t('filters.all')}
          w={240}
        />
        <ProgramSelect
          label={t('roadmap.program')}
          portfolioId={portfolioId}
          value={programId}
          onChange={(v) => set('program', v)}
          placeholder={t('filters.all')}
          w={240}
        />
        <MultiSelect
          label={t('roadmap.status')}
          data={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`project.status.${s}`) }))}
          value={status}
          onChange={(v) => set('status', v)}
          placeholder={status.length ? undefined : t('filters.all')}
          clearable
          w={280}
        />
        <SegmentedControl
          value={zoom}
          onChange={(v) => set('zoom', v === 'month' ? null : v)}
          aria-label={t('planning.zoom.label')}
          data={[
            { value: 'month', label: t('planning.zoom.month') },
            { value: 'quarter', label: t('planning.zoom.quarter') },
          ]}
        />
      </Group>
      {roadmap.isPending ? (
        <TableSkeleton rows={8} />
      ) : roadmap.isError ? (
        <ErrorState error={roadmap.error} onRetry={() => void roadmap.refetch()} />
      ) : !layout ? (
        <EmptyState title={t('roadmap.emptyTitle')} message={t('roadmap.emptyMessage')} />
      ) : (
        <>
          <div
            className="gantt-scroller"
            style={{ height: 'auto', maxHeight: 'calc(100vh - 250px)' }}
          >
            <div style={{ width: LABEL_WIDTH + layout.scale.width, position: 'relative' }}>
              <div className="gantt-head">
                <div className="gantt-table-head" style={{ width: LABEL_WIDTH }}>
                  <div className="gantt-cell">{t('roadmap.project')}</div>
                </div>
                <GanttHeader
                  scale={layout.scale}
                  xFrom={0}
                  xTo={layout.scale.width}
                  palette={c}
                  locale={locale}
                  weekLabel={(n) => t('planning.weekShort', { n })}
                  quarterLabel={(n) => t('planning.quarterShort', { n })}
                  isWorking={() => true}
                />
              </div>
              <div className="gantt-body" style={{ height: layout.height }}>
                <ul
                  className="gantt-grid roadmap-labels"
                  style={{
                    width: LABEL_WIDTH,
                    height: layout.height,
                    listStyle: 'none',
                    margin: 0,
                    padding: 0,
                  }}
                >
                  {layout.rows.map((row) => (
                    <li
                      key={row.kind === 'group' ? row.key : row.project.id}
                      className={row.kind === 'group' ? 'roadmap-group' : 'roadmap-project'}
                      style={{
                        position: 'absolute',
                        top: row.y,
                        height: row.height,
                        left: 0,
                        right: 0,
                      }}
                    >
                      {row.kind === 'group' ? (
                        <Text size="xs" fw={700} tt="uppercase" c="dimmed" px={8} pt={8} truncate>
                          {row.portfolio} · {row.label ?? t('roadmap.noProgram')} ({row.count})
                        </Text>
                      ) : (
                        <Group gap={6} px={8} h="100%" wrap="nowrap">
                          <Text ff="monospace" size="xs" c="dimmed">
                            {row.project.code}
                          </Text>
                          <Anchor
                            component={Link}
                            to={`/projects/${row.project.id}/planning`}
                            size="sm"
                            truncate
                            style={{ flex: 1 }}
                          >
                            {row.project.name}
                          </Anchor>
                        </Group>
                      )}
                    </li>
                  ))}
                </ul>
                <RoadmapSvg rows={layout.rows} layout={layout} today={today} dark={dark} />
              </div>
            </div>
          </div>
          <Group gap="lg" mt="xs">
            <Legend color={c.bar} label={t('roadmap.legend.phase')} />
            <Legend color={c.milestone} label={t('roadmap.legend.milestone')} diamond />
            <Legend color={c.statusDate} label={t('roadmap.legend.done')} diamond />
            <Legend color={c.criticalProgress} label={t('roadmap.legend.slippage')} />
            <Legend color={c.baseline} label={t('roadmap.legend.baseline')} />
          </Group>
          <details style={{ marginTop: 16 }}>
            <summary>
              <Text span size="sm">
                {t('roadmap.asTable')}
              </Text>
            </summary>
            <Paper withBorder mt="xs">
              <Table.ScrollContainer minWidth={760}>
                <Table fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('roadmap.project')}</Table.Th>
                      <Table.Th>{t('roadmap.program')}</Table.Th>
                      <Table.Th>{t('roadmap.status')}</Table.Th>
                      <Table.Th>{t('planning.columns.start')}</Table.Th>
                      <Table.Th>{t('planning.columns.finish')}</Table.Th>
                      <Table.Th>{t('roadmap.baselineFinish')}</Table.Th>
                      <Table.Th ta="right">{t('roadmap.slippage')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {layout.rows.flatMap((row) =>
                      row.kind === 'project'
                        ? [
                            <Table.Tr key={row.project.id}>
                              <Table.Td>
                                {row.project.code} — {row.project.name}
                              </Table.Td>
                              <Table.Td>{row.project.program?.name ?? '—'}</Table.Td>
                              <Table.Td>
                                <StatusBadge
                                  status={row.project.status as (typeof PROJECT_STATUSES)[number]}
                                />
                              </Table.Td>
                              <Table.Td>{formatDate(row.project.start)}</Table.Td>
                              <Table.Td>{formatDate(row.project.finish)}</Table.Td>
                              <Table.Td>{formatDate(row.project.baselineFinish)}</Table.Td>
                              <Table.Td ta="right">
                                {row.slippage === null
                                  ? '—'
                                  : t('roadmap.calendarDays', { n: row.slippage })}
                              </Table.Td>
                            </Table.Tr>,
                          ]
                        : [],
                    )}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          </details>
        </>
      )}
    </>
  );
}

function Legend({ color, label, diamond }: { color: string; label: string; diamond?: boolean }) {
  return (
    <Group gap={6} wrap="nowrap">
      <svg width={16} height={12} aria-hidden>
        {diamond ? (
          <path d="M8 0 L14 6 L8 12 L2 6 Z" fill={color} />
        ) : (
          <rect y={3} width={16} height={6} rx={2} fill={color} />
        )}
      </svg>
      <Text size="xs">{label}</Text>
    </Group>
  );
}

function RoadmapSvg({
  rows,
  layout,
  today,
  dark,
}: {
  rows: RoadmapRow[];
  layout: ReturnType<typeof layoutRoadmap>;
  today: number;
  dark: boolean;
}) {
  const { t } = useTranslation();
  const c = dark ? DARK_PALETTE : LIGHT_PALETTE;
  const { scale } = layout;
  const projects = rows.filter((r) => r.kind === 'project').length;
  const slipping = rows.filter((r) => r.kind === 'project' && (r.slippage ?? 0) > 0).length;
  const todayX = xOf(scale, today);
  return (
    <svg
      width={scale.width}
      height={layout.height}
      role="img"
      aria-labelledby="roadmap-title roadmap-desc"
      style={{ display: 'block', background: c.background }}
    >
      <title id="roadmap-title">{t('roadmap.title')}</title>
      <desc id="roadmap-desc">{t('roadmap.description', { count: projects, slipping })}</desc>
      {rows.map((row) => {
        if (row.kind === 'group') {
          return (
            <rect
              key={row.key}
              x={0}
              y={row.y}
              width={scale.width}
              height={row.height}
              fill={c.headerBackground}
            />
          );
        }
        const p = row.project;
        const mid = row.y + row.height / 2;
        const x = (d: string, end = false) => xOf(scale, toEpochDay(d) + (end ? 1 : 0));
        return (
          <g key={p.id}>
            <line
              x1={0}
              x2={scale.width}
              y1={row.y + row.height}
              y2={row.y + row.height}
              stroke={c.grid}
            />
            {p.start && p.finish && (
              <rect
                x={x(p.start)}
                y={mid - 3}
                width={Math.max(2, x(p.finish, true) - x(p.start))}
                height={6}
                rx={3}
                fill={c.grid}
                stroke={c.baseline}
                strokeWidth={0.5}
              />
            )}
            {p.phases.map((ph, i) => (
              <rect
                key={ph.id}
                x={x(ph.start)}
                y={mid - 7}
                width={Math.max(2, x(ph.finish, true) - x(ph.start))}
                height={14}
                rx={3}
                fill={i % 2 === 0 ? c.bar : c.barProgress}
                opacity={0.9}
              >
                <title>{`${ph.name} : ${formatDate(ph.start)} → ${formatDate(ph.finish)}`}</title>
              </rect>
            ))}
            {p.baselineFinish && p.finish && row.slippage !== null && row.slippage > 0 && (
              <line
                x1={x(p.baselineFinish, true)}
                x2={x(p.finish, true)}
                y1={mid + 11}
                y2={mid + 11}
                stroke={c.criticalProgress}
                strokeWidth={3}
              />
            )}
            {p.baselineFinish && (
              <g>
                <line
                  x1={x(p.baselineFinish, true)}
                  x2={x(p.baselineFinish, true)}
                  y1={mid - 12}
                  y2={mid + 13}
                  stroke={c.baseline}
                  strokeWidth={2}
                />
                <title>
                  {t('roadmap.baselineFinishAt', { date: formatDate(p.baselineFinish) })}
                </title>
              </g>
            )}
            {p.milestones.map((m) => {
              const mx = x(m.date);
              return (
                <g key={m.id}>
                  {m.baselineDate && m.baselineDate !== m.date && (
                    <path
                      d={`M${x(m.baselineDate)} ${mid - 5} l5 5 l-5 5 l-5 -5 Z`}
                      fill="none"
                      stroke={c.baseline}
                    />
                  )}
                  <path
                    d={`M${mx} ${mid - 8} L${mx + 8} ${mid} L${mx} ${mid + 8} L${mx - 8} ${mid} Z`}
                    fill={m.done ? c.statusDate : c.milestone}
                    stroke={c.background}
                  >
                    <title>{`${m.name} : ${formatDate(m.date)}${m.baselineDate ? ` (${t('roadmap.baselineShort')} ${formatDate(m.baselineDate)})` : ''}`}</title>
                  </path>
                </g>
              );
            })}
          </g>
        );
      })}
      {today >= scale.origin && today < scale.end && (
        <line
          x1={todayX}
          x2={todayX}
          y1={0}
          y2={layout.height}
          stroke={c.today}
          strokeWidth={1.5}
        />
      )}
      {layout.arrows.map((a) => (
        <g key={a.key}>
          <path d={pathOf(a.points)} fill="none" stroke={c.arrow} strokeWidth={1.3} />
          <path d={arrowHead(a.points)} fill={c.arrow} />
        </g>
      ))}
    </svg>
  );
}
