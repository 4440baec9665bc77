import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../contracts/portfolio.ts';
import type { SimModel, SimRun, SimRunSummary } from '../../../contracts/sim.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../format.ts';
import { ChartOrTable, DistributionChart, FiguresTable, TornadoChart } from './SimCharts.tsx';
import { SimInputs } from './SimInputs.tsx';
import { useDeleteRun, useSimModel, useSimRun, useSimRuns, useStartRun } from './sim-api.ts';

const days = (x: number) => `${formatNumber(Math.round(x * 10) / 10)} j`;
const pct = (x: number) => `${formatNumber(Math.round(x * 1000) / 10)} %`;

/**
 * The project's "Risque planning" tab: run the Monte Carlo simulation of the schedule and the
 * cost, follow its progress, read the results of a saved run, and edit what it reads.
 */
export function SimulationTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const model = useSimModel(project.id);
  const runs = useSimRuns(project.id);
  const [selected, setSelected] = useState<string | null>(null);
  const items = runs.data?.items ?? [];
  const active = items.find((r) => r.state === 'queued' || r.state === 'running');
  const latestDone = items.find((r) => r.state === 'done');
  const shown = selected ?? latestDone?.id ?? null;
  const run = useSimRun(shown);

  if (model.isPending || runs.isPending) return <TableSkeleton rows={8} />;
  if (model.isError) return <ErrorState error={model.error} onRetry={() => void model.refetch()} />;
  if (runs.isError) return <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />;
  const m = model.data;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3">
            {t('sim.title')}
          </Title>
          <Text c="dimmed" size="sm" maw={760}>
            {t('sim.intro')}
          </Text>
        </div>
      </Group>
      {m.can.run && <RunForm model={m} busy={active !== undefined} />}
      {active && <RunProgress run={active} />}
      {items.length === 0 ? (
        <EmptyState title={t('sim.empty.title')} message={t('sim.empty.message')} />
      ) : shown === null ? null : run.isPending ? (
        <TableSkeleton rows={6} />
      ) : run.isError ? (
        <ErrorState error={run.error} onRetry={() => void run.refetch()} />
      ) : (
        <RunView run={run.data} />
      )}
      {items.length > 0 && (
        <RunsTable
          projectId={project.id}
          runs={items}
          shown={shown}
          canDelete={m.can.run}
          onShow={setSelected}
        />
      )}
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4" mb="sm">
          {t('sim.inputs.title')}
        </Title>
        <SimInputs model={m} />
      </Paper>
    </Stack>
  );
}

function RunForm({ model, busy }: { model: SimModel; busy: boolean }) {
  const { t } = useTranslation();
  const start = useStartRun(model.projectId);
  const [iterations, setIterations] = useState<number>(5000);
  const [seed, setSeed] = useState('');
  const [target, setTarget] = useState('');
  const milestones = model.tasks.filter((x) => x.milestone);
  const [chosen, setChosen] = useState<string[]>([]);
  useEffect(() => {
    if (chosen.length === 0 && milestones.length > 0) {
      setChosen(milestones.slice(-3).map((x) => x.id));
    }
    // Only once the milestones are known.
  }, [milestones.length]);
  const leaves = model.tasks.filter((x) => !x.isSummary).length;
  const validTarget = target === '' || /^\d{4}-\d{2}-\d{2}$/.test(target);
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group align="flex-end" gap="md" wrap="wrap">
          <NumberInput
            label={t('sim.run.iterations')}
            value={iterations}
            onChange={(v) => setIterations(typeof v === 'number' ? v : 5000)}
            min={100}
            max={100000}
            step={1000}
            thousandSeparator={' '}
            w={160}
          />
          <TextInput
            label={t('sim.run.seed')}
            description={t('sim.run.seedHelp')}
            value={seed}
            onChange={(e) => setSeed(e.currentTarget.value)}
            w={200}
          />
          <DateField
            label={t('sim.run.target')}
            description={t('sim.run.targetHelp')}
            value={target || null}
            onChange={(d) => setTarget(d ?? '')}
            error={validTarget ? undefined : t('sim.run.badDate')}
            w={190}
          />
          <MultiSelect
            label={t('sim.run.milestones')}
            description={t('sim.run.milestonesHelp')}
            data={model.tasks
              .filter((x) => !x.isSummary)
              .map((x) => ({ value: x.id, label: `${x.wbs} ${x.name}` }))}
            value={chosen}
            onChange={(v) => setChosen(v.slice(0, 8))}
            searchable
            clearable
            maxValues={8}
            style={{ flex: 1, minWidth: 260 }}
          />
        </Group>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('sim.run.inputs', {
              estimates: model.tasks.filter((x) => x.estimate).length,
              tasks: leaves,
              events: model.events.length,
            })}
          </Text>
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            loading={start.isPending}
            disabled={busy || leaves === 0 || !validTarget}
            onClick={() =>
              start.mutate({
                iterations,
                ...(seed.trim() ? { seed: seed.trim() } : {}),
                ...(target ? { targetDate: target } : {}),
                milestoneIds: chosen,
              })
            }
          >
            {t('sim.run.start')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function RunProgress({ run }: { run: SimRunSummary }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" aria-live="polite">
      <Group justify="space-between" mb={6}>
        <Text fw={500}>
          {t(`sim.state.${run.state}`)} — {t('sim.run.number', { n: run.number })}
        </Text>
        <Text size="sm">{`${run.progress} %`}</Text>
      </Group>
      <Progress
        value={run.progress}
        animated
        aria-label={t('sim.run.progress', { n: run.number })}
      />
    </Paper>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function RunView({ run }: { run: SimRun }) {
  const { t } = useTranslation();
  if (run.state === 'failed') {
    return (
      <Alert color="red" title={t('sim.failed', { n: run.number })}>
        {t(`sim.errors.${run.error ?? 'SIM_RUN_FAILED'}`, {
          defaultValue: t('sim.errors.SIM_RUN_FAILED'),
        })}
      </Alert>
    );
  }
  if (!run.result) return null;
  const s = run.result.schedule;
  const cost = run.result.cost;
  const slip = (p: number) => Math.round((p - s.deterministic.durationDays) * 10) / 10;
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Title order={3} size="h4">
          {t('sim.result.title', { n: run.number })}
        </Title>
        <Badge variant="light">
          {t('sim.result.meta', {
            iterations: formatNumber(run.iterations),
            seed: run.seed,
            date: formatDateTime(run.finishedAt),
          })}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat
          label={t('sim.result.planned')}
          value={formatDate(s.deterministic.finish)}
          hint={days(s.deterministic.durationDays)}
        />
        <Stat
          label="P50"
          value={formatDate(s.finish.p50)}
          hint={t('sim.result.slip', { days: formatNumber(slip(s.durationDays.p50)) })}
        />
        <Stat
          label="P80"
          value={formatDate(s.finish.p80)}
          hint={t('sim.result.slip', { days: formatNumber(slip(s.durationDays.p80)) })}
        />
        <Stat
          label="P90"
          value={formatDate(s.finish.p90)}
          hint={t('sim.result.slip', { days: formatNumber(slip(s.durationDays.p90)) })}
        />
      </SimpleGrid>
      {s.target && (
        <Text>
          {t('sim.result.target', {
            date: formatDate(s.target.date),
            probability: pct(s.target.probability),
          })}
        </Text>
      )}
      <ChartOrTable
        label={t('sim.result.distribution')}
        chart={
          <DistributionChart
            title={t('sim.result.distribution')}
            description={t('sim.result.distributionDesc', {
              p50: formatDate(s.finish.p50),
              p80: formatDate(s.finish.p80),
            })}
            bins={s.histogram}
            curve={s.sCurve.map((p) => ({ x: p.durationDays, p: p.probability }))}
            marks={[
              { x: s.deterministic.durationDays, label: t('sim.result.plannedShort') },
              { x: s.durationDays.p50, label: 'P50' },
              { x: s.durationDays.p80, label: 'P80' },
            ]}
            formatX={(x) => days(x)}
          />
        }
        table={
          <FiguresTable
            caption={t('sim.result.sCurve')}
            head={[t('sim.result.probability'), t('sim.result.duration'), t('sim.result.finish')]}
            rows={s.sCurve.map((p) => [
              pct(p.probability),
              days(p.durationDays),
              formatDate(p.finish),
            ])}
          />
        }
      />
      {run.result.milestones.length > 0 && (
        <div>
          <Title order={4} size="h5" mb="xs">
            {t('sim.result.milestones')}
          </Title>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sim.task.name')}</Table.Th>
                <Table.Th>{t('sim.result.planned')}</Table.Th>
                <Table.Th>P50</Table.Th>
                <Table.Th>P80</Table.Th>
                <Table.Th>P90</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.result.milestones.map((ms) => (
                <Table.Tr key={ms.taskId}>
                  <Table.Td>{`${ms.wbs} ${ms.name}`}</Table.Td>
                  <Table.Td>{formatDate(ms.planned)}</Table.Td>
                  <Table.Td>{formatDate(ms.p50)}</Table.Td>
                  <Table.Td fw={600}>{formatDate(ms.p80)}</Table.Td>
                  <Table.Td>{formatDate(ms.p90)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <div>
          <Title order={4} size="h5" mb="xs">
            {t('sim.result.tornado')}
          </Title>
          {s.sensitivity.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('sim.result.noSensitivity')}
            </Text>
          ) : (
            <ChartOrTable
              label={t('sim.result.tornado')}
              chart={
                <TornadoChart
                  title={t('sim.result.tornado')}
                  description={t('sim.result.tornadoDesc')}
                  bars={s.sensitivity.slice(0, 12).map((x) => ({
                    id: `${x.kind}-${x.id}`,
                    label: `${x.kind === 'risk' ? '⚠ ' : ''}${x.name}`,
                    value: x.correlation,
                  }))}
                />
              }
              table={
                <FiguresTable
                  caption={t('sim.result.tornado')}
                  head={[
                    t('sim.result.driver'),
                    t('sim.result.kind'),
                    t('sim.result.correlation'),
                    t('sim.result.meanImpact'),
                  ]}
                  rows={s.sensitivity.map((x) => [
                    x.name,
                    t(`sim.result.kinds.${x.kind}`),
                    formatNumber(x.correlation),
                    x.meanImpactDays !== undefined ? days(x.meanImpactDays) : '—',
                  ])}
                />
              }
            />
          )}
        </div>
        <div>
          <Title order={4} size="h5" mb="xs">
            {t('sim.result.criticality')}
          </Title>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sim.task.name')}</Table.Th>
                <Table.Th ta="right">{t('sim.result.criticalityIndex')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.criticality.slice(0, 12).map((c) => (
                <Table.Tr key={c.taskId}>
                  <Table.Td>{`${c.wbs} ${c.name}`}</Table.Td>
                  <Table.Td ta="right">
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      <Progress value={c.index * 100} w={80} aria-hidden />
                      <Text size="sm" w={52} ta="right">
                        {pct(c.index)}
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </SimpleGrid>
      {cost && <CostView cost={cost} />}
    </Stack>
  );
}

function CostView({ cost }: { cost: NonNullable<NonNullable<SimRun['result']>['cost']> }) {
  const { t } = useTranslation();
  const over = cost.contingencyP80 > 0;
  return (
    <Stack gap="md">
      <Title order={3} size="h4">
        {t('sim.cost.resultTitle')}
      </Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat label={t('sim.cost.budget')} value={formatMoney(cost.budget)} />
        <Stat label="P50" value={formatMoney(cost.p50)} />
        <Stat label={t('sim.cost.p80')} value={formatMoney(cost.p80)} />
        <Stat
          label={t('sim.cost.contingency')}
          value={formatMoney(Math.max(0, cost.contingencyP80))}
          hint={t('sim.cost.within', { probability: pct(cost.probabilityWithinBudget) })}
        />
      </SimpleGrid>
      <Alert color={over ? 'orange' : 'green'} variant="light">
        {over
          ? t('sim.cost.needMore', {
              amount: formatMoney(cost.contingencyP80),
              p80: formatMoney(cost.p80),
            })
          : t('sim.cost.enough', { margin: formatMoney(-cost.contingencyP80) })}
      </Alert>
      <ChartOrTable
        label={t('sim.cost.distribution')}
        chart={
          <DistributionChart
            title={t('sim.cost.distribution')}
            description={t('sim.cost.distributionDesc', {
              p80: formatMoney(cost.p80),
              budget: formatMoney(cost.budget),
            })}
            bins={cost.histogram}
            curve={cost.sCurve.map((p) => ({ x: p.amount, p: p.probability }))}
            marks={[
              { x: cost.budget, label: t('sim.cost.budget') },
              { x: cost.p80, label: 'P80' },
            ]}
            formatX={(x) => `${formatNumber(Math.round(x / 100_000))} k€`}
          />
        }
        table={
          <FiguresTable
            caption={t('sim.cost.sCurve')}
            head={[t('sim.result.probability'), t('sim.cost.amount')]}
            rows={cost.sCurve.map((p) => [pct(p.probability), formatMoney(p.amount)])}
          />
        }
      />
      {cost.sensitivity.length > 0 && (
        <FiguresTable
          caption={t('sim.cost.drivers')}
          head={[t('sim.result.driver'), t('sim.result.kind'), t('sim.result.correlation')]}
          rows={cost.sensitivity.map((x) => [
            x.name,
            t(`sim.result.kinds.${x.kind}`),
            formatNumber(x.correlation),
          ])}
        />
      )}
    </Stack>
  );
}

function RunsTable({
  projectId,
  runs,
  shown,
  canDelete,
  onShow,
}: {
  projectId: string;
  runs: SimRunSummary[];
  shown: string | null;
  canDelete: boolean;
  onShow: (id: string) => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteRun(projectId);
  return (
    <div>
      <Title order={3} size="h4" mb="xs">
        {t('sim.runs.title')}
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sim.runs.number')}</Table.Th>
              <Table.Th>{t('sim.runs.date')}</Table.Th>
              <Table.Th>{t('sim.runs.by')}</Table.Th>
              <Table.Th ta="right">{t('sim.run.iterations')}</Table.Th>
              <Table.Th>{t('sim.run.seed')}</Table.Th>
              <Table.Th>{t('sim.runs.state')}</Table.Th>
              <Table.Th>{t('sim.runs.p80Finish')}</Table.Th>
              <Table.Th ta="right">{t('sim.runs.p80Cost')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('sim.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.map((r) => (
              <Table.Tr
                key={r.id}
                bg={r.id === shown ? 'var(--mantine-color-blue-light)' : undefined}
              >
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => onShow(r.id)}
                    disabled={r.state !== 'done' && r.state !== 'failed'}
                    aria-current={r.id === shown ? 'true' : undefined}
                  >
                    {t('sim.run.number', { n: r.number })}
                  </Button>
                </Table.Td>
                <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                <Table.Td>{r.requestedBy?.name ?? '—'}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.iterations)}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {r.seed}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge
                    variant="filled"
                    color={
                      r.state === 'done' ? '#1e6f34' : r.state === 'failed' ? '#a51d1d' : '#1864ab'
                    }
                  >
                    {t(`sim.state.${r.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDate(r.p80Finish)}</Table.Td>
                <Table.Td ta="right">{r.p80Cost === null ? '—' : formatMoney(r.p80Cost)}</Table.Td>
                <Table.Td>
                  {canDelete && (r.state === 'done' || r.state === 'failed') && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('sim.runs.delete', { n: r.number })}
                      onClick={() => remove.mutate({ id: r.id, version: r.version })}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
