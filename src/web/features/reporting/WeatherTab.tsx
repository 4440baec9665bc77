import {
  Alert,
  Button,
  Card,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPencil, IconSend } from '@tabler/icons-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../contracts/portfolio.ts';
import type { Dimensions, StatusReport, Weather } from '../../../contracts/reporting.ts';
import { DIMENSIONS, WEATHERS } from '../../../core/reporting/weather.ts';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../format.ts';
import { headline, periodLabel } from './report-format.ts';
import { useReportMutations, useStatusReports } from './reporting-api.ts';
import { ExportMenu } from './copil/ExportMenu.tsx';
import { TrendArrow, WeatherBadge } from './Weather.tsx';

const NARRATIVE = ['achievements', 'nextSteps', 'issues', 'decisions'] as const;
type Narrative = (typeof NARRATIVE)[number];

/** The project's "Météo" tab: the report expected now, the current report, and the history. */
export function WeatherTab({ project }: { project: Pick<Project, 'id' | 'name' | 'can'> }) {
  const { t } = useTranslation();
  const reports = useStatusReports(project.id);
  const mutations = useReportMutations(project.id);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  if (reports.isPending) return <TableSkeleton rows={6} />;
  if (reports.isError)
    return <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />;
  const { items, expected } = reports.data;
  const selected = items.find((r) => r.id === selectedId) ?? items[0] ?? null;
  const expectedLabel = periodLabel(t, expected.periodStart, expected.frequency);

  const start = () =>
    mutations.create.mutate(
      { overall: items[0]?.overall ?? 'sun', periodDate: expected.periodStart },
      {
        onSuccess: (r) => setSelectedId(r.id),
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
      },
    );

  return (
    <Stack gap="md">
      {expected.reportId === null && (
        <Alert color="blue" title={t('reporting.expected.title', { period: expectedLabel })}>
          <Group justify="space-between">
            <Text size="sm">
              {t(`reporting.expected.${project.can.update ? 'write' : 'waiting'}`)}
            </Text>
            {project.can.update && (
              <Button
                leftSection={<IconPencil size={16} />}
                onClick={start}
                loading={mutations.create.isPending}
              >
                {t('reporting.expected.start', { period: expectedLabel })}
              </Button>
            )}
          </Group>
        </Alert>
      )}
      {items.length === 0 ? (
        <EmptyState title={t('reporting.empty.title')} message={t('reporting.empty.description')} />
      ) : (
        selected && (
          <ReportCard
            key={`${selected.id}-${selected.version}`}
            report={selected}
            projectId={project.id}
          />
        )
      )}
      {items.length > 0 && (
        <HistoryTable items={items} selectedId={selected?.id ?? null} onSelect={setSelectedId} />
      )}
    </Stack>
  );
}

function HistoryTable({
  items,
  selectedId,
  onSelect,
}: {
  items: StatusReport[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {t('reporting.history')}
        </Title>
        {items[0] && <ExportMenu path={`/projects/${items[0].project.id}/status-reports/export`} />}
      </Group>
      <Table.ScrollContainer minWidth={900}>
        <Table highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reporting.period')}</Table.Th>
              <Table.Th>{t('reporting.overall')}</Table.Th>
              {DIMENSIONS.map((d) => (
                <Table.Th key={d}>{t(`reporting.dimension.${d}`)}</Table.Th>
              ))}
              <Table.Th>{t('reporting.stateLabel')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr
                key={r.id}
                bg={r.id === selectedId ? 'var(--mantine-color-blue-light)' : undefined}
                aria-selected={r.id === selectedId}
              >
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => onSelect(r.id)}>
                    {periodLabel(t, r.periodStart, r.frequency)}
                  </Button>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <WeatherBadge weather={r.overall} size="sm" />
                    <TrendArrow trend={r.trends.overall} />
                  </Group>
                </Table.Td>
                {DIMENSIONS.map((d) => (
                  <Table.Td key={d}>
                    <WeatherBadge weather={r.dimensions[d]} size="sm" />
                  </Table.Td>
                ))}
                <Table.Td>{t(`reporting.state.${r.state}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function WeatherPicker({
  label,
  value,
  onChange,
  allowNone,
}: {
  label: string;
  value: Weather | null;
  onChange: (w: Weather | null) => void;
  allowNone?: boolean;
}) {
  const { t } = useTranslation();
  const data = [
    ...(allowNone ? [{ value: 'none', label: t('reporting.weather.notAssessed') }] : []),
    ...WEATHERS.map((w) => ({ value: w, label: t(`reporting.weather.${w}`) })),
  ];
  const id = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        size="xs"
        data={data}
        value={value ?? 'none'}
        onChange={(v) => onChange(v === 'none' ? null : (v as Weather))}
      />
    </Stack>
  );
}

function ReportCard({ report, projectId }: { report: StatusReport; projectId: string }) {
  const { t } = useTranslation();
  const mutations = useReportMutations(projectId);
  const [editing, setEditing] = useState(report.can.edit);
  const [overall, setOverall] = useState<Weather>(report.overall);
  const [dims, setDims] = useState<Dimensions>(report.dimensions);
  const [text, setText] = useState<Record<Narrative, string>>({
    achievements: report.achievements,
    nextSteps: report.nextSteps,
    issues: report.issues,
    decisions: report.decisions,
  });
  const [comment, setComment] = useState('');
  useEffect(() => setEditing(report.can.edit), [report.can.edit]);

  const fail = (e: unknown) =>
    notifications.show({
      color: 'red',
      message: isApiError(e, 'VERSION_MISMATCH') ? t('reporting.conflict') : errorMessage(t, e),
    });
  const body = { overall, dimensions: dims, ...text };
  const save = (then?: (r: StatusReport) => void) =>
    mutations.update.mutate(
      { report, body },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'teal', message: t('reporting.saved') });
          then?.(r);
        },
        onError: fail,
      },
    );
  const submit = () =>
    save((r) =>
      mutations.submit.mutate(r, {
        onSuccess: () => notifications.show({ color: 'teal', message: t('reporting.submitted') }),
        onError: fail,
      }),
    );
  const review = (decision: 'approve' | 'request_changes') =>
    mutations.review.mutate(
      { report, decision, comment },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: t(`reporting.review.done.${decision}`) }),
        onError: fail,
      },
    );
  const m = headline(report.metrics);

  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="md">
        <div>
          <Title order={2} size="h4">
            {t('reporting.reportOf', {
              period: periodLabel(t, report.periodStart, report.frequency),
            })}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`reporting.state.${report.state}`)} · {t('reporting.by', { name: report.author })}
            {report.submittedAt &&
              ` · ${t('reporting.submittedAt', { at: formatDateTime(report.submittedAt) })}`}
          </Text>
        </div>
        {!editing && (
          <Group gap="xs">
            <WeatherBadge weather={report.overall} size="lg" />
            <TrendArrow trend={report.trends.overall} />
          </Group>
        )}
      </Group>

      {report.state === 'changes_requested' && report.reviewComment && (
        <Alert
          color="orange"
          mb="md"
          title={t('reporting.review.changesRequested', { name: report.reviewer ?? '' })}
        >
          {report.reviewComment}
        </Alert>
      )}
      {report.state === 'reviewed' && (
        <Alert color="teal" mb="md" icon={<IconCheck size={16} />}>
          {t('reporting.review.reviewedBy', {
            name: report.reviewer ?? '',
            at: formatDateTime(report.reviewedAt),
          })}
          {report.reviewComment && ` — ${report.reviewComment}`}
        </Alert>
      )}

      {editing ? (
        <Stack gap="md">
          <WeatherPicker
            label={t('reporting.overall')}
            value={overall}
            onChange={(w) => w && setOverall(w)}
          />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {DIMENSIONS.map((d) => (
              <WeatherPicker
                key={d}
                allowNone
                label={t(`reporting.dimension.${d}`)}
                value={dims[d]}
                onChange={(w) => setDims({ ...dims, [d]: w })}
              />
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {NARRATIVE.map((k) => (
              <Textarea
                key={k}
                label={t(`reporting.narrative.${k}`)}
                autosize
                minRows={3}
                maxLength={10000}
                value={text[k]}
                onChange={(e) => setText({ ...text, [k]: e.currentTarget.value })}
              />
            ))}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => save()} loading={mutations.update.isPending}>
              {t('reporting.saveDraft')}
            </Button>
            <Button
              leftSection={<IconSend size={16} />}
              onClick={submit}
              loading={mutations.update.isPending || mutations.submit.isPending}
            >
              {t('reporting.submit')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Table maw={560} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reporting.dimensionLabel')}</Table.Th>
                <Table.Th>{t('reporting.weatherLabel')}</Table.Th>
                <Table.Th>{t('reporting.trendLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {DIMENSIONS.map((d) => (
                <Table.Tr key={d}>
                  <Table.Td>{t(`reporting.dimension.${d}`)}</Table.Td>
                  <Table.Td>
                    <WeatherBadge weather={report.dimensions[d]} size="sm" />
                  </Table.Td>
                  <Table.Td>
                    <TrendArrow trend={report.trends.dimensions[d]} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {NARRATIVE.map((k) => (
              <div key={k}>
                <Text fw={600} size="sm">
                  {t(`reporting.narrative.${k}`)}
                </Text>
                <Text
                  size="sm"
                  style={{ whiteSpace: 'pre-wrap' }}
                  c={report[k] ? undefined : 'dimmed'}
                >
                  {report[k] || '—'}
                </Text>
              </div>
            ))}
          </SimpleGrid>
          {report.can.review && (
            <Paper withBorder p="md" bg="var(--mantine-color-gray-0)">
              <Title order={3} size="h5" mb="xs">
                {t('reporting.review.title')}
              </Title>
              <Textarea
                label={t('reporting.review.comment')}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                autosize
                minRows={2}
              />
              <Group justify="flex-end" mt="sm">
                <Button
                  variant="default"
                  color="orange"
                  onClick={() => review('request_changes')}
                  disabled={!comment.trim()}
                >
                  {t('reporting.review.requestChanges')}
                </Button>
                <Button
                  color="teal"
                  leftSection={<IconCheck size={16} />}
                  onClick={() => review('approve')}
                >
                  {t('reporting.review.approve')}
                </Button>
              </Group>
            </Paper>
          )}
          {report.can.edit && (
            <Group justify="flex-end">
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(true)}
              >
                {t('reporting.edit')}
              </Button>
            </Group>
          )}
        </Stack>
      )}

      {m && (
        <Paper withBorder p="md" mt="md">
          <Text fw={600} size="sm" mb="xs">
            {t('reporting.snapshot', {
              date: report.metricsAsOf ? formatDate(report.metricsAsOf) : '',
            })}
          </Text>
          <SimpleGrid cols={{ base: 2, md: 3, lg: 5 }}>
            <Figure
              label={t('reporting.metric.spi')}
              value={m.spi === null ? '—' : formatNumber(Math.round(m.spi * 100) / 100)}
            />
            <Figure
              label={t('reporting.metric.progress')}
              value={m.progress === null ? '—' : `${formatNumber(Math.round(m.progress))} %`}
            />
            <Figure
              label={t('reporting.metric.milestones')}
              value={`${m.milestonesDone ?? 0} / ${m.milestonesTotal ?? 0}`}
            />
            <Figure
              label={t('reporting.metric.milestonesLate')}
              value={String(m.milestonesLate ?? 0)}
            />
            <Figure
              label={t('reporting.metric.slippage')}
              value={m.slippage === null ? '—' : t('reporting.days', { count: m.slippage })}
            />
            <Figure
              label={t('dash.weatherTab.cpi')}
              value={m.cpi === null ? '—' : formatNumber(Math.round(m.cpi * 100) / 100)}
            />
            <Figure
              label={t('dash.weatherTab.exposure')}
              value={m.exposureEur === null ? '—' : formatMoney(Math.round(m.exposureEur * 100))}
            />
            <Figure
              label={t('dash.weatherTab.risksHigh')}
              value={m.risksHigh === null ? '—' : formatNumber(m.risksHigh)}
            />
            <Figure
              label={t('dash.weatherTab.load')}
              value={m.loadPct === null ? '—' : `${formatNumber(Math.round(m.loadPct))} %`}
            />
          </SimpleGrid>
        </Paper>
      )}
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </div>
  );
}
