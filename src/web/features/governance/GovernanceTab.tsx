import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconGavel, IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Deliverable,
  GateCondition,
  ProjectGovernance,
  type DeliverableStatus,
} from '../../../contracts/governance.ts';
import type { Project } from '../../../contracts/portfolio.ts';
import { api, isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { DetailSkeleton, EmptyState, ErrorState } from '../../components/states.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { DecisionModal } from './DecisionModal.tsx';
import { DecisionBadge, isOverdue, LifecycleBadge, ScoreBadge } from './governance-badges.tsx';
import {
  useGovernanceCache,
  useMethodologies,
  useMethodology,
  useProjectGovernance,
} from './governance-api.ts';
import {
  ClosureRexAlert,
  GateMilestones,
  MethodMigrationButton,
  ProjectStandardsPanel,
} from '../methods/ProjectStandards.tsx';
import { PhaseRibbon } from './PhaseRibbon.tsx';
import { RaciPanel } from './RaciPanel.tsx';

export function GovernanceTab({ project }: { project: Project }) {
  const g = useProjectGovernance(project.id);
  if (g.isPending) return <DetailSkeleton />;
  if (g.isError) {
    if (isApiError(g.error, 'LIFECYCLE_NOT_SET')) {
      return (
        <Stack>
          <ApplyMethodology project={project} />
          <RaciPanel projectId={project.id} canEdit={project.can.update} />
        </Stack>
      );
    }
    return <ErrorState error={g.error} onRetry={() => void g.refetch()} />;
  }
  return <GovernanceView project={project} g={g.data} />;
}

function ApplyMethodology({ project }: { project: Project }) {
  const { t } = useTranslation();
  const methods = useMethodologies();
  const save = useGovernanceCache(project.id);
  const [methodologyId, setMethodologyId] = useState<string | null>(null);
  const [phaseKey, setPhaseKey] = useState<string | null>(null);
  const [createWbs, setCreateWbs] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = useMethodology(methodologyId);
  const phases = methodologyId ? (chosen.data?.content.phases ?? []) : [];
  if (!project.can.update) {
    return (
      <EmptyState
        title={t('governance.noLifecycleTitle')}
        message={t('governance.noLifecycleReadOnly')}
      />
    );
  }
  const apply = async () => {
    if (!methodologyId) {
      setError(t('governance.apply.pick'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const g = await api.post(`/projects/${project.id}/governance`, ProjectGovernance, {
        methodologyId,
        ...(phaseKey ? { phaseKey } : {}),
        createWbs,
      });
      save(g);
      notifications.show({ color: 'teal', message: t('governance.apply.done') });
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} size="h4" mb={4}>
        {t('governance.apply.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md" maw={720}>
        {t('governance.apply.help')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <Group align="flex-end" gap="md">
          <Select
            label={t('governance.apply.methodology')}
            data={(methods.data?.items ?? []).map((m) => ({
              value: m.id,
              label: `${m.name} (v${m.latestVersion})`,
            }))}
            value={methodologyId}
            onChange={(v) => {
              setMethodologyId(v);
              setPhaseKey(null);
            }}
            w={320}
          />
          <Select
            label={t('governance.apply.phase')}
            placeholder={phases[0]?.name ?? ''}
            data={phases.map((p) => ({ value: p.key, label: p.name }))}
            value={phaseKey}
            onChange={setPhaseKey}
            disabled={phases.length === 0}
            w={240}
          />
          <Switch
            label={t('governance.apply.createWbs')}
            checked={createWbs}
            onChange={(e) => setCreateWbs(e.currentTarget.checked)}
            mb={8}
          />
          <Button type="submit" loading={busy}>
            {t('governance.apply.submit')}
          </Button>
        </Group>
        {error && (
          <Alert color="red" mt="sm" role="alert">
            {error}
          </Alert>
        )}
      </form>
    </Paper>
  );
}

function GovernanceView({ project, g }: { project: Project; g: ProjectGovernance }) {
  const { t } = useTranslation();
  const [deciding, setDeciding] = useState(false);
  const current = g.phases.find((p) => p.key === g.currentPhaseKey)!;
  const ended = g.status === 'completed' || g.status === 'stopped';
  const openConditions = g.decisions
    .flatMap((d) => d.conditions)
    .filter((c) => c.status === 'open');
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {t('governance.method')}
          </Text>
          <Group gap="xs">
            <Title order={2} size="h4">
              {g.methodology.name}
            </Title>
            <Badge variant="light" color="gray">
              v{g.methodologyVersion}
            </Badge>
            {g.latestVersion > g.methodologyVersion && (
              <Text size="xs" c="dimmed">
                {t('governance.newerVersion', { version: g.latestVersion })}
              </Text>
            )}
            {g.can.prepare && !ended && <MethodMigrationButton projectId={project.id} g={g} />}
            <LifecycleBadge status={g.status} />
          </Group>
        </div>
        <Group gap="lg">
          <div>
            <Text size="sm" c="dimmed">
              {t('governance.compliance')}
            </Text>
            <ScoreBadge score={g.compliance.score} size="lg" />
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('governance.openConditions')}
            </Text>
            <Text fw={700} size="lg">
              {openConditions.length}
            </Text>
          </div>
        </Group>
      </Group>

      <PhaseRibbon phases={g.phases} status={g.status} />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {ended ? (
            <Alert color={g.status === 'completed' ? 'teal' : 'red'} variant="light">
              {t(`governance.ended.${g.status}`)}
            </Alert>
          ) : (
            <Paper
              withBorder
              radius="md"
              p="md"
              component="section"
              aria-labelledby="gate-review-title"
            >
              <Group justify="space-between" mb="sm">
                <div>
                  <Title order={3} size="h5" id="gate-review-title">
                    {t('governance.review.title', { gate: current.gate?.name ?? current.name })}
                  </Title>
                  <Text size="xs" c="dimmed">
                    {t('governance.review.approvers', {
                      list: (current.gate?.approvers ?? ['pmo'])
                        .map((a) => t(`governance.approvers.${a}`))
                        .join(', '),
                    })}
                  </Text>
                </div>
                {g.can.decide && (
                  <Button
                    leftSection={<IconGavel size={16} aria-hidden />}
                    onClick={() => setDeciding(true)}
                  >
                    {t('governance.review.decide')}
                  </Button>
                )}
              </Group>
              {g.readiness && (
                <>
                  <Group gap="sm" mb="xs">
                    <Text size="sm" fw={600}>
                      {t('governance.review.readiness', {
                        done: g.readiness.done,
                        total: g.readiness.total,
                      })}
                    </Text>
                    {g.readiness.ready ? (
                      <Badge color="teal" leftSection={<IconCheck size={12} aria-hidden />}>
                        {t('governance.review.ready')}
                      </Badge>
                    ) : (
                      <Badge color="orange">{t('governance.review.notReady')}</Badge>
                    )}
                  </Group>
                  <Progress
                    value={g.readiness.percent}
                    color={g.readiness.ready ? 'teal' : 'orange'}
                    mb="md"
                    aria-label={t('governance.review.readinessLabel')}
                  />
                  <Checklist project={project} g={g} />
                  <GateMilestones projectId={project.id} g={g} />
                  <ClosureRexAlert projectId={project.id} g={g} />
                  {g.readiness.missing.length > 0 && (
                    <Alert
                      color="orange"
                      variant="light"
                      mt="md"
                      icon={<IconAlertTriangle aria-hidden />}
                      title={t('governance.review.missing')}
                    >
                      <ul style={{ margin: 0, paddingLeft: 18 }}>
                        {g.readiness.missing.map((m) => (
                          <li key={m}>
                            <Text size="sm">
                              {m}
                              {g.readiness?.milestones.some(
                                (x) => x.label === m && x.state === 'reached',
                              ) && ` ${t('methods.evidence.missingSuffix')}`}
                            </Text>
                          </li>
                        ))}
                      </ul>
                    </Alert>
                  )}
                </>
              )}
            </Paper>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Paper withBorder radius="md" p="md">
            <Title order={3} size="h5" mb="sm">
              {t('governance.compliancePerPhase')}
            </Title>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('governance.phase')}</Table.Th>
                  <Table.Th ta="right">{t('governance.approvedOfRequired')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {g.compliance.phases.map((p) => (
                  <Table.Tr key={p.phaseKey}>
                    <Table.Td>{p.phaseName}</Table.Td>
                    <Table.Td ta="right">
                      {p.approved} / {p.required}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Grid.Col>
      </Grid>

      <DeliverablesTable project={project} g={g} />
      <ProjectStandardsPanel projectId={project.id} />
      <DecisionHistory project={project} g={g} />
      <RaciPanel projectId={project.id} canEdit={g.can.prepare} />
      <MethodReference g={g} />
      {deciding && (
        <DecisionModal project={project} g={g} opened onClose={() => setDeciding(false)} />
      )}
    </Stack>
  );
}

function Checklist({ project, g }: { project: Project; g: ProjectGovernance }) {
  const { t } = useTranslation();
  const save = useGovernanceCache(project.id);
  const [busy, setBusy] = useState<string | null>(null);
  // Shown ticked at once; the server's answer (readiness included) replaces it.
  const [optimistic, setOptimistic] = useState<Record<string, boolean>>({});
  const toggle = async (criterionKey: string, met: boolean) => {
    setBusy(criterionKey);
    setOptimistic((o) => ({ ...o, [criterionKey]: met }));
    try {
      save(
        await api.post(`/projects/${project.id}/governance/criteria`, ProjectGovernance, {
          phaseKey: g.currentPhaseKey,
          criterionKey,
          met,
        }),
      );
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
    } finally {
      setBusy(null);
      setOptimistic((o) => {
        const { [criterionKey]: _, ...rest } = o;
        return rest;
      });
    }
  };
  const criteria = g.readiness?.criteria ?? [];
  if (criteria.length === 0) return null;
  return (
    <Stack gap={6} role="group" aria-label={t('governance.review.checklist')}>
      <Text size="sm" fw={600}>
        {t('governance.review.checklist')}
      </Text>
      {criteria.map((c) => (
        <Checkbox
          key={c.key}
          label={c.label}
          checked={optimistic[c.key] ?? c.met}
          disabled={!g.can.prepare}
          aria-busy={busy === c.key}
          onChange={(e) => void toggle(c.key, e.currentTarget.checked)}
        />
      ))}
    </Stack>
  );
}

const STATUS_COLORS: Record<DeliverableStatus | 'missing', string> = {
  draft: 'gray',
  submitted: 'blue',
  approved: 'teal',
  missing: 'red',
};

function DeliverablesTable({ project, g }: { project: Project; g: ProjectGovernance }) {
  const { t } = useTranslation();
  const save = useGovernanceCache(project.id);
  const phaseName = new Map(g.phases.map((p) => [p.key, p.name]));
  const order = new Map(g.phases.map((p, i) => [p.key, i]));
  const rows = [...g.deliverables].sort(
    (a, b) => (order.get(a.phaseKey) ?? 0) - (order.get(b.phaseKey) ?? 0),
  );
  const update = async (
    d: Deliverable,
    body: { status?: DeliverableStatus; reference?: string },
  ) => {
    try {
      await api.patch(`/projects/${project.id}/deliverables/${d.id}`, Deliverable, body, d.version);
      notifications.show({ color: 'teal', message: t('governance.deliverables.saved') });
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
    } finally {
      save(null);
    }
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="deliverables-title">
      <Title order={3} size="h5" mb="sm" id="deliverables-title">
        {t('governance.deliverables.title')}
      </Title>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('governance.phase')}</Table.Th>
              <Table.Th>{t('governance.deliverables.name')}</Table.Th>
              <Table.Th>{t('governance.deliverables.status')}</Table.Th>
              <Table.Th>{t('governance.deliverables.reference')}</Table.Th>
              <Table.Th>{t('governance.deliverables.owner')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr
                key={d.id}
                bg={
                  d.phaseKey === g.currentPhaseKey ? 'var(--mantine-color-blue-light)' : undefined
                }
              >
                <Table.Td>
                  <Text size="sm">{phaseName.get(d.phaseKey) ?? d.phaseKey}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {d.name}
                  </Text>
                  {d.required ? (
                    <Badge size="xs" variant="outline" color="gray">
                      {t('governance.deliverables.required')}
                    </Badge>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t('governance.deliverables.optional')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {g.can.prepare ? (
                    <Select
                      size="xs"
                      w={150}
                      aria-label={t('governance.deliverables.statusOf', { name: d.name })}
                      value={d.status}
                      allowDeselect={false}
                      data={(['draft', 'submitted', 'approved'] as const).map((s) => ({
                        value: s,
                        label: t(`governance.deliverableStatus.${s}`),
                        disabled: s === 'approved' && !g.can.approve && d.status !== 'approved',
                      }))}
                      onChange={(v) =>
                        v && v !== d.status && void update(d, { status: v as DeliverableStatus })
                      }
                    />
                  ) : (
                    <Badge color={STATUS_COLORS[d.status]} variant="light">
                      {t(`governance.deliverableStatus.${d.status}`)}
                    </Badge>
                  )}
                  {d.approvedBy && (
                    <Text size="xs" c="dimmed">
                      {t('governance.deliverables.approvedBy', {
                        name: d.approvedBy,
                        date: formatDateTime(d.approvedAt),
                      })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {g.can.prepare ? (
                    <TextInput
                      size="xs"
                      aria-label={t('governance.deliverables.referenceOf', { name: d.name })}
                      placeholder={t('governance.deliverables.referencePlaceholder')}
                      defaultValue={d.reference}
                      key={`${d.id}-${d.version}`}
                      onBlur={(e) => {
                        const v = e.currentTarget.value.trim();
                        if (v !== d.reference) void update(d, { reference: v });
                      }}
                    />
                  ) : d.reference.startsWith('http') ? (
                    <Anchor href={d.reference} target="_blank" rel="noreferrer" size="sm">
                      {d.reference}
                    </Anchor>
                  ) : (
                    <Text size="sm">{d.reference || '—'}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{d.owner?.name ?? '—'}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function ConditionLine({
  project,
  c,
  canEdit,
}: {
  project: Project;
  c: GateCondition;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const save = useGovernanceCache(project.id);
  const overdue = isOverdue(c);
  const toggle = async (done: boolean) => {
    try {
      await api.patch(
        `/projects/${project.id}/gate-conditions/${c.id}`,
        GateCondition,
        { status: done ? 'done' : 'open' },
        c.version,
      );
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
    } finally {
      save(null);
    }
  };
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Checkbox
        aria-label={t('governance.conditions.doneLabel', { name: c.description })}
        checked={c.status === 'done'}
        disabled={!canEdit}
        onChange={(e) => void toggle(e.currentTarget.checked)}
        mt={2}
      />
      <div>
        <Text size="sm" td={c.status === 'done' ? 'line-through' : undefined}>
          {c.description}
        </Text>
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            {t('governance.conditions.ownerDue', {
              owner: c.owner?.name ?? '—',
              date: formatDate(c.dueDate),
            })}
          </Text>
          {overdue && (
            <Badge size="xs" color="red" variant="filled">
              {t('governance.conditions.overdue')}
            </Badge>
          )}
        </Group>
      </div>
    </Group>
  );
}

function DecisionHistory({ project, g }: { project: Project; g: ProjectGovernance }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="decisions-title">
      <Title order={3} size="h5" mb="sm" id="decisions-title">
        {t('governance.decisions.title')}
      </Title>
      {g.decisions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('governance.decisions.empty')}
        </Text>
      ) : (
        <Stack gap="md">
          {g.decisions.map((d) => (
            <Paper key={d.id} withBorder radius="sm" p="sm" component="article">
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs">
                  <DecisionBadge decision={d.decision} />
                  <Text fw={600} size="sm">
                    {d.gateName}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('governance.decisions.readiness', {
                      done: d.readiness.done,
                      total: d.readiness.total,
                    })}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('governance.decisions.by', {
                    name: d.decidedBy ?? '—',
                    date: formatDateTime(d.decidedAt),
                  })}
                </Text>
              </Group>
              {d.comment && (
                <Text size="sm" mt={4}>
                  {d.comment}
                </Text>
              )}
              {d.conditions.length > 0 && (
                <Stack gap={6} mt="xs" pl="sm">
                  {d.conditions.map((c) => (
                    <ConditionLine key={c.id} project={project} c={c} canEdit={g.can.prepare} />
                  ))}
                </Stack>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function MethodReference({ g }: { g: ProjectGovernance }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      <Paper withBorder radius="md" p="md">
        <Title order={3} size="h6" mb="xs">
          {t('governance.roles')}
        </Title>
        {g.roles.map((r) => (
          <Text key={r.name} size="sm" mb={4}>
            <b>{r.name}</b> — {r.description}
          </Text>
        ))}
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={3} size="h6" mb="xs">
          {t('governance.ceremonies')}
        </Title>
        {g.ceremonies.map((c) => (
          <Text key={c.name} size="sm" mb={4}>
            <b>{c.name}</b> ({c.frequency}) — {c.description}
          </Text>
        ))}
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={3} size="h6" mb="xs">
          {t('governance.documents')}
        </Title>
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {g.documents.map((d) => (
            <li key={d}>
              <Text size="sm">{d}</Text>
            </li>
          ))}
        </ul>
      </Paper>
    </SimpleGrid>
  );
}
