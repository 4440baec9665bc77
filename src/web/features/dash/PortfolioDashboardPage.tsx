import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconPrinter, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { DashPortfolio, DashProject } from '../../../contracts/dash.ts';
import { roadmapWindow } from '../../../core/dash/portfolio.ts';
import { toQueryString } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { errorMessage } from '../../components/errors.ts';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../format.ts';
import { currentLocale } from '../../i18n.ts';
import { TrendArrow, WeatherBadge } from '../reporting/Weather.tsx';
import {
  BarList,
  BubbleChart,
  ChartCard,
  compactMoney,
  DataTable,
  PairBars,
  RoadmapStrip,
  Sparkline,
  StackBar,
  WEATHER_FILL,
} from './charts.tsx';
import {
  type DashFilters,
  type DashRowsView,
  useDashProjects,
  usePortfolioDashboard,
  useRefreshDashboards,
} from './dash-api.ts';

/** Rows of a drill-down page. */
const PAGE = 25;
const FILTER_KEYS = [
  'portfolioId',
  'programId',
  'orgUnitId',
  'managerId',
  'phase',
  'weather',
] as const;

/** The filters as they stand in the address (shareable, and read by the one-pager). */
export function useDashFilters(): [DashFilters, (k: keyof DashFilters, v: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const filters: DashFilters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) (filters as Record<string, string>)[k] = v;
  }
  const set = (k: keyof DashFilters, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k === 'portfolioId') next.delete('programId');
    setParams(next, { replace: true });
  };
  return [filters, set];
}

const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v)} %`);
const money = (v: number | null) => (v === null ? '—' : formatMoney(v));

/** The name of a mix item: a phase name, a weather, or "none". */
function useLabels() {
  const { t } = useTranslation();
  return {
    weather: (k: string) => t(k === '_none' ? 'dash.noWeather' : `reporting.weather.${k}`),
    none: (k: string, name: string, kind: 'phase' | 'program' | 'orgUnit') =>
      k === '_none' ? t(`dash.none.${kind}`) : name,
  };
}

export function FreshnessLine({ data }: { data: DashPortfolio }) {
  const { t } = useTranslation();
  const f = data.freshness;
  return (
    <Text size="sm" c="dimmed" role="status">
      {f.computedAt
        ? t('dash.freshness', { asOf: formatDate(f.asOf), at: formatDateTime(f.computedAt) })
        : t('dash.freshnessNone')}
    </Text>
  );
}

function Stat({ label, value, sub }: { label: string; value: string; sub?: string }) {
  return (
    <Card withBorder radius="md" padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {sub && (
        <Text size="xs" c="dimmed">
          {sub}
        </Text>
      )}
    </Card>
  );
}

/** The headline figures of the filtered projects (also on the one-pager). */
export function Headline({ data }: { data: DashPortfolio }) {
  const { t } = useTranslation();
  const red = data.headline.red;
  const h = data.headline;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }}>
      <Stat label={t('dash.stat.projects')} value={formatNumber(h.projects)} />
      <Stat label={t('dash.stat.red')} value={formatNumber(red)} sub={t('dash.stat.redSub')} />
      <Stat label={t('dash.stat.budget')} value={compactMoney(data.budget.total.budgetCents)} />
      <Stat
        label={t('dash.stat.actual')}
        value={compactMoney(data.budget.total.actualCents)}
        sub={t('dash.stat.consumed', { pct: pct(data.budget.total.consumedPct) })}
      />
      <Stat label={t('dash.stat.exposure')} value={compactMoney(h.exposureCents)} />
      <Stat
        label={t('dash.stat.lateMilestones')}
        value={formatNumber(h.milestonesLate)}
        sub={t('dash.stat.lateSub')}
      />
      <Stat
        label={t('dash.stat.benefits')}
        value={data.benefits ? compactMoney(data.benefits.realisedCents) : '—'}
        sub={
          data.benefits
            ? t('dash.stat.benefitsSub', { pct: pct(data.benefits.ratePct) })
            : t('dash.stat.benefitsNone')
        }
      />
    </SimpleGrid>
  );
}

export function WeatherMixCard({ data }: { data: DashPortfolio }) {
  const { t } = useTranslation();
  const l = useLabels();
  const items = data.weatherMix.map((m) => ({
    key: m.key,
    label: l.weather(m.key),
    value: m.count,
    color: WEATHER_FILL[m.key]!,
  }));
  return (
    <ChartCard
      id="dash-weather"
      title={t('dash.weatherMix')}
      csvName="meteo-projets.csv"
      csvRows={[
        [t('dash.col.weather'), t('dash.col.projects')],
        ...items.map((i) => [i.label, i.value]),
      ]}
      table={
        <DataTable
          head={[t('dash.col.weather'), t('dash.col.projects')]}
          rows={items.map((i) => [i.label, i.value])}
        />
      }
      empty={data.headline.projects === 0 ? t('dash.emptyFilter') : null}
    >
      <StackBar items={items} label={t('dash.weatherMix')} />
    </ChartCard>
  );
}

function PhaseMixCard({ data }: { data: DashPortfolio }) {
  const { t } = useTranslation();
  const l = useLabels();
  const items = data.phaseMix.map((m) => ({
    key: m.key,
    label: l.none(m.key, m.name, 'phase'),
    value: m.count,
  }));
  const statuses = data.statusMix.map((m) => ({
    key: m.key,
    label: t(`project.status.${m.key}`, { defaultValue: m.key }),
    value: m.count,
    color: '#495057',
  }));
  return (
    <ChartCard
      id="dash-phase"
      title={t('dash.phaseMix')}
      hint={t('dash.phaseHint')}
      csvName="phases-projets.csv"
      csvRows={[
        [t('dash.col.phase'), t('dash.col.projects')],
        ...items.map((i) => [i.label, i.value]),
        [],
        [t('dash.col.status'), t('dash.col.projects')],
        ...statuses.map((i) => [i.label, i.value]),
      ]}
      table={
        <Stack gap="sm">
          <DataTable
            head={[t('dash.col.phase'), t('dash.col.projects')]}
            rows={items.map((i) => [i.label, i.value])}
          />
          <DataTable
            head={[t('dash.col.status'), t('dash.col.projects')]}
            rows={statuses.map((i) => [i.label, i.value])}
          />
        </Stack>
      }
      empty={data.headline.projects === 0 ? t('dash.emptyFilter') : null}
    >
      <BarList items={items} label={t('dash.phaseMix')} />
      <Text size="xs" fw={600} mt="xs">
        {t('dash.statusMix')}
      </Text>
      <BarList items={statuses} label={t('dash.statusMix')} />
    </ChartCard>
  );
}

/**
 * A page of the filtered projects, fetched on demand (the dashboard itself sends only what its
 * charts draw): the table view behind the bubble chart, the roadmap and the projects to watch.
 */
export function PagedProjects({
  filters,
  view,
  head,
  row,
}: {
  filters: DashFilters;
  view: DashRowsView;
  head: string[];
  row: (p: DashProject) => React.ReactNode[];
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const q = useDashProjects(filters, view, (page - 1) * PAGE, PAGE);
  if (q.isPending) return <TableSkeleton rows={5} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const pages = Math.max(1, Math.ceil(q.data.total / PAGE));
  return (
    <Stack gap="xs">
      <DataTable head={head} rows={q.data.items.map(row)} />
      {pages > 1 && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('dash.pageOf', {
              from: formatNumber(q.data.offset + 1),
              to: formatNumber(q.data.offset + q.data.items.length),
              total: formatNumber(q.data.total),
            })}
          </Text>
          <Pagination
            size="sm"
            total={pages}
            value={page}
            onChange={setPage}
            getControlProps={(c) => ({ 'aria-label': t('dash.pageLabel', { n: c }) })}
          />
        </Group>
      )}
    </Stack>
  );
}

export function BubbleCard({ data, filters }: { data: DashPortfolio; filters: DashFilters }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const l = useLabels();
  const points = data.bubbles.items;
  const head = [
    t('dash.col.code'),
    t('dash.col.project'),
    t('dash.col.value'),
    t('dash.col.exposure'),
    t('dash.col.budget'),
    t('dash.col.weather'),
  ];
  const noStrategy = points.length > 0 && points.every((p) => p.value === null);
  const hint = noStrategy ? t('dash.bubbleNoStrategy') : t('dash.bubbleHint');
  return (
    <ChartCard
      id="dash-bubble"
      title={t('dash.bubble')}
      hint={
        data.bubbles.total > points.length
          ? `${hint} ${t('dash.bubbleShown', { n: points.length, total: data.bubbles.total })}`
          : hint
      }
      csvName="valeur-risque.csv"
      csvRows={[
        head,
        ...points.map((p) => [
          p.code,
          p.name,
          p.value,
          p.exposureCents === null ? null : p.exposureCents / 100,
          p.budgetCents === null ? null : p.budgetCents / 100,
          l.weather(p.weather ?? '_none'),
        ]),
      ]}
      table={
        <PagedProjects
          filters={filters}
          view="all"
          head={head}
          row={(p) => [
            p.code,
            p.name,
            pct(p.value),
            money(p.exposureCents),
            money(p.budgetCents),
            <WeatherBadge key="w" weather={p.weather} size="sm" />,
          ]}
        />
      }
      empty={points.length === 0 ? t('dash.emptyFilter') : null}
    >
      <BubbleChart
        label={t('dash.bubbleLabel', { n: points.length })}
        xLabel={t('dash.col.value')}
        yLabel={t('dash.col.exposure')}
        yFormat={(v) => compactMoney(v)}
        onSelect={(id) => navigate(`/projects/${id}/dashboard`)}
        bubbles={points.map((p) => ({
          id: p.id,
          label: p.code,
          x: p.value ?? 0,
          y: p.exposureCents ?? 0,
          size: p.budgetCents ?? 0,
          color: WEATHER_FILL[p.weather ?? '_none']!,
          title: `${p.code} ${p.name} — ${t('dash.col.value')} ${pct(p.value)}, ${t('dash.col.exposure')} ${money(p.exposureCents)}, ${t('dash.col.budget')} ${money(p.budgetCents)}`,
        }))}
      />
    </ChartCard>
  );
}

export function RoadmapCard({
  data,
  filters,
  rows,
}: {
  data: DashPortfolio;
  filters: DashFilters;
  rows?: number;
}) {
  const { t } = useTranslation();
  const l = useLabels();
  const shown = rows ? data.roadmap.items.slice(0, rows) : data.roadmap.items;
  const win = roadmapWindow(shown);
  const dated = { length: data.roadmap.total };
  const head = [
    t('dash.col.code'),
    t('dash.col.project'),
    t('dash.col.start'),
    t('dash.col.finish'),
    t('dash.col.slippage'),
    t('dash.col.weather'),
  ];
  return (
    <ChartCard
      id="dash-roadmap"
      title={t('dash.roadmap')}
      hint={
        dated.length > shown.length
          ? t('dash.roadmapHint', { n: shown.length, total: dated.length })
          : undefined
      }
      csvName="feuille-de-route.csv"
      csvRows={[
        head,
        ...shown.map((p) => [
          p.code,
          p.name,
          p.start,
          p.finish,
          p.slippageDays,
          l.weather(p.weather ?? '_none'),
        ]),
      ]}
      table={
        <PagedProjects
          filters={filters}
          view="dated"
          head={head}
          row={(p) => [
            p.code,
            p.name,
            formatDate(p.start),
            formatDate(p.finish),
            p.slippageDays === null ? '—' : t('dash.days', { n: p.slippageDays }),
            <WeatherBadge key="w" weather={p.weather} size="sm" />,
          ]}
        />
      }
      empty={!win ? t('dash.roadmapEmpty') : null}
    >
      {win && (
        <RoadmapStrip
          label={t('dash.roadmapLabel', { n: shown.length })}
          todayLabel={t('dash.today')}
          today={data.asOf}
          window={win}
          rows={shown.map((p) => ({
            id: p.id,
            label: `${p.code} ${p.name}`,
            start: p.start!,
            finish: p.finish!,
            color: WEATHER_FILL[p.weather ?? '_none']!,
            title: `${p.code} ${p.name} : ${formatDate(p.start)} → ${formatDate(p.finish)}`,
          }))}
        />
      )}
    </ChartCard>
  );
}

/** Planned vs realised benefits of the filtered projects' business cases (issue 8 KPI). */
export function BenefitsCard({ data }: { data: DashPortfolio }) {
  const { t } = useTranslation();
  const b = data.benefits;
  const head = [t('dash.col.benefit'), t('dash.col.amount')];
  const rows: [string, number | null][] = b
    ? [
        [t('dash.benefits.planned'), b.plannedCents],
        [t('dash.benefits.plannedToDate'), b.plannedToDateCents],
        [t('dash.benefits.realised'), b.realisedCents],
      ]
    : [];
  return (
    <ChartCard
      id="dash-benefits"
      title={t('dash.benefits.title')}
      hint={b ? t('dash.benefits.hint', { count: b.projects, pct: pct(b.ratePct) }) : undefined}
      csvName="benefices.csv"
      csvRows={[head, ...rows.map(([k, v]) => [k, v === null ? null : v / 100])]}
      table={<DataTable head={head} rows={rows.map(([k, v]) => [k, money(v)])} />}
      empty={b ? null : t('dash.benefits.empty')}
    >
      {b && (
        <PairBars
          label={t('dash.benefits.title')}
          refLabel={t('dash.benefits.plannedToDate')}
          valueLabel={t('dash.benefits.realised')}
          format={compactMoney}
          over="#2f9e44"
          groups={[
            {
              key: 'due',
              label: `${t('dash.benefits.toDate')} (${pct(b.ratePct)})`,
              ref: b.plannedToDateCents,
              value: b.realisedCents,
            },
            {
              key: 'all',
              label: t('dash.benefits.whole'),
              ref: b.plannedCents,
              value: b.realisedCents,
            },
          ]}
        />
      )}
    </ChartCard>
  );
}

export function BudgetCard({ data }: { data: DashPortfolio }) {
  const { t } = useTranslation();
  const l = useLabels();
  const groups = data.budget.groups.map((g) => ({ ...g, label: l.none(g.key, g.name, 'program') }));
  const head = [
    t('dash.col.program'),
    t('dash.col.projects'),
    t('dash.col.budget'),
    t('dash.col.actual'),
    t('dash.col.committed'),
    t('dash.col.consumed'),
  ];
  const hasMoney = groups.some((g) => g.budgetCents > 0 || g.actualCents > 0);
  return (
    <ChartCard
      id="dash-budget"
      title={t('dash.budget')}
      csvName="budget-realise.csv"
      csvRows={[
        head,
        ...groups.map((g) => [
          g.label,
          g.projects,
          g.budgetCents / 100,
          g.actualCents / 100,
          g.committedCents / 100,
          g.consumedPct,
        ]),
      ]}
      table={
        <DataTable
          head={head}
          rows={[
            ...groups.map((g) => [
              g.label,
              g.projects,
              money(g.budgetCents),
              money(g.actualCents),
              money(g.committedCents),
              pct(g.consumedPct),
            ]),
            [
              <b key="t">{t('dash.total')}</b>,
              data.headline.projects,
              money(data.budget.total.budgetCents),
              money(data.budget.total.actualCents),
              money(data.budget.total.committedCents),
              pct(data.budget.total.consumedPct),
            ],
          ]}
        />
      }
      empty={hasMoney ? null : t('dash.budgetEmpty')}
    >
      <PairBars
        label={t('dash.budget')}
        refLabel={t('dash.col.budget')}
        valueLabel={t('dash.col.actual')}
        format={compactMoney}
        over="#e03131"
        groups={groups.map((g) => ({
          key: g.key,
          label: g.label,
          ref: g.budgetCents,
          value: g.actualCents,
        }))}
      />
    </ChartCard>
  );
}

export function CapacityCard({ data }: { data: DashPortfolio }) {
  const { t } = useTranslation();
  const l = useLabels();
  const groups = data.capacity.groups.map((g) => ({
    ...g,
    label: l.none(g.key, g.name, 'orgUnit'),
  }));
  const head = [
    t('dash.col.orgUnit'),
    t('dash.col.allocated'),
    t('dash.col.capacity'),
    t('dash.col.load'),
    t('dash.col.level'),
  ];
  const hours = (h: number) => t('dash.hours', { n: formatNumber(Math.round(h)) });
  return (
    <ChartCard
      id="dash-capacity"
      title={t('dash.capacity')}
      hint={t('dash.capacityHint')}
      csvName="charge-capacite.csv"
      csvRows={[
        head,
        ...groups.map((g) => [
          g.label,
          g.allocatedHours,
          g.capacityHours,
          g.loadPct,
          t(`dash.level.${g.level}`),
        ]),
      ]}
      table={
        <DataTable
          head={head}
          rows={groups.map((g) => [
            g.label,
            hours(g.allocatedHours),
            hours(g.capacityHours),
            pct(g.loadPct),
            t(`dash.level.${g.level}`),
          ])}
        />
      }
      empty={groups.length === 0 ? t('dash.capacityEmpty') : null}
    >
      <PairBars
        label={t('dash.capacity')}
        refLabel={t('dash.col.capacity')}
        valueLabel={t('dash.col.allocated')}
        format={hours}
        over="#e03131"
        groups={groups.map((g) => ({
          key: g.key,
          label: `${g.label} (${pct(g.loadPct)})`,
          ref: g.capacityHours,
          value: g.allocatedHours,
        }))}
      />
    </ChartCard>
  );
}

export function KpiCard({ data, filters }: { data: DashPortfolio; filters: DashFilters }) {
  const { t } = useTranslation();
  const fr = currentLocale() === 'fr';
  const fmt = (v: number | null, unit: string) =>
    v === null ? '—' : `${formatNumber(Math.round(v * 100) / 100)}${unit ? ` ${unit}` : ''}`;
  const head = [t('dash.col.kpi'), t('dash.col.date'), t('dash.col.valueKpi'), t('dash.col.rag')];
  const flat = data.kpis.flatMap((k) =>
    k.points.map((p) => [
      fr ? k.nameFr : k.nameEn,
      p.asOf,
      p.value,
      p.status ? t(`reporting.rag.${p.status}`) : '',
    ]),
  );
  return (
    <ChartCard
      id="dash-kpis"
      title={t('dash.kpis')}
      csvName="kpi-tendances.csv"
      csvRows={[head, ...flat]}
      table={
        <DataTable
          head={head}
          rows={data.kpis.flatMap((k) =>
            k.points.map((p) => [
              fr ? k.nameFr : k.nameEn,
              formatDate(p.asOf),
              fmt(p.value, k.unit),
              p.status ? t(`reporting.rag.${p.status}`) : '—',
            ]),
          )}
        />
      }
      empty={
        !filters.portfolioId
          ? t('dash.kpisPickPortfolio')
          : data.kpis.length === 0
            ? t('dash.kpisEmpty')
            : null
      }
    >
      <Stack gap="xs">
        {data.kpis.map((k) => {
          const last = k.points[k.points.length - 1];
          const name = fr ? k.nameFr : k.nameEn;
          return (
            <Group key={k.id} justify="space-between" wrap="nowrap">
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" fw={600} truncate>
                  {name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('dash.kpiThresholds', {
                    green: fmt(k.green, k.unit),
                    amber: fmt(k.amber, k.unit),
                    dir: t(`dash.dir.${k.direction}`),
                  })}
                </Text>
              </Stack>
              <Sparkline
                points={k.points}
                label={t('dash.kpiTrendOf', { name, n: k.points.length })}
              />
              <Text size="sm" fw={700} w={90} ta="right">
                {fmt(last?.value ?? null, k.unit)}
              </Text>
            </Group>
          );
        })}
      </Stack>
    </ChartCard>
  );
}

function Filters({
  data,
  filters,
  set,
}: {
  data: DashPortfolio;
  filters: DashFilters;
  set: (k: keyof DashFilters, v: string | null) => void;
}) {
  const { t } = useTranslation();
  const l = useLabels();
  const o = data.options;
  const programs = o.programs.filter(
    (g) => !filters.portfolioId || g.portfolioId === filters.portfolioId,
  );
  const sel = (k: keyof DashFilters, label: string, items: { value: string; label: string }[]) => (
    <Select
      key={k}
      label={label}
      placeholder={t('dash.all')}
      data={items}
      value={filters[k] ?? null}
      onChange={(v) => set(k, v)}
      clearable
      searchable
      size="xs"
      w={190}
      comboboxProps={{ withinPortal: true }}
    />
  );
  return (
    <Group
      gap="sm"
      align="end"
      className="dash-no-print"
      role="search"
      aria-label={t('dash.filters')}
    >
      {sel(
        'portfolioId',
        t('dash.filter.portfolio'),
        o.portfolios.map((p) => ({ value: p.id, label: p.name })),
      )}
      {sel(
        'programId',
        t('dash.filter.program'),
        programs.map((p) => ({ value: p.id, label: p.name })),
      )}
      {sel(
        'orgUnitId',
        t('dash.filter.orgUnit'),
        o.orgUnits.map((p) => ({ value: p.id, label: p.name })),
      )}
      {sel(
        'managerId',
        t('dash.filter.manager'),
        o.managers.map((p) => ({ value: p.id, label: p.name })),
      )}
      {sel('phase', t('dash.filter.phase'), [
        ...o.phases.map((p) => ({ value: p.key, label: p.name })),
        { value: '_none', label: t('dash.none.phase') },
      ])}
      {sel(
        'weather',
        t('dash.filter.weather'),
        ['sun', 'cloud', 'rain', 'storm', '_none'].map((w) => ({ value: w, label: l.weather(w) })),
      )}
    </Group>
  );
}

/** The projects needing attention (rain, storm or late milestones), worst first. */
export function AttentionTable({
  data,
  filters,
  limit,
}: {
  data: DashPortfolio;
  filters?: DashFilters;
  limit?: number;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = limit ? data.attention.items.slice(0, limit) : data.attention.items;
  if (data.attention.total === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('dash.attentionEmpty')}
      </Text>
    );
  const head = [
    t('dash.col.project'),
    t('dash.col.weather'),
    t('dash.col.lateMilestones'),
    t('dash.col.exposure'),
    t('dash.col.manager'),
  ];
  const row = (p: DashProject) => [
    <Anchor key="a" component={Link} to={`/projects/${p.id}/dashboard`} size="sm">
      {p.code} {p.name}
    </Anchor>,
    <Group key="w" gap={4} wrap="nowrap">
      <WeatherBadge weather={p.weather} size="sm" />
      <TrendArrow trend={p.trend} />
    </Group>,
    p.milestonesLate ?? '—',
    money(p.exposureCents),
    p.manager?.name ?? '—',
  ];
  if (all && filters)
    return <PagedProjects filters={filters} view="attention" head={head} row={row} />;
  return (
    <Stack gap="xs">
      <DataTable head={head} rows={shown.map(row)} />
      {filters && data.attention.total > shown.length && (
        <Button variant="subtle" size="xs" onClick={() => setAll(true)} w="fit-content">
          {t('dash.attentionAll', { n: data.attention.total })}
        </Button>
      )}
    </Stack>
  );
}

export function PortfolioDashboardPage() {
  const { t, i18n } = useTranslation();
  const [filters, set] = useDashFilters();
  const query = usePortfolioDashboard(filters);
  const refresh = useRefreshDashboards();
  const data = query.data;
  const search = new URLSearchParams(filters as Record<string, string>).toString();
  return (
    <>
      <PageHeader
        title={t('dash.title')}
        breadcrumbs={[{ label: t('dash.nav') }]}
        actions={
          <Group gap="xs">
            {(['xlsx', 'pdf'] as const).map((f) => (
              <Button
                key={f}
                component="a"
                href={`/api/v1/dashboards/portfolio/export${toQueryString({
                  ...filters,
                  format: f,
                  locale: i18n.language.startsWith('en') ? 'en' : 'fr',
                })}`}
                download
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
              >
                {t(`dash.export.${f}`)}
              </Button>
            ))}
            <Button
              component={Link}
              to={`/dashboards/executive${search ? `?${search}` : ''}`}
              variant="default"
              leftSection={<IconPrinter size={16} aria-hidden />}
            >
              {t('dash.executive.open')}
            </Button>
            {data?.canRefresh && (
              <Button
                leftSection={<IconRefresh size={16} aria-hidden />}
                loading={refresh.isPending}
                onClick={() => refresh.mutate()}
              >
                {t('dash.refresh')}
              </Button>
            )}
          </Group>
        }
      />
      {query.isPending ? (
        <TableSkeleton rows={8} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="md">
          <Group justify="space-between" wrap="wrap">
            <FreshnessLine data={data!} />
            {refresh.isSuccess && (
              <Text size="sm" c="teal.8" role="status">
                {t('dash.refreshed', { n: refresh.data.projects, ms: refresh.data.durationMs })}
              </Text>
            )}
          </Group>
          {refresh.isError && (
            <Alert color="red" role="alert">
              {errorMessage(t, refresh.error)}
            </Alert>
          )}
          {data!.freshness.missing > 0 && (
            <Alert color="yellow" variant="light">
              {t(data!.canRefresh ? 'dash.missingCanRefresh' : 'dash.missing', {
                n: data!.freshness.missing,
              })}
            </Alert>
          )}
          <Filters data={data!} filters={filters} set={set} />
          {data!.options.portfolios.length === 0 ? (
            <Alert color="gray" variant="light" title={t('dash.emptyTitle')}>
              {t('dash.empty')}
            </Alert>
          ) : (
            <>
              <Headline data={data!} />
              <SimpleGrid cols={{ base: 1, lg: 2 }}>
                <Stack gap="md">
                  <WeatherMixCard data={data!} />
                  <BenefitsCard data={data!} />
                </Stack>
                <PhaseMixCard data={data!} />
                <BubbleCard data={data!} filters={filters} />
                <RoadmapCard data={data!} filters={filters} />
                <BudgetCard data={data!} />
                <CapacityCard data={data!} />
              </SimpleGrid>
              <KpiCard data={data!} filters={filters} />
              <Card
                withBorder
                radius="md"
                padding="md"
                component="section"
                aria-labelledby="dash-attention"
              >
                <Title order={2} size="h4" id="dash-attention" mb="xs">
                  {t('dash.attention')}
                </Title>
                <AttentionTable data={data!} filters={filters} />
              </Card>
            </>
          )}
        </Stack>
      )}
    </>
  );
}
