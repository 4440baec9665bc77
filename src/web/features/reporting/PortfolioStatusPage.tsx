import {
  Anchor,
  Button,
  Card,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconGauge } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { PortfolioStatus, Weather } from '../../../contracts/reporting.ts';
import { FREQUENCIES, WEATHERS } from '../../../core/reporting/weather.ts';
import { ROLLUP_RULES } from '../../../core/reporting/rollup.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { PortfolioSelect } from '../portfolio/pickers.tsx';
import { ExportMenu } from './copil/ExportMenu.tsx';
import { downloadCsv } from './download.ts';
import { periodLabel } from './report-format.ts';
import { usePortfolioStatus, usePortfolioStatusMutations, useReportsDue } from './reporting-api.ts';
import { TrendArrow, WeatherBadge } from './Weather.tsx';
import { WeatherBar } from './WeatherBar.tsx';

/** "Météo du portefeuille": project weathers of a period, roll-up to programmes and portfolio, reports due. */
export function PortfolioStatusPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const portfolioId = params.get('portfolio');
  const date = params.get('date');
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const status = usePortfolioStatus(portfolioId, date);

  return (
    <>
      <PageHeader
        title={t('reporting.status.title')}
        breadcrumbs={[
          { label: t('nav.portfolios'), to: '/portfolios' },
          { label: t('reporting.status.title') },
        ]}
        actions={
          <Group gap="xs">
            {portfolioId && (
              <ExportMenu path="/reporting/portfolio-status/export" query={{ portfolioId, date }} />
            )}
            <Button component={Link} to="/reporting/copil" variant="default">
              {t('copil.title')}
            </Button>
            <Button
              component={Link}
              to="/reporting/kpis"
              variant="default"
              leftSection={<IconGauge size={16} />}
            >
              {t('reporting.kpi.title')}
            </Button>
          </Group>
        }
      />
      <Group gap="sm" mb="md" align="flex-end">
        <PortfolioSelect
          label={t('roadmap.portfolio')}
          value={portfolioId}
          onChange={(v) => set('portfolio', v)}
          w={280}
        />
        <DateField
          label={t('reporting.status.periodDate')}
          value={date ?? null}
          onChange={(v) => set('date', v || null)}
          w={180}
        />
      </Group>
      {!portfolioId ? (
        <EmptyState title={t('reporting.status.pick')} message={t('reporting.status.pickHint')} />
      ) : status.isPending ? (
        <TableSkeleton rows={8} />
      ) : status.isError ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <StatusView s={status.data} />
      )}
      <DueList />
    </>
  );
}

function StatusView({ s }: { s: PortfolioStatus }) {
  const { t } = useTranslation();
  const period = periodLabel(t, s.period.start, s.settings.frequency);
  const exportCsv = () =>
    downloadCsv(`meteo-${s.period.start}.csv`, [
      [
        t('reporting.code'),
        t('reporting.project'),
        t('reporting.program'),
        t('reporting.manager'),
        t('reporting.overall'),
        t('reporting.withSubProjects'),
        t('reporting.stateLabel'),
      ],
      ...s.projects.map((p) => [
        p.code,
        p.name,
        p.program?.name ?? '',
        p.manager?.name ?? '',
        p.report ? t(`reporting.weather.${p.report.overall}`) : '',
        p.rolledUp ? t(`reporting.weather.${p.rolledUp}`) : '',
        p.report ? t(`reporting.state.${p.report.state}`) : t('reporting.due.missing'),
      ]),
    ]);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('reporting.status.portfolioWeather', { period })}
          </Text>
          <Group mt="xs" gap="sm">
            <WeatherBadge weather={s.portfolioRollup.weather} size="lg" />
            <Text size="sm">
              {t('reporting.status.reported', {
                reported: s.portfolioRollup.reported,
                expected: s.portfolioRollup.expected,
              })}
            </Text>
          </Group>
          <Text size="sm" mt="xs">
            {t('reporting.status.rule', { rule: t(`reporting.rule.${s.settings.rollupRule}`) })} —{' '}
            {t('reporting.status.computed')} :{' '}
            {s.portfolioRollup.computed
              ? t(`reporting.weather.${s.portfolioRollup.computed}`)
              : '—'}
          </Text>
          {s.portfolioRollup.override && (
            <Text size="sm" mt="xs" fs="italic">
              {t('reporting.override.by', {
                name: s.portfolioRollup.override.by,
                at: formatDateTime(s.portfolioRollup.override.at),
              })}{' '}
              « {s.portfolioRollup.override.comment} »
            </Text>
          )}
          <Stack mt="md">
            <WeatherBar weathers={s.projects.map((p) => p.report?.overall ?? null)} />
          </Stack>
        </Card>
        {s.canManage && <PmoPanel s={s} />}
      </SimpleGrid>

      {s.programs.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h5" mb="sm">
            {t('reporting.status.programs')}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reporting.program')}</Table.Th>
                <Table.Th>{t('reporting.weatherLabel')}</Table.Th>
                <Table.Th>{t('reporting.status.computed')}</Table.Th>
                <Table.Th>{t('reporting.status.reportedCol')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.programs.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td>{g.name}</Table.Td>
                  <Table.Td>
                    <WeatherBadge weather={g.weather} size="sm" />
                    {g.override && (
                      <Text size="xs" c="dimmed">
                        {t('reporting.override.short')} : {g.override.comment}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{g.computed ? t(`reporting.weather.${g.computed}`) : '—'}</Table.Td>
                  <Table.Td>
                    {g.reported} / {g.expected}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h5">
            {t('reporting.status.projects', { count: s.projects.length })}
          </Title>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconDownload size={14} />}
            onClick={exportCsv}
          >
            {t('reporting.exportCsv')}
          </Button>
        </Group>
        {s.projects.length === 0 ? (
          <Text c="dimmed">{t('reporting.status.noProjects')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reporting.project')}</Table.Th>
                  <Table.Th>{t('reporting.program')}</Table.Th>
                  <Table.Th>{t('reporting.manager')}</Table.Th>
                  <Table.Th>{t('reporting.overall')}</Table.Th>
                  <Table.Th>{t('reporting.trendLabel')}</Table.Th>
                  <Table.Th>{t('reporting.withSubProjects')}</Table.Th>
                  <Table.Th>{t('reporting.stateLabel')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.projects.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/projects/${p.id}/weather`} size="sm">
                        {p.code} — {p.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{p.program?.name ?? '—'}</Table.Td>
                    <Table.Td>{p.manager?.name ?? '—'}</Table.Td>
                    <Table.Td>
                      <WeatherBadge weather={p.report?.overall ?? null} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      <TrendArrow trend={p.report?.trend} />
                    </Table.Td>
                    <Table.Td>
                      {p.rolledUp && p.rolledUp !== p.report?.overall ? (
                        <WeatherBadge weather={p.rolledUp} size="sm" />
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      {p.report
                        ? t(`reporting.state.${p.report.state}`)
                        : t('reporting.due.missing')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}

function PmoPanel({ s }: { s: PortfolioStatus }) {
  const { t } = useTranslation();
  const m = usePortfolioStatusMutations();
  const [weather, setWeather] = useState<Weather | null>(
    s.portfolioRollup.override?.weather ?? null,
  );
  const [comment, setComment] = useState(s.portfolioRollup.override?.comment ?? '');
  const fail = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) });
  const ok = () => notifications.show({ color: 'teal', message: t('reporting.saved') });
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="sm">
        {t('reporting.pmo.title')}
      </Title>
      <Group grow>
        <Select
          label={t('reporting.pmo.frequency')}
          value={s.settings.frequency}
          allowDeselect={false}
          data={FREQUENCIES.map((f) => ({ value: f, label: t(`reporting.frequency.${f}`) }))}
          onChange={(v) =>
            v &&
            m.settings.mutate(
              {
                portfolioId: s.portfolio.id,
                version: s.settings.version,
                body: { frequency: v as 'monthly' },
              },
              { onSuccess: ok, onError: fail },
            )
          }
        />
        <Select
          label={t('reporting.pmo.rule')}
          value={s.settings.rollupRule}
          allowDeselect={false}
          data={ROLLUP_RULES.map((r) => ({ value: r, label: t(`reporting.rule.${r}`) }))}
          onChange={(v) =>
            v &&
            m.settings.mutate(
              {
                portfolioId: s.portfolio.id,
                version: s.settings.version,
                body: { rollupRule: v as 'worst' },
              },
              { onSuccess: ok, onError: fail },
            )
          }
        />
      </Group>
      <Text size="sm" fw={600} mt="md">
        {t('reporting.override.title', { period: formatDate(s.period.start) })}
      </Text>
      <Select
        label={t('reporting.override.weather')}
        value={weather}
        onChange={(v) => setWeather(v as Weather | null)}
        data={WEATHERS.map((w) => ({ value: w, label: t(`reporting.weather.${w}`) }))}
        clearable
      />
      <Textarea
        label={t('reporting.override.comment')}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Group justify="flex-end" mt="sm">
        {s.portfolioRollup.override && (
          <Button
            variant="default"
            onClick={() =>
              m.removeOverride.mutate(
                {
                  id: s.portfolioRollup.override!.id,
                  version: s.portfolioRollup.override!.version,
                },
                { onSuccess: ok, onError: fail },
              )
            }
          >
            {t('reporting.override.remove')}
          </Button>
        )}
        <Button
          disabled={!weather || !comment.trim()}
          loading={m.override.isPending}
          onClick={() =>
            weather &&
            m.override.mutate(
              {
                scopeType: 'portfolio',
                scopeId: s.portfolio.id,
                date: s.period.start,
                weather,
                comment,
              },
              { onSuccess: ok, onError: fail },
            )
          }
        >
          {t('reporting.override.save')}
        </Button>
      </Group>
    </Card>
  );
}

/** "Rapports attendus": reports missing, in draft or sent back for the period expected now. */
export function DueList({ mine = false }: { mine?: boolean }) {
  const { t } = useTranslation();
  const due = useReportsDue(mine);
  return (
    <Paper withBorder p="md" mt="md">
      <Title order={2} size="h5" mb="sm">
        {t('reporting.due.title')}
      </Title>
      {due.isPending ? (
        <TableSkeleton rows={3} />
      ) : due.isError ? (
        <ErrorState error={due.error} onRetry={() => void due.refetch()} />
      ) : due.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('reporting.due.none')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reporting.project')}</Table.Th>
              <Table.Th>{t('reporting.manager')}</Table.Th>
              <Table.Th>{t('reporting.period')}</Table.Th>
              <Table.Th>{t('reporting.stateLabel')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {due.data.items.map((d) => (
              <Table.Tr key={d.project.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/projects/${d.project.id}/weather`} size="sm">
                    {d.project.code} — {d.project.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{d.manager?.name ?? '—'}</Table.Td>
                <Table.Td>{periodLabel(t, d.periodStart, d.frequency)}</Table.Td>
                <Table.Td>{t(`reporting.due.${d.state}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
