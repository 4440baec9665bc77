import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsHorizontal, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority } from '../../../contracts/portfolio.ts';
import type { HeatMap } from '../../../contracts/resources.ts';
import {
  PortfolioLevelingApplied,
  PortfolioLevelingPreview,
  PortfolioWhatIfResult,
} from '../../../contracts/whatif.ts';
import { api, isApiError } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState } from '../../components/states.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { useTree } from '../portfolio/portfolio-api.ts';
import { HeatMapTable } from '../resources/HeatMapTable.tsx';
import { useResources } from '../resources/resources-api.ts';

/** Monday of the current week, `YYYY-MM-DD`. */
function thisMonday(): string {
  const now = new Date();
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day))
    .toISOString()
    .slice(0, 10);
}

/** Person-weeks (or months) over capacity in a heat map by person. */
function overCells(map: HeatMap): number {
  let n = 0;
  for (const r of map.rows) for (const c of r.cells) if (c.overPeople > 0) n++;
  return n;
}

interface ProjectChange {
  priority: Priority;
  removed: boolean;
  weeks: number;
}

interface NewProject {
  name: string;
  priority: Priority;
  start: string | null;
  finish: string | null;
  people: { personId: string; hoursPerWeek: number }[];
}

/**
 * "Simulation" of the resource manager: a portfolio's leveling by priority (preview, then
 * apply), and a what-if on it — priorities changed, projects removed or shifted, a new project
 * added — with the heat map before and after. Nothing is saved but the applied leveling.
 */
export function PortfolioWhatIfTab({ canApply }: { canApply: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tree = useTree();
  const [portfolioId, setPortfolioId] = useState<string | null>(null);
  const [includeSoft, setIncludeSoft] = useState(false);
  const [preview, setPreview] = useState<PortfolioLevelingPreview | null>(null);
  const [changes, setChanges] = useState<Record<string, ProjectChange>>({});
  const [added, setAdded] = useState<NewProject | null>(null);
  const [from, setFrom] = useState(thisMonday());
  const [unit, setUnit] = useState<'week' | 'month'>('week');
  const [levelAfter, setLevelAfter] = useState(true);
  const [result, setResult] = useState<PortfolioWhatIfResult | null>(null);
  const people = useResources({ q: '', teamId: null, roleId: null });
  const personOptions = (people.data?.items ?? []).map((p) => ({
    value: p.personId,
    label: p.name,
  }));

  useEffect(() => {
    if (portfolioId === null && tree.data?.items[0]) setPortfolioId(tree.data.items[0].id);
  }, [tree.data, portfolioId]);

  const fail = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) });
  const compute = useMutation({
    mutationFn: (id: string) =>
      api.post(`/portfolios/${id}/leveling/preview`, PortfolioLevelingPreview, { includeSoft }),
    onSuccess: (p) => {
      setPreview(p);
      setChanges(
        Object.fromEntries(
          p.projects
            .filter((x) => !x.hypothetical)
            .map((x) => [x.id, { priority: x.priority, removed: false, weeks: 0 }]),
        ),
      );
    },
    onError: fail,
  });
  useEffect(() => {
    setPreview(null);
    setResult(null);
    setAdded(null);
    if (portfolioId) compute.mutate(portfolioId);
  }, [portfolioId, includeSoft]);

  const apply = useMutation({
    mutationFn: (p: PortfolioLevelingPreview) =>
      api.post(`/portfolios/${p.portfolioId}/leveling/apply`, PortfolioLevelingApplied, {
        includeSoft,
        fingerprint: p.fingerprint,
      }),
    onSuccess: (r) => {
      notifications.show({
        color: 'green',
        message: t('whatif.leveling.applied', { count: r.constrained, projects: r.projects }),
      });
      void qc.invalidateQueries();
      if (portfolioId) compute.mutate(portfolioId);
    },
    onError: (e) => {
      if (isApiError(e, 'LEVELING_STALE')) {
        const fresh = PortfolioLevelingPreview.safeParse(
          (e.details as { preview?: unknown })?.preview,
        );
        if (fresh.success) setPreview(fresh.data);
        notifications.show({ color: 'orange', message: t('whatif.leveling.stale') });
        return;
      }
      fail(e);
    },
  });

  const simulate = useMutation({
    mutationFn: () => {
      const original = new Map(preview!.projects.map((p) => [p.id, p.priority]));
      const list = Object.entries(changes);
      return api.post(`/portfolios/${portfolioId}/what-if`, PortfolioWhatIfResult, {
        from,
        unit,
        buckets: unit === 'week' ? 12 : 6,
        groupBy: 'person',
        includeSoft,
        level: levelAfter,
        priorities: list
          .filter(([id, c]) => c.priority !== original.get(id))
          .map(([projectId, c]) => ({ projectId, priority: c.priority })),
        removed: list.filter(([, c]) => c.removed).map(([id]) => id),
        shifts: list
          .filter(([, c]) => !c.removed && c.weeks !== 0)
          .map(([projectId, c]) => ({ projectId, days: c.weeks * 7 })),
        added:
          added && added.name.trim() && added.start && added.finish && added.people.length
            ? { ...added, name: added.name.trim() }
            : null,
      });
    },
    onSuccess: setResult,
    onError: fail,
  });

  const portfolios = (tree.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.code} — ${p.name}`,
  }));
  const priorityOptions = [...PRIORITIES]
    .reverse()
    .map((p) => ({ value: p, label: t(`project.priority.${p}`) }));
  const change = (id: string, patch: Partial<ProjectChange>) => {
    setResult(null);
    setChanges((c) => ({ ...c, [id]: { ...c[id]!, ...patch } }));
  };
  const live = preview?.projects.filter((p) => !p.hypothetical) ?? [];

  return (
    <Stack gap="lg">
      <Paper withBorder p="sm" radius="md">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('whatif.portfolio')}
            data={portfolios}
            value={portfolioId}
            onChange={setPortfolioId}
            allowDeselect={false}
            w={320}
            searchable
          />
          <Checkbox
            label={t('whatif.includeSoft')}
            checked={includeSoft}
            onChange={(e) => setIncludeSoft(e.currentTarget.checked)}
          />
        </Group>
      </Paper>

      {tree.data && portfolios.length === 0 && (
        <EmptyState title={t('whatif.noPortfolioTitle')} message={t('whatif.noPortfolio')} />
      )}

      {preview && (
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end">
            <div>
              <Title order={3}>{t('whatif.leveling.title')}</Title>
              <Text c="dimmed" size="sm" maw={760}>
                {t('whatif.leveling.intro')}
              </Text>
            </div>
            <Button
              variant="default"
              leftSection={<IconArrowsHorizontal size={16} />}
              loading={compute.isPending}
              onClick={() => portfolioId && compute.mutate(portfolioId)}
            >
              {t('whatif.leveling.refresh')}
            </Button>
          </Group>
          <LevelingSummary preview={preview} />
          {preview.people === 0 ? (
            <Alert color="gray">{t('whatif.leveling.noPeople')}</Alert>
          ) : preview.moves.length === 0 && preview.overBefore > 0 ? (
            <Alert color="orange">{t('whatif.leveling.cannotMove')}</Alert>
          ) : preview.moves.length === 0 ? (
            <Alert color="green">{t('whatif.leveling.nothing')}</Alert>
          ) : (
            <MovesTable preview={preview} caption={t('whatif.leveling.movesCaption')} />
          )}
          {canApply && preview.moves.length > 0 && (
            <Group>
              <Button color="green" loading={apply.isPending} onClick={() => apply.mutate(preview)}>
                {t('whatif.leveling.apply')}
              </Button>
              <Text size="sm" c="dimmed">
                {t('whatif.leveling.applyHint')}
              </Text>
            </Group>
          )}
        </Stack>
      )}

      {preview && live.length > 0 && (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <div>
              <Title order={3}>{t('whatif.scenario.title')}</Title>
              <Text c="dimmed" size="sm" maw={760}>
                {t('whatif.scenario.intro')}
              </Text>
            </div>
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('whatif.scenario.project')}</Table.Th>
                  <Table.Th>{t('whatif.scenario.priority')}</Table.Th>
                  <Table.Th>{t('whatif.scenario.shift')}</Table.Th>
                  <Table.Th>{t('whatif.scenario.remove')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {live.map((p) => {
                  const c = changes[p.id] ?? { priority: p.priority, removed: false, weeks: 0 };
                  const name = `${p.code} — ${p.name}`;
                  return (
                    <Table.Tr key={p.id} opacity={c.removed ? 0.5 : 1}>
                      <Table.Td>
                        {name}
                        {c.priority !== p.priority && (
                          <Badge ml="xs" size="sm" variant="light">
                            {t('whatif.scenario.changed')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={t('whatif.scenario.priorityOf', { project: name })}
                          data={priorityOptions}
                          value={c.priority}
                          onChange={(v) => v && change(p.id, { priority: v as Priority })}
                          allowDeselect={false}
                          w={140}
                          disabled={c.removed}
                        />
                      </Table.Td>
                      <Table.Td>
                        <NumberInput
                          aria-label={t('whatif.scenario.shiftOf', { project: name })}
                          value={c.weeks}
                          onChange={(v) => change(p.id, { weeks: Number(v) || 0 })}
                          min={-52}
                          max={52}
                          suffix={` ${t('whatif.scenario.weeks')}`}
                          w={140}
                          disabled={c.removed}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Checkbox
                          aria-label={t('whatif.scenario.removeOf', { project: name })}
                          checked={c.removed}
                          onChange={(e) => change(p.id, { removed: e.currentTarget.checked })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>

            {added === null ? (
              <Group>
                <Button
                  variant="default"
                  onClick={() =>
                    setAdded({
                      name: '',
                      priority: 'high',
                      start: from,
                      finish: null,
                      people: [],
                    })
                  }
                >
                  {t('whatif.added.add')}
                </Button>
              </Group>
            ) : (
              <NewProjectForm
                value={added}
                onChange={(v) => {
                  setResult(null);
                  setAdded(v);
                }}
                personOptions={personOptions}
                priorityOptions={priorityOptions}
              />
            )}

            <Group align="flex-end" wrap="wrap">
              <DateField
                label={t('whatif.scenario.from')}
                value={from}
                onChange={(v) => v && setFrom(v)}
                clearable={false}
                w={160}
              />
              <SegmentedControl
                aria-label={t('whatif.scenario.unit')}
                value={unit}
                onChange={(v) => setUnit(v as 'week' | 'month')}
                data={[
                  { value: 'week', label: t('whatif.scenario.byWeek') },
                  { value: 'month', label: t('whatif.scenario.byMonth') },
                ]}
              />
              <Checkbox
                label={t('whatif.scenario.level')}
                checked={levelAfter}
                onChange={(e) => setLevelAfter(e.currentTarget.checked)}
              />
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                loading={simulate.isPending}
                onClick={() => simulate.mutate()}
              >
                {t('whatif.scenario.run')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {result && (
        <Stack gap="sm" aria-live="polite">
          <Title order={3}>{t('whatif.result.title')}</Title>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Figure label={t('whatif.result.overBefore')} value={overCells(result.before)} />
            <Figure
              label={t('whatif.result.overAfter')}
              value={overCells(result.after)}
              color={overCells(result.after) > 0 ? 'red' : 'green'}
            />
            {result.leveling && (
              <>
                <Figure label={t('whatif.result.moved')} value={result.leveling.moves.length} />
                <Figure
                  label={t('whatif.result.unresolved')}
                  value={result.leveling.unresolved.length}
                  color={result.leveling.unresolved.length > 0 ? 'red' : undefined}
                />
              </>
            )}
          </SimpleGrid>
          {result.leveling && <ProjectFinishes preview={result.leveling} />}
          {result.leveling && result.leveling.moves.length > 0 && (
            <MovesTable preview={result.leveling} caption={t('whatif.result.movesCaption')} />
          )}
          <Title order={4}>{t('whatif.result.before')}</Title>
          <HeatMapTable map={result.before} groupLabel={(_, label) => label} />
          <Title order={4}>{t('whatif.result.after')}</Title>
          <HeatMapTable
            map={result.after}
            groupLabel={(_, label) => label}
            compareTo={result.before}
          />
        </Stack>
      )}
    </Stack>
  );
}

function NewProjectForm({
  value,
  onChange,
  personOptions,
  priorityOptions,
}: {
  value: NewProject;
  onChange: (v: NewProject | null) => void;
  personOptions: { value: string; label: string }[];
  priorityOptions: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const [personId, setPersonId] = useState<string | null>(null);
  const [hours, setHours] = useState<number>(17.5);
  return (
    <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-gray-0)">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('whatif.added.title')}</Text>
          <Button variant="subtle" color="red" size="xs" onClick={() => onChange(null)}>
            {t('whatif.added.remove')}
          </Button>
        </Group>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('whatif.added.name')}
            value={value.name}
            onChange={(e) => onChange({ ...value, name: e.currentTarget.value })}
            w={260}
            required
          />
          <Select
            label={t('whatif.scenario.priority')}
            data={priorityOptions}
            value={value.priority}
            onChange={(v) => v && onChange({ ...value, priority: v as Priority })}
            allowDeselect={false}
            w={140}
          />
          <DateField
            label={t('whatif.added.start')}
            value={value.start}
            onChange={(v) => onChange({ ...value, start: v })}
            w={160}
            required
          />
          <DateField
            label={t('whatif.added.finish')}
            value={value.finish}
            onChange={(v) => onChange({ ...value, finish: v })}
            w={160}
            required
          />
        </Group>
        {value.people.length > 0 && (
          <Table>
            <Table.Tbody>
              {value.people.map((p, i) => (
                <Table.Tr key={p.personId}>
                  <Table.Td>
                    {personOptions.find((o) => o.value === p.personId)?.label ?? p.personId}
                  </Table.Td>
                  <Table.Td ta="right">
                    {t('whatif.added.hours', { hours: formatNumber(p.hoursPerWeek) })}
                  </Table.Td>
                  <Table.Td w={40}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('whatif.added.removePerson')}
                      onClick={() =>
                        onChange({ ...value, people: value.people.filter((_, k) => k !== i) })
                      }
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('whatif.added.person')}
            data={personOptions.filter((o) => !value.people.some((p) => p.personId === o.value))}
            value={personId}
            onChange={setPersonId}
            searchable
            w={260}
          />
          <NumberInput
            label={t('whatif.added.hoursPerWeek')}
            value={hours}
            onChange={(v) => setHours(Number(v) || 0)}
            min={0.5}
            max={80}
            step={0.5}
            decimalSeparator=","
            w={140}
          />
          <Button
            variant="default"
            disabled={!personId || hours <= 0}
            onClick={() => {
              onChange({
                ...value,
                people: [...value.people, { personId: personId!, hoursPerWeek: hours }],
              });
              setPersonId(null);
            }}
          >
            {t('whatif.added.addPerson')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function LevelingSummary({ preview }: { preview: PortfolioLevelingPreview }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label={t('whatif.leveling.overBefore')} value={preview.overBefore} />
        <Figure
          label={t('whatif.leveling.overAfter')}
          value={preview.overAfter}
          color={preview.overAfter > 0 ? 'red' : 'green'}
        />
        <Figure label={t('whatif.leveling.projects')} value={preview.projects.length} />
        <Figure label={t('whatif.leveling.people')} value={preview.people} />
      </SimpleGrid>
      <Text size="sm">
        {t('staff.leveling.hours', {
          before: formatNumber(preview.overHoursBefore),
          after: formatNumber(preview.overHoursAfter),
        })}
        {preview.dropped > 0 && ` ${t('staff.leveling.dropped', { count: preview.dropped })}`}
      </Text>
      <ProjectFinishes preview={preview} />
    </Stack>
  );
}

/** Each project with the priority used and its finish before/after leveling. */
function ProjectFinishes({ preview }: { preview: PortfolioLevelingPreview }) {
  const { t } = useTranslation();
  const order = [...preview.projects].sort(
    (a, b) =>
      PRIORITIES.indexOf(b.priority) - PRIORITIES.indexOf(a.priority) ||
      a.code.localeCompare(b.code, 'fr'),
  );
  return (
    <Table withTableBorder>
      <Table.Caption>{t('whatif.projects.caption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('whatif.projects.project')}</Table.Th>
          <Table.Th>{t('whatif.projects.priority')}</Table.Th>
          <Table.Th ta="right">{t('whatif.projects.moved')}</Table.Th>
          <Table.Th>{t('whatif.projects.finishBefore')}</Table.Th>
          <Table.Th>{t('whatif.projects.finishAfter')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {order.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              {p.hypothetical ? (
                <>
                  {p.name}{' '}
                  <Badge size="sm" variant="outline">
                    {t('whatif.projects.hypothetical')}
                  </Badge>
                </>
              ) : (
                `${p.code} — ${p.name}`
              )}
            </Table.Td>
            <Table.Td>{t(`project.priority.${p.priority}`)}</Table.Td>
            <Table.Td ta="right">{p.moved}</Table.Td>
            <Table.Td>{formatDate(p.finishBefore)}</Table.Td>
            <Table.Td c={p.finishAfter !== p.finishBefore ? 'orange.9' : undefined}>
              {formatDate(p.finishAfter)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function MovesTable({ preview, caption }: { preview: PortfolioLevelingPreview; caption: string }) {
  const { t } = useTranslation();
  const project = (
    p:
      | PortfolioLevelingPreview['projects'][number]
      | { code: string; name: string; hypothetical: boolean },
  ) => (p.hypothetical ? p.name : p.code);
  const reason = (m: PortfolioLevelingPreview['moves'][number]) =>
    t(`whatif.reason.${m.reason}`, {
      float: m.totalFloat ?? 0,
      person: m.person?.name ?? '',
      by: m.blockedBy ? `${project(m.blockedBy.project)} · ${m.blockedBy.task.name}` : '',
    });
  const gain = (m: PortfolioLevelingPreview['moves'][number]) =>
    m.gain.days > 0 || m.gain.hours > 0
      ? t('staff.leveling.gainValue', {
          count: m.gain.days,
          hours: formatNumber(m.gain.hours),
        })
      : t('staff.leveling.follows');
  return (
    <Table striped withTableBorder>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('whatif.moves.project')}</Table.Th>
          <Table.Th>{t('whatif.moves.task')}</Table.Th>
          <Table.Th>{t('whatif.moves.from')}</Table.Th>
          <Table.Th>{t('whatif.moves.to')}</Table.Th>
          <Table.Th ta="right">{t('whatif.moves.delay')}</Table.Th>
          <Table.Th>{t('staff.leveling.gain')}</Table.Th>
          <Table.Th>{t('whatif.moves.why')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.moves.map((m) => (
          <Table.Tr key={`${m.project.id}:${m.task.id}`}>
            <Table.Td>{project(m.project)}</Table.Td>
            <Table.Td>
              {m.task.wbs} {m.task.name}
            </Table.Td>
            <Table.Td>{formatDate(m.from)}</Table.Td>
            <Table.Td>{formatDate(m.to)}</Table.Td>
            <Table.Td ta="right">{t('whatif.moves.days', { count: m.delay })}</Table.Td>
            <Table.Td>{gain(m)}</Table.Td>
            <Table.Td>{reason(m)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Figure({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={color}>
        {formatNumber(value)}
      </Text>
    </Paper>
  );
}
