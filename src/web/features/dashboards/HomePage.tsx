import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconBriefcase,
  IconChecklist,
  IconClock,
  IconFileText,
  IconGavel,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyAction, MyHome } from '../../../contracts/dashboards.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../format.ts';
import { periodLabel } from '../reporting/report-format.ts';
import { TrendArrow, WeatherBadge } from '../reporting/Weather.tsx';
import { useMyHome } from './dashboards-api.ts';

/** Actions listed on the page (the most urgent first); the rest behind a link. */
const ACTIONS_SHOWN = 8;

/** A block of the home page: a titled card with a count, its content or an empty state that says what to do. */
function Block({
  title,
  icon,
  count,
  empty,
  children,
  id,
}: {
  title: string;
  icon: ReactNode;
  count: number;
  empty: ReactNode;
  children: ReactNode;
  id: string;
}) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          {icon}
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
        </Group>
        {count > 0 && (
          <Badge variant="light" size="lg" aria-hidden>
            {count}
          </Badge>
        )}
      </Group>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        children
      )}
    </Card>
  );
}

/** Where an action is handled: the project's RAID view of its source, or my actions. */
function actionLink(x: MyAction): string {
  if (!x.project) return x.kind === 'action' ? '/my/actions' : '/risks';
  const view = { risk: '', issue: 'issues', decision: 'decisions', change_request: 'changes' }[
    x.source ?? 'risk'
  ];
  return `/projects/${x.project.id}/risks${view ? `?vue=${view}` : ''}`;
}

/** "Mon accueil": my projects, my actions, my approvals, my timesheet, my reports due. */
export function HomePage() {
  const { t } = useTranslation();
  const home = useMyHome();
  return (
    <>
      <PageHeader
        title={t('dashboards.home.title')}
        breadcrumbs={[{ label: t('dashboards.home.title') }]}
      />
      {home.isPending ? (
        <TableSkeleton />
      ) : home.isError ? (
        <ErrorState error={home.error} onRetry={() => void home.refetch()} />
      ) : (
        <HomeContent home={home.data} />
      )}
    </>
  );
}

function HomeContent({ home }: { home: MyHome }) {
  const { t } = useTranslation();
  const a = home.approvals;
  const approvals = a.timesheets.length + a.budgetRevisions.length + a.gates.length;
  return (
    <Stack gap="md">
      <Text c="dimmed">
        {t('dashboards.home.summary', {
          projects: home.projects.length,
          actions: home.actions.length,
          approvals,
          reports: home.reportsDue.length,
        })}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <TimesheetBlock home={home} />
        <Block
          id="home-reports"
          title={t('dashboards.home.reports.title')}
          icon={<IconFileText size={20} aria-hidden />}
          count={home.reportsDue.length}
          empty={t('dashboards.home.reports.empty')}
        >
          <Stack gap="xs">
            {home.reportsDue.map((d) => (
              <Group key={d.project.id} justify="space-between" wrap="nowrap">
                <div>
                  <Anchor component={Link} to={`/projects/${d.project.id}/weather`} fw={500}>
                    {d.project.code} — {d.project.name}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {periodLabel(t, d.periodStart, d.frequency)} ·{' '}
                    {t(`dashboards.home.reports.state.${d.state}`)}
                  </Text>
                </div>
                <Button
                  size="xs"
                  style={{ flexShrink: 0 }}
                  variant="light"
                  component={Link}
                  to={`/projects/${d.project.id}/weather`}
                >
                  {d.state === 'missing'
                    ? t('dashboards.home.reports.write')
                    : t('dashboards.home.reports.finish')}
                </Button>
              </Group>
            ))}
          </Stack>
        </Block>
      </SimpleGrid>
      <Block
        id="home-projects"
        title={t('dashboards.home.projects.title')}
        icon={<IconBriefcase size={20} aria-hidden />}
        count={home.projects.length}
        empty={
          <>
            {t('dashboards.home.projects.empty')}{' '}
            <Anchor component={Link} to="/projects">
              {t('dashboards.home.projects.browse')}
            </Anchor>
          </>
        }
      >
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboards.home.projects.project')}</Table.Th>
                <Table.Th>{t('dashboards.home.projects.role')}</Table.Th>
                <Table.Th>{t('dashboards.home.projects.weather')}</Table.Th>
                <Table.Th>{t('dashboards.home.projects.end')}</Table.Th>
                <Table.Th>{t('dashboards.home.projects.report')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {home.projects.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/projects/${p.id}`} fw={500}>
                      {p.code} — {p.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {p.portfolio.name} · {t(`project.status.${p.status}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {p.roles.map((r) => t(`dashboards.home.projects.roles.${r}`)).join(', ')}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <WeatherBadge weather={p.weather} size="sm" />
                      <TrendArrow trend={p.trend} />
                    </Group>
                    {p.weatherPeriod && (
                      <Text size="xs" c="dimmed">
                        {t('dashboards.home.projects.since', { date: formatDate(p.weatherPeriod) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDate(p.plannedEnd)}</Table.Td>
                  <Table.Td>
                    {p.reportDue ? (
                      <Anchor component={Link} to={`/projects/${p.id}/weather`} size="sm">
                        {t(`dashboards.home.reports.state.${p.reportDue.state}`)}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('dashboards.home.projects.upToDate')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Block>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Block
          id="home-actions"
          title={t('dashboards.home.actions.title')}
          icon={<IconChecklist size={20} aria-hidden />}
          count={home.actions.length}
          empty={t('dashboards.home.actions.empty')}
        >
          <Stack gap="sm">
            {home.actions.slice(0, ACTIONS_SHOWN).map((x) => (
              <div key={x.id}>
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <Anchor component={Link} to={actionLink(x)} fw={500}>
                    {x.reference} — {x.title}
                  </Anchor>
                  {x.overdue ? (
                    <Badge
                      color="red"
                      variant="light"
                      leftSection={<IconAlertTriangle size={12} aria-hidden />}
                    >
                      {t('dashboards.home.actions.overdue', { date: formatDate(x.dueDate) })}
                    </Badge>
                  ) : (
                    x.dueDate && (
                      <Text size="sm" c="dimmed">
                        {t('dashboards.home.actions.due', { date: formatDate(x.dueDate) })}
                      </Text>
                    )
                  )}
                </Group>
                <Text size="sm">{x.response || t('dashboards.home.actions.noResponse')}</Text>
                <Text size="xs" c="dimmed">
                  {x.project
                    ? [x.project.code, x.project.name].filter(Boolean).join(' — ')
                    : x.program?.name}{' '}
                  ·{' '}
                  {x.score === null
                    ? t(`dashboards.home.actions.sources.${x.source ?? 'risk'}`)
                    : t('dashboards.home.actions.score', { score: x.score })}
                </Text>
              </div>
            ))}
            {home.actions.length > ACTIONS_SHOWN && (
              <Anchor component={Link} to="/my/actions" size="sm">
                {t('dashboards.home.actions.all', { count: home.actions.length })}
              </Anchor>
            )}
          </Stack>
        </Block>
        <Block
          id="home-approvals"
          title={t('dashboards.home.approvals.title')}
          icon={<IconGavel size={20} aria-hidden />}
          count={approvals}
          empty={t('dashboards.home.approvals.empty')}
        >
          <Stack gap="md">
            {a.timesheets.length > 0 && (
              <div>
                <Group justify="space-between">
                  <Text fw={600} size="sm">
                    {t('dashboards.home.approvals.timesheets', { count: a.timesheets.length })}
                  </Text>
                  <Anchor component={Link} to="/time/approvals" size="sm">
                    {t('dashboards.home.approvals.openTimesheets')}
                  </Anchor>
                </Group>
                {a.timesheets.slice(0, 5).map((s) => (
                  <Text key={s.id} size="sm">
                    {s.person.name} —{' '}
                    {t('dashboards.home.approvals.week', {
                      date: formatDate(s.weekStart),
                      hours: formatNumber(s.pendingHours),
                    })}
                  </Text>
                ))}
              </div>
            )}
            {a.budgetRevisions.length > 0 && (
              <div>
                <Text fw={600} size="sm">
                  {t('dashboards.home.approvals.revisions', { count: a.budgetRevisions.length })}
                </Text>
                {a.budgetRevisions.map((r) => (
                  <Text key={r.id} size="sm">
                    <Anchor component={Link} to={`/projects/${r.project.id}/budget`}>
                      {r.project.code} —{' '}
                      {t('dashboards.home.approvals.revision', { number: r.number })}
                    </Anchor>{' '}
                    · {formatMoney(r.total)} · {r.submittedBy ?? '—'},{' '}
                    {formatDateTime(r.submittedAt)}
                  </Text>
                ))}
              </div>
            )}
            {a.gates.length > 0 && (
              <div>
                <Text fw={600} size="sm">
                  {t('dashboards.home.approvals.gates', { count: a.gates.length })}
                </Text>
                {a.gates.map((g) => (
                  <Text key={g.project.id} size="sm">
                    <Anchor component={Link} to={`/projects/${g.project.id}/governance`}>
                      {g.project.code} — {g.gateName}
                    </Anchor>{' '}
                    · {g.phaseName}
                  </Text>
                ))}
              </div>
            )}
          </Stack>
        </Block>
      </SimpleGrid>
    </Stack>
  );
}

function TimesheetBlock({ home }: { home: MyHome }) {
  const { t } = useTranslation();
  const ts = home.timesheet;
  if (!ts)
    return (
      <Block
        id="home-timesheet"
        title={t('dashboards.home.timesheet.title')}
        icon={<IconClock size={20} aria-hidden />}
        count={0}
        empty={t('dashboards.home.timesheet.noPerson')}
      >
        {null}
      </Block>
    );
  const percent = ts.expectedHours > 0 ? Math.min(100, (ts.hours / ts.expectedHours) * 100) : 0;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="home-timesheet">
      <Group gap="xs" mb="sm">
        <IconClock size={20} aria-hidden />
        <Title order={2} size="h4" id="home-timesheet">
          {t('dashboards.home.timesheet.title')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed">
        {t('dashboards.home.timesheet.week', { date: formatDate(ts.weekStart) })} ·{' '}
        {t(`dashboards.home.timesheet.status.${ts.status}`)}
      </Text>
      <Text size="xl" fw={700} mt={4}>
        {t('dashboards.home.timesheet.hours', {
          hours: formatNumber(ts.hours),
          expected: formatNumber(ts.expectedHours),
        })}
      </Text>
      <Progress
        value={percent}
        mt="xs"
        aria-label={t('dashboards.home.timesheet.progress')}
        color={ts.status === 'submitted' || ts.status === 'approved' ? 'teal' : 'blue'}
      />
      {ts.lastWeek && (
        <Text size="sm" c="red.8" mt="xs">
          {t(`dashboards.home.timesheet.lastWeek.${ts.lastWeek.status}`, {
            date: formatDate(ts.lastWeek.weekStart),
          })}
        </Text>
      )}
      <Group mt="sm">
        <Button size="xs" component={Link} to="/time" variant="light">
          {ts.status === 'none' || ts.status === 'draft' || ts.status === 'rejected'
            ? t('dashboards.home.timesheet.fill')
            : t('dashboards.home.timesheet.open')}
        </Button>
      </Group>
    </Card>
  );
}
