import { Badge, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatMoney, formatNumber } from '../../format.ts';
import { WeatherBadge } from '../reporting/Weather.tsx';
import { ChartCard, DataTable, WEATHER_FILL } from './charts.tsx';
import { useProjectDashboard } from './dash-api.ts';

const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v)} %`);
const money = (v: number | null) => (v === null ? '—' : formatMoney(v));
const idx = (v: number | null) => (v === null ? '—' : formatNumber(v));

function Tile({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Line({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} component="div">
        {value}
      </Text>
    </Group>
  );
}

/** One project at a glance: weather, schedule, cost, risks, resources and milestones (live). */
export function ProjectDashboardTab({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const query = useProjectDashboard(projectId);
  if (query.isPending) return <TableSkeleton rows={8} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  const s = d.schedule;
  const c = d.cost;
  const upcoming = d.milestones.filter((m) => !m.done);
  const mHead = [
    t('dash.col.milestone'),
    t('dash.col.date'),
    t('dash.col.baseline'),
    t('dash.col.state'),
  ];
  const stateOf = (m: (typeof d.milestones)[number]) =>
    m.done ? t('dash.ms.done') : m.late ? t('dash.ms.late') : t('dash.ms.planned');
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Tile id="pd-weather" title={t('dash.project.weather')}>
          {d.weather ? (
            <Stack gap="xs">
              <Group gap="xs">
                <WeatherBadge weather={d.weather.overall} size="lg" />
                <Text size="xs" c="dimmed">
                  {t('dash.project.period', { date: formatDate(d.weather.periodStart) })}
                </Text>
              </Group>
              <Group gap={4}>
                {Object.entries(d.weather.dimensions).map(([k, w]) => (
                  <Badge
                    key={k}
                    variant="light"
                    color="gray"
                    styles={{ root: { textTransform: 'none' } }}
                    leftSection={
                      <svg width={8} height={8} aria-hidden>
                        <circle cx={4} cy={4} r={4} fill={WEATHER_FILL[w]} />
                      </svg>
                    }
                  >
                    {t(`reporting.dimension.${k}`, { defaultValue: k })} :{' '}
                    {t(`reporting.weather.${w}`)}
                  </Badge>
                ))}
              </Group>
              {d.weatherHistory.length > 1 && (
                <svg
                  role="img"
                  aria-label={t('dash.project.history', {
                    list: d.weatherHistory
                      .map((h) => t(`reporting.weather.${h.overall}`))
                      .join(', '),
                  })}
                  width={d.weatherHistory.length * 18}
                  height={14}
                >
                  {d.weatherHistory.map((h, i) => (
                    <circle
                      key={h.periodStart}
                      cx={7 + i * 18}
                      cy={7}
                      r={6}
                      fill={WEATHER_FILL[h.overall]}
                    />
                  ))}
                </svg>
              )}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('dash.project.noWeather')}
            </Text>
          )}
        </Tile>
        <Tile id="pd-schedule" title={t('dash.project.schedule')}>
          <Stack gap={6}>
            <Progress.Root size="lg">
              <Progress.Section
                value={s.progressPct ?? 0}
                color="blue"
                aria-label={t('dash.project.progressAria', {
                  done: pct(s.progressPct),
                  planned: pct(s.plannedPct),
                })}
              />
            </Progress.Root>
            <Line label={t('dash.project.progress')} value={pct(s.progressPct)} />
            <Line label={t('dash.project.planned')} value={pct(s.plannedPct)} />
            <Line label="SPI" value={idx(s.spi)} />
            <Line
              label={t('dash.col.slippage')}
              value={s.slippageDays === null ? '—' : t('dash.days', { n: s.slippageDays })}
            />
            <Line label={t('dash.project.finish')} value={formatDate(d.project.finish)} />
          </Stack>
        </Tile>
        <Tile id="pd-cost" title={t('dash.project.cost')}>
          {c.budgetCents === null && c.actualCents === null ? (
            <Text size="sm" c="dimmed">
              {t('dash.project.noCost')}
            </Text>
          ) : (
            <Stack gap={6}>
              <Progress
                size="lg"
                value={Math.min(100, c.consumedPct ?? 0)}
                color={(c.consumedPct ?? 0) > 100 ? 'red' : 'teal'}
                aria-label={t('dash.stat.consumed', { pct: pct(c.consumedPct) })}
              />
              <Line label={t('dash.col.budget')} value={money(c.budgetCents)} />
              <Line
                label={t('dash.col.actual')}
                value={`${money(c.actualCents)} (${pct(c.consumedPct)})`}
              />
              <Line label={t('dash.col.committed')} value={money(c.committedCents)} />
              <Line label="EAC" value={money(c.eacCents)} />
              <Line label="CPI" value={idx(c.cpi)} />
            </Stack>
          )}
        </Tile>
        <Tile id="pd-risks" title={t('dash.project.risks')}>
          <Stack gap={6}>
            <Line label={t('dash.project.risksOpen')} value={d.risks.open} />
            <Line label={t('dash.project.risksHigh')} value={d.risks.high} />
            <Line label={t('dash.col.exposure')} value={money(d.risks.exposureCents)} />
            <Line
              label={t('dash.project.load')}
              value={
                d.resources.loadPct === null
                  ? '—'
                  : `${pct(d.resources.loadPct)} (${t('dash.hours', { n: formatNumber(Math.round(d.resources.allocatedHours ?? 0)) })})`
              }
            />
          </Stack>
        </Tile>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChartCard
          id="pd-milestones"
          title={t('dash.project.milestones', { done: s.milestonesDone, total: s.milestonesTotal })}
          csvName="jalons.csv"
          csvRows={[mHead, ...d.milestones.map((m) => [m.name, m.date, m.baseline, stateOf(m)])]}
          table={
            <DataTable
              head={mHead}
              rows={d.milestones.map((m) => [
                m.name,
                formatDate(m.date),
                formatDate(m.baseline),
                stateOf(m),
              ])}
            />
          }
          empty={d.milestones.length === 0 ? t('dash.project.noMilestones') : null}
        >
          <Stack gap={4}>
            {upcoming.slice(0, 8).map((m) => (
              <Group key={m.id} justify="space-between" wrap="nowrap">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <svg width={12} height={12} aria-hidden>
                    <path d="M6 0 L12 6 L6 12 L0 6 Z" fill={m.late ? '#e03131' : '#1c7ed6'} />
                  </svg>
                  <Text size="sm" truncate>
                    {m.name}
                  </Text>
                </Group>
                <Text size="sm" c={m.late ? 'red.8' : undefined} fw={m.late ? 700 : 400}>
                  {formatDate(m.date)} {m.late ? `· ${t('dash.ms.late')}` : ''}
                </Text>
              </Group>
            ))}
            {upcoming.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('dash.project.allDone')}
              </Text>
            )}
          </Stack>
        </ChartCard>
        <ChartCard
          id="pd-top-risks"
          title={t('dash.project.topRisks')}
          csvName="risques-principaux.csv"
          csvRows={[
            [t('dash.col.risk'), t('dash.col.score'), t('dash.col.exposure'), t('dash.col.owner')],
            ...d.risks.top.map((r) => [
              `R-${r.number} ${r.title}`,
              r.score,
              r.emvCents === null ? null : r.emvCents / 100,
              r.owner,
            ]),
          ]}
          table={
            <DataTable
              head={[
                t('dash.col.risk'),
                t('dash.col.score'),
                t('dash.col.exposure'),
                t('dash.col.owner'),
              ]}
              rows={d.risks.top.map((r) => [
                `R-${r.number} ${r.title}`,
                r.score ?? '—',
                money(r.emvCents),
                r.owner ?? '—',
              ])}
            />
          }
          empty={d.risks.top.length === 0 ? t('dash.project.noRisks') : null}
        >
          <Stack gap={4}>
            {d.risks.top.map((r) => (
              <Group key={r.id} justify="space-between" wrap="nowrap">
                <Text size="sm" truncate>
                  R-{r.number} {r.title}
                </Text>
                <Group gap={6} wrap="nowrap">
                  <Badge color={(r.score ?? 0) >= 12 ? 'red' : 'yellow'} variant="light">
                    {r.score ?? '—'}
                  </Badge>
                  <Text size="sm" w={110} ta="right">
                    {money(r.emvCents)}
                  </Text>
                </Group>
              </Group>
            ))}
          </Stack>
        </ChartCard>
      </SimpleGrid>
    </Stack>
  );
}
