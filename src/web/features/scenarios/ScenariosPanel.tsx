import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FrontierPoint, Scenario } from '../../../contracts/scenarios.ts';
import { compareResults } from '../../../core/scenarios/frontier.ts';
import type { SelectionResult } from '../../../core/strategy/selection.ts';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { BacklogRefreshButton } from '../portfolio/BacklogRefresh.tsx';
import { BacklogScenarioModal } from '../portfolio/BacklogScenarioModal.tsx';
import { FrontierJobButton, FrontierJobStatus } from '../portfolio/FrontierJob.tsx';
import { currentLocale } from '../../i18n.ts';
import {
  createScenario,
  patchScenario,
  runScenario,
  useInvalidateScenarios,
  useScenario,
  useScenarios,
} from './scenarios-api.ts';

const nf = (x: number, digits = 0) =>
  new Intl.NumberFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: digits,
  }).format(x);
const pct = (x: number) => `${nf(x * 100, 1)} %`;

/** A constraint key (`budget:2027-T1`, `capacity:dev:2027-T1`) in words. */
function useConstraintLabel() {
  const { t } = useTranslation();
  return (key: string) => {
    const [kind, a, b] = key.split(':');
    if (kind === 'budget') return t('scenarios.portfolio.budgetOf', { period: a });
    if (kind === 'capacity') return t('scenarios.portfolio.capacityOf', { pool: a, period: b });
    return key;
  };
}

function NewScenarioModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (s: Scenario) => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateScenarios();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setError(null);
    if (!file) return setError(t('scenarios.portfolio.fileRequired'));
    let selection: unknown;
    try {
      selection = JSON.parse(await file.text());
    } catch {
      return setError(t('scenarios.portfolio.fileNotJson'));
    }
    setSaving(true);
    try {
      const s = await createScenario({
        name: name.trim(),
        description: description.trim(),
        selection,
      });
      await invalidate(s);
      onCreated(s);
      onClose();
    } catch (err) {
      if (isApiError(err, 'VALIDATION_FAILED') && err.issues[0])
        setError(
          t('scenarios.portfolio.fileInvalid', {
            path: err.issues[0].path.slice(1).join('.'),
            message: err.issues[0].message,
          }),
        );
      else setError(errorMessage(t, err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('scenarios.portfolio.new')} size="lg">
      <Stack>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('scenarios.portfolio.name')}
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Textarea
          label={t('scenarios.portfolio.description')}
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <FileInput
          label={t('scenarios.portfolio.file')}
          description={t('scenarios.portfolio.fileHelp')}
          accept="application/json,.json"
          required
          clearable
          value={file}
          onChange={setFile}
        />
        <FormActions onCancel={onClose}>
          <Button onClick={() => void save()} loading={saving}>
            {t('common.save')}
          </Button>
        </FormActions>
      </Stack>
    </Modal>
  );
}

/** Best value at each budget level: SVG chart (efficient points joined) or table. */
function Frontier({ points, current }: { points: FrontierPoint[]; current: number | null }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const W = 640;
  const H = 260;
  const pad = { l: 64, r: 16, t: 16, b: 40 };
  const feasible = points.filter((p) => p.value !== null);
  const maxX = Math.max(1, ...points.map((p) => p.budget));
  const maxY = Math.max(1, ...feasible.map((p) => p.value!));
  const x = (v: number) => pad.l + (v / maxX) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - (v / maxY) * (H - pad.t - pad.b);
  // The frontier is the best value at every budget level: the line goes through every
  // feasible level (a plateau, where more budget buys nothing, stays on it, drawn hollow).
  const line = [...feasible]
    .sort((a, b) => a.budget - b.budget)
    .map((p) => `${x(p.budget)},${y(p.value!)}`)
    .join(' ');
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={3} size="h5">
            {t('scenarios.portfolio.frontierTitle')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('scenarios.portfolio.frontierHelp')}
          </Text>
        </div>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          aria-label={t('scenarios.portfolio.view')}
          data={[
            { value: 'chart', label: t('scenarios.portfolio.viewChart') },
            { value: 'table', label: t('scenarios.portfolio.viewTable') },
          ]}
        />
      </Group>
      {view === 'chart' ? (
        <svg
          width="100%"
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={t('scenarios.portfolio.frontierChart')}
          style={{ maxWidth: W }}
        >
          <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} stroke="#868e96" />
          <line x1={pad.l} y1={pad.t} x2={pad.l} y2={H - pad.b} stroke="#868e96" />
          {[0, 0.5, 1].map((f) => (
            <text
              key={f}
              x={pad.l - 6}
              y={y(maxY * f) + 4}
              fontSize="11"
              textAnchor="end"
              fill="#495057"
            >
              {nf(maxY * f)}
            </text>
          ))}
          {points.map((p) => (
            <text
              key={p.factor}
              x={x(p.budget)}
              y={H - pad.b + 16}
              fontSize="11"
              textAnchor="middle"
              fill="#495057"
            >
              {nf(p.factor * 100)} %
            </text>
          ))}
          <text x={(W + pad.l) / 2} y={H - 4} fontSize="11" textAnchor="middle" fill="#495057">
            {t('scenarios.portfolio.axisBudget')}
          </text>
          <polyline points={line} fill="none" stroke="#3b5bdb" strokeWidth={2} />
          {feasible.map((p) => (
            <circle
              key={p.factor}
              cx={x(p.budget)}
              cy={y(p.value!)}
              r={p.factor === 1 ? 6 : 4}
              fill={p.efficient ? '#3b5bdb' : '#fff'}
              stroke="#3b5bdb"
              strokeWidth={2}
            >
              <title>
                {t('scenarios.portfolio.pointTitle', {
                  factor: nf(p.factor * 100),
                  budget: nf(p.budget),
                  value: nf(p.value!),
                  selected: p.selected,
                })}
              </title>
            </circle>
          ))}
          {points
            .filter((p) => p.value === null)
            .map((p) => (
              <text
                key={`x-${p.factor}`}
                x={x(p.budget)}
                y={H - pad.b + 4}
                fontSize="13"
                textAnchor="middle"
                fill="#c92a2a"
              >
                ×<title>{t(`scenarios.portfolio.statuses.${p.status}`)}</title>
              </text>
            ))}
          {current !== null && (
            <>
              {/* The scenario's value as a reference line, its label under it (clear of the points). */}
              <line
                x1={pad.l}
                x2={W - pad.r}
                y1={y(current)}
                y2={y(current)}
                stroke="#868e96"
                strokeDasharray="4 4"
              />
              <text
                x={W - pad.r - 4}
                y={Math.min(y(current) + 16, H - pad.b - 4)}
                fontSize="11"
                textAnchor="end"
                fill="#495057"
              >
                {t('scenarios.portfolio.currentValue', { value: nf(current) })}
              </text>
            </>
          )}
        </svg>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right">{t('scenarios.portfolio.level')}</Table.Th>
              <Table.Th ta="right">{t('scenarios.portfolio.totalBudget')}</Table.Th>
              <Table.Th ta="right">{t('scenarios.portfolio.value')}</Table.Th>
              <Table.Th ta="right">{t('scenarios.portfolio.selectedCount')}</Table.Th>
              <Table.Th ta="right">{t('scenarios.portfolio.spent')}</Table.Th>
              <Table.Th>{t('scenarios.portfolio.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.factor}>
                <Table.Td ta="right">{nf(p.factor * 100)} %</Table.Td>
                <Table.Td ta="right">{nf(p.budget)}</Table.Td>
                <Table.Td ta="right">{p.value === null ? '—' : nf(p.value)}</Table.Td>
                <Table.Td ta="right">{p.selected}</Table.Td>
                <Table.Td ta="right">{nf(p.spent)}</Table.Td>
                <Table.Td>
                  {t(`scenarios.portfolio.statuses.${p.status}`)}
                  {p.gap ? ` (${t('scenarios.portfolio.gap')} ${pct(p.gap)})` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** Result of a run: headline numbers, budget use per period, binding constraints and prices. */
function ResultView({ s, r }: { s: Scenario; r: SelectionResult }) {
  const { t } = useTranslation();
  const label = useConstraintLabel();
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {[
          [t('scenarios.portfolio.status'), t(`scenarios.portfolio.statuses.${r.status}`)],
          [t('scenarios.portfolio.value'), r.objective === null ? '—' : nf(r.objective)],
          [t('scenarios.portfolio.selectedCount'), `${r.selected.length} / ${s.candidateCount}`],
          [
            t('scenarios.portfolio.gap'),
            r.gap === null
              ? '—'
              : `${pct(r.gap)}${s.runSeconds ? ` · ${nf(s.runSeconds, 1)} s` : ''}`,
          ],
        ].map(([k, v]) => (
          <Paper key={k} withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed">
              {k}
            </Text>
            <Text fw={700} size="lg">
              {v}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {r.conflicts.length > 0 && (
        <Alert color="red" variant="light" title={t('scenarios.portfolio.conflicts')}>
          {r.conflicts.map(label).join(' · ')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Table withTableBorder>
          <Table.Caption>{t('scenarios.portfolio.budgetUse')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('scenarios.portfolio.period')}</Table.Th>
              <Table.Th ta="right">{t('scenarios.portfolio.used')}</Table.Th>
              <Table.Th ta="right">{t('scenarios.portfolio.available')}</Table.Th>
              <Table.Th ta="right">%</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.periods.map((p, i) => {
              const used = r.budgetUsed[p] ?? 0;
              const cap = s.budget[i] ?? null;
              return (
                <Table.Tr key={p}>
                  <Table.Td>{p}</Table.Td>
                  <Table.Td ta="right">{nf(used)}</Table.Td>
                  <Table.Td ta="right">{cap === null ? '∞' : nf(cap)}</Table.Td>
                  <Table.Td ta="right">{cap ? pct(used / cap) : '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Table withTableBorder>
          <Table.Caption>{t('scenarios.portfolio.bindingHelp')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('scenarios.portfolio.binding')}</Table.Th>
              <Table.Th ta="right">{t('scenarios.portfolio.price')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.binding.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={2}>
                  <Text size="sm" c="dimmed">
                    {t('scenarios.portfolio.noBinding')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {r.binding.map((k) => {
              const price = r.shadowPrices[k];
              const per = k.startsWith('budget') ? 1000 : 100;
              return (
                <Table.Tr key={k}>
                  <Table.Td>{label(k)}</Table.Td>
                  <Table.Td ta="right">
                    {price
                      ? t(
                          k.startsWith('budget')
                            ? 'scenarios.portfolio.perThousand'
                            : 'scenarios.portfolio.perHundredHours',
                          {
                            value: nf(price * per, 2),
                          },
                        )
                      : t('scenarios.portfolio.noGain')}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('scenarios.portfolio.priceHelp')}
      </Text>
      <CapacityUse s={s} r={r} />
    </Stack>
  );
}

/**
 * Capacity use of the chosen portfolio: one row per resource pool (a team, for a scenario
 * built from the backlog), one column per period, hours used / available and the share.
 */
function CapacityUse({ s, r }: { s: Scenario; r: SelectionResult }) {
  const { t } = useTranslation();
  const capacity = (s.selection.capacity ?? {}) as Record<string, Record<string, number>>;
  const pools = Object.keys(capacity);
  if (pools.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table withTableBorder fz="xs">
        <Table.Caption>{t('scenarios.portfolio.capacityUse')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('scenarios.portfolio.pool')}</Table.Th>
            {s.periods.map((p) => (
              <Table.Th key={p} ta="right">
                {p}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pools.map((pool) => (
            <Table.Tr key={pool}>
              <Table.Th scope="row">{pool}</Table.Th>
              {s.periods.map((p) => {
                const cap = capacity[pool]?.[p];
                const used = r.capacityUsed[pool]?.[p] ?? 0;
                const full = cap !== undefined && used >= cap - 1e-6;
                return (
                  <Table.Td
                    key={p}
                    ta="right"
                    c={full ? 'red.8' : undefined}
                    fw={full ? 700 : undefined}
                  >
                    {cap === undefined
                      ? nf(used)
                      : t('scenarios.portfolio.hoursOf', { used: nf(used), available: nf(cap) })}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Side by side with another scenario: value, what enters, what drops, budget use. */
function Comparison({ a, b }: { a: Scenario; b: Scenario }) {
  const { t } = useTranslation();
  if (!a.result || !b.result)
    return (
      <Text size="sm" c="dimmed">
        {t('scenarios.portfolio.compareNeedsRuns')}
      </Text>
    );
  const diff = compareResults(a.result, b.result);
  const names = new Map([...a.candidates, ...b.candidates].map((c) => [c.id, c.name]));
  const periods = [...new Set([...a.periods, ...b.periods])];
  // Capacity use per pool over the horizon (hours), for the pools either portfolio uses.
  const pools = [
    ...new Set([...Object.keys(a.result.capacityUsed), ...Object.keys(b.result.capacityUsed)]),
  ];
  const hoursOf = (r: SelectionResult, pool: string) =>
    Object.values(r.capacityUsed[pool] ?? {}).reduce((x, y) => x + y, 0);
  return (
    <Table withTableBorder>
      <Table.Caption>
        {t('scenarios.portfolio.compareCaption', { a: a.name, b: b.name })}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th>{a.name}</Table.Th>
          <Table.Th>{b.name}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th>{t('scenarios.portfolio.value')}</Table.Th>
          <Table.Td>{a.result.objective === null ? '—' : nf(a.result.objective)}</Table.Td>
          <Table.Td>
            {b.result.objective === null ? '—' : nf(b.result.objective)}
            {diff.valueDelta !== null &&
              ` (${diff.valueDelta >= 0 ? '+' : ''}${nf(diff.valueDelta)})`}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('scenarios.portfolio.selectedCount')}</Table.Th>
          <Table.Td>{a.result.selected.length}</Table.Td>
          <Table.Td>{b.result.selected.length}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('scenarios.portfolio.onlyIn')}</Table.Th>
          <Table.Td>{diff.dropped.map((id) => names.get(id) ?? id).join(', ') || '—'}</Table.Td>
          <Table.Td>{diff.added.map((id) => names.get(id) ?? id).join(', ') || '—'}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('scenarios.portfolio.moved')}</Table.Th>
          <Table.Td colSpan={2}>
            {diff.moved
              .map((m) => `${names.get(m.id) ?? m.id} : ${m.from} → ${m.to}`)
              .join(' · ') || '—'}
          </Table.Td>
        </Table.Tr>
        {periods.map((p) => (
          <Table.Tr key={p}>
            <Table.Th>{t('scenarios.portfolio.budgetUsedOf', { period: p })}</Table.Th>
            <Table.Td>{nf(a.result!.budgetUsed[p] ?? 0)}</Table.Td>
            <Table.Td>{nf(b.result!.budgetUsed[p] ?? 0)}</Table.Td>
          </Table.Tr>
        ))}
        {pools.map((pool) => (
          <Table.Tr key={`pool:${pool}`}>
            <Table.Th>{t('scenarios.portfolio.hoursUsedOf', { pool })}</Table.Th>
            <Table.Td>{nf(hoursOf(a.result!, pool))}</Table.Td>
            <Table.Td>{nf(hoursOf(b.result!, pool))}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

type Forcing = 'auto' | 'in' | 'out';

/**
 * « Scénarios de portefeuille »: saved selection problems, run with HiGHS; the PMO forces
 * candidates in or out and re-runs, compares two scenarios side by side, and draws the
 * efficient frontier.
 */
export function ScenariosPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const list = useScenarios();
  const invalidate = useInvalidateScenarios();
  const [picked, setPicked] = useState<string | null>(null);
  const [other, setOther] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [fromBacklog, setFromBacklog] = useState(false);
  const [busy, setBusy] = useState<'run' | 'force' | null>(null);
  const [timeLimit, setTimeLimit] = useState<number | string>(10);
  const id = picked ?? list.data?.items[0]?.id ?? null;
  const scenario = useScenario(id);
  const otherScenario = useScenario(other && other !== id ? other : null);

  if (list.isPending) return <TableSkeleton />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const modal = creating ? (
    <NewScenarioModal onClose={() => setCreating(false)} onCreated={(s) => setPicked(s.id)} />
  ) : fromBacklog ? (
    <BacklogScenarioModal
      onClose={() => setFromBacklog(false)}
      onCreated={(s) => setPicked(s.id)}
    />
  ) : null;
  const fromBacklogButton = (
    <Button variant="light" onClick={() => setFromBacklog(true)}>
      {t('portfolioSelection.backlog.button')}
    </Button>
  );
  if (list.data.items.length === 0)
    return (
      <>
        <EmptyState
          title={t('scenarios.portfolio.emptyTitle')}
          message={t('scenarios.portfolio.emptyMessage')}
          action={
            canManage ? (
              <Group>
                {fromBacklogButton}
                <Button
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() => setCreating(true)}
                >
                  {t('scenarios.portfolio.new')}
                </Button>
              </Group>
            ) : undefined
          }
        />
        {modal}
      </>
    );

  const act = async (what: 'run' | 'force', fn: () => Promise<Scenario>) => {
    setBusy(what);
    try {
      await invalidate(await fn());
    } catch (err) {
      if (isApiError(err, 'VERSION_MISMATCH')) await scenario.refetch();
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    } finally {
      setBusy(null);
    }
  };
  const s = scenario.data;
  const forcingOf = (cid: string): Forcing =>
    s?.forcedIn.includes(cid) ? 'in' : s?.forcedOut.includes(cid) ? 'out' : 'auto';
  const setForcing = (cid: string, f: Forcing) => {
    if (!s) return;
    const forcedIn = s.forcedIn.filter((x) => x !== cid);
    const forcedOut = s.forcedOut.filter((x) => x !== cid);
    if (f === 'in') forcedIn.push(cid);
    if (f === 'out') forcedOut.push(cid);
    void act('force', () => patchScenario(s.id, { forcedIn, forcedOut }, s.version));
  };
  const starts = new Map(s?.result?.selected.map((x) => [x.id, x.start]) ?? []);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <Select
            label={t('scenarios.portfolio.scenario')}
            allowDeselect={false}
            w={320}
            data={list.data.items.map((x) => ({ value: x.id, label: x.name }))}
            value={id}
            onChange={setPicked}
          />
          <Select
            label={t('scenarios.portfolio.compareWith')}
            clearable
            w={320}
            placeholder={t('scenarios.portfolio.compareNone')}
            data={list.data.items
              .filter((x) => x.id !== id)
              .map((x) => ({ value: x.id, label: x.name }))}
            value={other}
            onChange={setOther}
          />
        </Group>
        {canManage && (
          <Group>
            {fromBacklogButton}
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setCreating(true)}
            >
              {t('scenarios.portfolio.new')}
            </Button>
          </Group>
        )}
      </Group>
      {scenario.isPending ? (
        <TableSkeleton />
      ) : scenario.isError ? (
        <ErrorState error={scenario.error} onRetry={() => void scenario.refetch()} />
      ) : (
        s && (
          <>
            {s.description && (
              <Text size="sm" c="dimmed">
                {s.description}
              </Text>
            )}
            {canManage && (
              <Group align="flex-end">
                <NumberInput
                  label={t('scenarios.portfolio.timeLimit')}
                  min={1}
                  max={60}
                  w={220}
                  allowDecimal={false}
                  value={timeLimit}
                  onChange={setTimeLimit}
                />
                <Button
                  leftSection={<IconPlayerPlay size={16} aria-hidden />}
                  loading={busy === 'run'}
                  disabled={busy !== null}
                  onClick={() =>
                    void act('run', () =>
                      runScenario(s.id, 'run', Number(timeLimit) || 10, s.version),
                    )
                  }
                >
                  {t('scenarios.portfolio.run')}
                </Button>
                <FrontierJobButton
                  scenario={s}
                  timeLimit={Number(timeLimit) || 10}
                  disabled={busy !== null}
                />
                <BacklogRefreshButton scenario={s} disabled={busy !== null} />
              </Group>
            )}
            {s.result ? (
              <ResultView s={s} r={s.result} />
            ) : (
              <Alert variant="light" color="blue">
                {t('scenarios.portfolio.notRun')}
              </Alert>
            )}
            {otherScenario.data && (
              <Paper withBorder p="md" radius="md">
                <Title order={3} size="h5" mb="xs">
                  {t('scenarios.portfolio.compareTitle')}
                </Title>
                <Comparison a={s} b={otherScenario.data} />
              </Paper>
            )}
            <FrontierJobStatus scenarioId={s.id} />
            {s.frontier && <Frontier points={s.frontier} current={s.result?.objective ?? null} />}
            <Paper withBorder p="md" radius="md">
              <Title order={3} size="h5" mb="xs">
                {t('scenarios.portfolio.candidates')}
              </Title>
              <Text size="xs" c="dimmed" mb="xs">
                {t('scenarios.portfolio.candidatesHelp')}
              </Text>
              <Table highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('scenarios.portfolio.candidate')}</Table.Th>
                    <Table.Th ta="right">{t('scenarios.portfolio.value')}</Table.Th>
                    <Table.Th ta="right">{t('scenarios.portfolio.cost')}</Table.Th>
                    <Table.Th>{t('scenarios.portfolio.decision')}</Table.Th>
                    <Table.Th>{t('scenarios.portfolio.forcing')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.candidates.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Text size="sm">
                          {c.name}{' '}
                          <Text span size="xs" c="dimmed">
                            {c.id}
                          </Text>
                        </Text>
                        {c.mandatory && (
                          <Badge size="xs" variant="light" color="grape">
                            {t('scenarios.portfolio.mandatory')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{nf(c.value)}</Table.Td>
                      <Table.Td ta="right">{nf(c.totalCost)}</Table.Td>
                      <Table.Td>
                        {!s.result ? (
                          '—'
                        ) : starts.has(c.id) ? (
                          <Badge color="green" variant="light">
                            {t('scenarios.portfolio.in', { start: starts.get(c.id) })}
                          </Badge>
                        ) : (
                          <Badge color="gray" variant="light">
                            {t('scenarios.portfolio.out')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <SegmentedControl
                          size="xs"
                          disabled={!canManage || busy !== null}
                          value={forcingOf(c.id)}
                          onChange={(v) => setForcing(c.id, v as Forcing)}
                          aria-label={t('scenarios.portfolio.forcingOf', { name: c.name })}
                          data={(['auto', 'in', 'out'] as const).map((f) => ({
                            value: f,
                            label: t(`scenarios.portfolio.forcings.${f}`),
                          }))}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </>
        )
      )}
      {modal}
    </Stack>
  );
}
