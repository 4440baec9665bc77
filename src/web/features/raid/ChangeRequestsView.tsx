import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../contracts/portfolio.ts';
import type { ChangeRequest, ChangeRequestDetail } from '../../../contracts/raid.ts';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../format.ts';
import { useCan } from '../auth/auth-api.ts';
import { useCreateBaseline, usePlan } from '../planning/planning-api.ts';
import { useRisks } from '../risks/risks-api.ts';
import { ActionsPanel } from './ActionsPanel.tsx';
import {
  type LogScope,
  useChangeRequest,
  useChangeRequests,
  useChangeStep,
  useProjectBudget,
  useSaveChangeRequest,
} from './raid-api.ts';
import { LogTable } from './LogTable.tsx';
import { OpenButton } from './OpenButton.tsx';

export const CHANGE_COLOR: Record<ChangeRequest['status'], string> = {
  draft: 'gray',
  submitted: 'blue',
  approved: 'green',
  rejected: 'red',
};

export interface ChangeRights {
  edit: boolean;
  approve: boolean;
  apply: boolean;
}

/** The change requests of a project (or programme): list, draft, analysis, approval. */
export function ChangeRequestsView({
  scope,
  project,
  rights,
}: {
  scope: LogScope;
  project: Project | null;
  rights: ChangeRights;
}) {
  const { t } = useTranslation();
  const changes = useChangeRequests(scope);
  const [open, setOpen] = useState<string | 'new' | null>(null);
  if (changes.error) return <ErrorState error={changes.error} />;
  if (!changes.data) return <TableSkeleton rows={6} />;
  const items = changes.data.items;
  return (
    <LogTable
      count={items.length}
      newLabel={t('raid.changes.new')}
      onNew={rights.edit && project ? () => setOpen('new') : null}
      empty={{ title: t('raid.changes.emptyTitle'), message: t('raid.changes.emptyMessage') }}
      head={
        <>
          <Table.Th>{t('raid.code')}</Table.Th>
          <Table.Th>{t('raid.title')}</Table.Th>
          {!project && <Table.Th>{t('raid.project')}</Table.Th>}
          <Table.Th>{t('raid.statusLabel')}</Table.Th>
          <Table.Th ta="right">{t('raid.changes.schedule')}</Table.Th>
          <Table.Th ta="right">{t('raid.changes.cost')}</Table.Th>
          <Table.Th>{t('raid.changes.requestedBy')}</Table.Th>
          <Table.Th>{t('raid.changes.decidedAt')}</Table.Th>
        </>
      }
      rows={items.map((c) => (
        <Table.Tr key={c.id}>
          <Table.Td>{c.code}</Table.Td>
          <Table.Td>
            <OpenButton onClick={() => setOpen(c.id)}>{c.title}</OpenButton>
          </Table.Td>
          {!project && <Table.Td>{c.project.name}</Table.Td>}
          <Table.Td>
            <Badge color={CHANGE_COLOR[c.status]} variant="light">
              {t(`raid.changes.statuses.${c.status}`)}
            </Badge>
          </Table.Td>
          <Table.Td ta="right">{t('raid.changes.days', { count: c.scheduleImpactDays })}</Table.Td>
          <Table.Td ta="right">{formatMoney(c.costImpactCents)}</Table.Td>
          <Table.Td>{c.requestedBy?.name ?? '—'}</Table.Td>
          <Table.Td>{c.decidedAt ? formatDateTime(c.decidedAt) : '—'}</Table.Td>
        </Table.Tr>
      ))}
    >
      {open === 'new' && project && (
        <ChangeForm
          project={project}
          change={null}
          onClose={() => setOpen(null)}
          onCreated={(id) => setOpen(id)}
        />
      )}
      {open && open !== 'new' && (
        <ChangeModal id={open} project={project} rights={rights} onClose={() => setOpen(null)} />
      )}
    </LogTable>
  );
}

/** One change request: the draft form, or the request with its analysis and workflow. */
function ChangeModal({
  id,
  project,
  rights,
  onClose,
}: {
  id: string;
  project: Project | null;
  rights: ChangeRights;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const change = useChangeRequest(id);
  const c = change.data;
  if (c && c.status === 'draft' && rights.edit && project) {
    return <ChangeForm project={project} change={c} onClose={onClose} />;
  }
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={c ? `${c.code} — ${c.title}` : t('raid.changes.title')}
    >
      {change.error ? (
        <ErrorState error={change.error} />
      ) : !c ? (
        <TableSkeleton rows={6} />
      ) : (
        <Stack gap="md">
          <Group gap="xs">
            <Badge color={CHANGE_COLOR[c.status]} variant="light">
              {t(`raid.changes.statuses.${c.status}`)}
            </Badge>
            {c.applied && (
              <Badge color="teal" variant="outline">
                {t('raid.changes.applied')}
              </Badge>
            )}
          </Group>
          <Fields c={c} />
          <Analysis c={c} />
          <Workflow c={c} rights={rights} />
          <Divider />
          <ActionsPanel
            sourceType="change_request"
            sourceId={c.id}
            projectId={c.project.id}
            canEdit={rights.edit}
          />
        </Stack>
      )}
    </Modal>
  );
}

function Fields({ c }: { c: ChangeRequestDetail }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('raid.changes.description'), c.description],
    [t('raid.changes.justification'), c.justification],
    [t('raid.changes.scopeImpact'), c.scopeImpact],
    [t('raid.changes.riskImpact'), c.riskImpact],
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {value || '—'}
          </Text>
        </div>
      ))}
      {c.decisionComment && (
        <div>
          <Text size="xs" c="dimmed">
            {t('raid.changes.decisionComment', { name: c.decidedByName ?? '' })}
          </Text>
          <Text size="sm">{c.decisionComment}</Text>
        </div>
      )}
    </SimpleGrid>
  );
}

/** The impact analysis: tasks with their dates and float, budget lines, linked risks. */
function Analysis({ c }: { c: ChangeRequestDetail }) {
  const { t } = useTranslation();
  const a = c.analysis;
  return (
    <Stack gap="xs">
      <Title order={3} size="h6">
        {t('raid.changes.analysis')}
      </Title>
      <Group gap="xl">
        <Text size="sm">
          {t('raid.changes.schedule')} :{' '}
          <b>{t('raid.changes.days', { count: a.scheduleImpactDays })}</b>
          {a.projectFinish &&
            ` (${t('raid.changes.finish', { date: formatDate(a.projectFinish) })})`}
        </Text>
        <Text size="sm">
          {t('raid.changes.cost')} : <b>{formatMoney(a.costImpactCents)}</b>
        </Text>
      </Group>
      {a.tasks.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('raid.changes.task')}</Table.Th>
                <Table.Th>{t('raid.changes.dates')}</Table.Th>
                <Table.Th ta="right">{t('raid.changes.float')}</Table.Th>
                <Table.Th ta="right">{t('raid.changes.duration')}</Table.Th>
                <Table.Th ta="right">{t('raid.changes.slip')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.tasks.map((x) => (
                <Table.Tr key={x.taskId}>
                  <Table.Td>
                    {x.wbs} {x.name}{' '}
                    {x.critical && (
                      <Badge size="xs" color="red" variant="light">
                        {t('raid.changes.critical')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {formatDate(x.start)} → {formatDate(x.finish)}
                  </Table.Td>
                  <Table.Td ta="right">{x.totalFloat ?? '—'}</Table.Td>
                  <Table.Td ta="right">
                    {x.duration} → <b>{x.newDuration}</b>
                  </Table.Td>
                  <Table.Td ta="right">{x.slipDays}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {a.budget.length > 0 && (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('raid.changes.line')}</Table.Th>
              <Table.Th>{t('raid.changes.month')}</Table.Th>
              <Table.Th ta="right">{t('raid.changes.lineTotal')}</Table.Th>
              <Table.Th ta="right">{t('raid.changes.delta')}</Table.Th>
              <Table.Th ta="right">{t('raid.changes.newTotal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.budget.map((x, k) => (
              <Table.Tr key={`${x.lineId}-${k}`}>
                <Table.Td>{x.label}</Table.Td>
                <Table.Td>{x.month.split('-').reverse().join('/')}</Table.Td>
                <Table.Td ta="right">{formatMoney(x.totalCents)}</Table.Td>
                <Table.Td ta="right">{formatMoney(x.deltaCents)}</Table.Td>
                <Table.Td ta="right">{formatMoney(x.newTotalCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!a.budgetVisible && (
        <Text size="xs" c="dimmed">
          {t('raid.changes.budgetHidden')}
        </Text>
      )}
      {a.risks.length > 0 && (
        <Text size="sm">
          {t('raid.changes.risks')} : {a.risks.map((r) => `${r.code} ${r.title}`).join(' ; ')}
        </Text>
      )}
    </Stack>
  );
}

/** Submit, withdraw, approve or reject with a comment, apply, then propose a baseline. */
function Workflow({ c, rights }: { c: ChangeRequestDetail; rights: ChangeRights }) {
  const { t } = useTranslation();
  const step = useChangeStep();
  const baseline = useCreateBaseline(c.project.id);
  const [comment, setComment] = useState('');
  const [baselined, setBaselined] = useState(false);
  const run = (s: 'submit' | 'withdraw' | 'apply' | 'decide', body?: object) =>
    step.mutate({ id: c.id, version: c.version, step: s, ...(body ? { body } : {}) });
  return (
    <Stack gap="xs">
      {c.status === 'submitted' && rights.approve && (
        <>
          <Textarea
            label={t('raid.changes.comment')}
            autosize
            minRows={2}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Group>
            <Button
              color="green"
              loading={step.isPending}
              onClick={() => run('decide', { decision: 'approve', comment, apply: rights.apply })}
            >
              {rights.apply ? t('raid.changes.approveApply') : t('raid.changes.approve')}
            </Button>
            <Button
              color="red"
              variant="light"
              loading={step.isPending}
              onClick={() => run('decide', { decision: 'reject', comment })}
            >
              {t('raid.changes.reject')}
            </Button>
          </Group>
        </>
      )}
      <Group>
        {c.status === 'submitted' && rights.edit && (
          <Button variant="default" loading={step.isPending} onClick={() => run('withdraw')}>
            {t('raid.changes.withdraw')}
          </Button>
        )}
        {c.status === 'approved' && !c.applied && rights.apply && (
          <Button loading={step.isPending} onClick={() => run('apply')}>
            {t('raid.changes.apply')}
          </Button>
        )}
      </Group>
      {c.status === 'approved' && c.applied && rights.apply && !baselined && (
        <Alert color="blue" title={t('raid.changes.baselineTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('raid.changes.baselineMessage')}</Text>
            <Button
              size="xs"
              loading={baseline.isPending}
              onClick={() =>
                baseline.mutate(
                  t('raid.changes.baselineName', {
                    code: c.code,
                    date: formatDate(new Date().toISOString().slice(0, 10)),
                  }),
                  {
                    onSuccess: () => setBaselined(true),
                  },
                )
              }
            >
              {t('raid.changes.baselineCreate')}
            </Button>
          </Stack>
        </Alert>
      )}
      {baselined && (
        <Text size="sm" c="green.8">
          {t('raid.changes.baselineDone')}
        </Text>
      )}
      {(step.error || baseline.error) && <ErrorState error={step.error ?? baseline.error} />}
    </Stack>
  );
}

type TaskRow = { taskId: string | null; deltaDays: number };
type BudgetRow = { lineId: string | null; month: string; delta: number };

/** Drafts a change request: what, why, the tasks and budget lines it changes, the risks. */
function ChangeForm({
  project,
  change,
  onClose,
  onCreated,
}: {
  project: Project;
  change: ChangeRequestDetail | null;
  onClose: () => void;
  onCreated?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const save = useSaveChangeRequest(project.id);
  const step = useChangeStep();
  const plan = usePlan(project.id);
  const seesBudget =
    can('finance.read') || project.myRoles.some((r) => r === 'project_manager' || r === 'sponsor');
  const budget = useProjectBudget(project.id, seesBudget);
  const risks = useRisks({ projectId: project.id, limit: 200 });
  const [v, setV] = useState({
    title: change?.title ?? '',
    description: change?.description ?? '',
    justification: change?.justification ?? '',
    scopeImpact: change?.scopeImpact ?? '',
    riskImpact: change?.riskImpact ?? '',
    riskIds: change?.risks.map((r) => r.id) ?? [],
  });
  const [tasks, setTasks] = useState<TaskRow[]>(change?.taskChanges ?? []);
  const [lines, setLines] = useState<BudgetRow[]>(
    (change?.budgetChanges ?? []).map((b) => ({
      lineId: b.lineId,
      month: b.month,
      delta: b.deltaCents / 100,
    })),
  );
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const leafTasks = (plan.data?.tasks ?? []).filter((x) => x.kind !== 'summary');
  const taskOptions = leafTasks.map((x) => ({
    value: x.id,
    label: `${x.wbs} ${x.name} — ${formatDate(x.schedule.start)} → ${formatDate(x.schedule.finish)}, ${t('raid.changes.floatShort', { count: x.schedule.totalFloat ?? 0 })}`,
  }));
  const lineOptions = (budget.data?.lines ?? []).map((l) => ({
    value: l.id,
    label: `${l.label} (${formatMoney(l.total)})`,
  }));
  const body = {
    ...v,
    taskChanges: tasks
      .filter((x) => x.taskId)
      .map((x) => ({ taskId: x.taskId!, deltaDays: x.deltaDays })),
    budgetChanges: lines
      .filter((x) => x.lineId && /^\d{4}-\d{2}$/.test(x.month))
      .map((x) => ({ lineId: x.lineId!, month: x.month, deltaCents: Math.round(x.delta * 100) })),
  };
  const submit = () =>
    save.mutate(
      { change: change ? { id: change.id, version: change.version } : null, body },
      { onSuccess: (saved) => (change ? undefined : onCreated?.(saved.id)) },
    );
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={change ? `${change.code} — ${change.title}` : t('raid.changes.new')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('raid.title')}
            required
            value={v.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea
              label={t('raid.changes.description')}
              autosize
              minRows={2}
              value={v.description}
              onChange={(e) => set({ description: e.currentTarget.value })}
            />
            <Textarea
              label={t('raid.changes.justification')}
              autosize
              minRows={2}
              value={v.justification}
              onChange={(e) => set({ justification: e.currentTarget.value })}
            />
            <Textarea
              label={t('raid.changes.scopeImpact')}
              autosize
              minRows={2}
              value={v.scopeImpact}
              onChange={(e) => set({ scopeImpact: e.currentTarget.value })}
            />
            <Textarea
              label={t('raid.changes.riskImpact')}
              autosize
              minRows={2}
              value={v.riskImpact}
              onChange={(e) => set({ riskImpact: e.currentTarget.value })}
            />
          </SimpleGrid>
          <Title order={3} size="h6">
            {t('raid.changes.taskChanges')}
          </Title>
          {tasks.map((row, k) => (
            <Group key={k} align="flex-end" gap="xs" wrap="nowrap">
              <Select
                label={t('raid.changes.task')}
                searchable
                data={taskOptions}
                value={row.taskId}
                onChange={(x) => setTasks(tasks.map((r, j) => (j === k ? { ...r, taskId: x } : r)))}
                style={{ flex: 1 }}
              />
              <NumberInput
                label={t('raid.changes.deltaDays')}
                w={140}
                value={row.deltaDays}
                onChange={(x) =>
                  setTasks(tasks.map((r, j) => (j === k ? { ...r, deltaDays: Number(x) || 0 } : r)))
                }
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('raid.changes.remove')}
                onClick={() => setTasks(tasks.filter((_, j) => j !== k))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setTasks([...tasks, { taskId: null, deltaDays: 5 }])}
          >
            {t('raid.changes.addTask')}
          </Button>
          {seesBudget && (
            <>
              <Title order={3} size="h6">
                {t('raid.changes.budgetChanges')}
              </Title>
              {lines.map((row, k) => (
                <Group key={k} align="flex-end" gap="xs" wrap="nowrap">
                  <Select
                    label={t('raid.changes.line')}
                    data={lineOptions}
                    value={row.lineId}
                    onChange={(x) =>
                      setLines(lines.map((r, j) => (j === k ? { ...r, lineId: x } : r)))
                    }
                    style={{ flex: 1 }}
                  />
                  <TextInput
                    label={t('raid.changes.month')}
                    placeholder="2026-06"
                    w={110}
                    value={row.month}
                    onChange={(e) => {
                      const month = e.currentTarget.value;
                      setLines(lines.map((r, j) => (j === k ? { ...r, month } : r)));
                    }}
                  />
                  <NumberInput
                    label={t('raid.changes.delta')}
                    w={160}
                    decimalScale={2}
                    thousandSeparator=" "
                    decimalSeparator=","
                    suffix=" €"
                    value={row.delta}
                    onChange={(x) =>
                      setLines(lines.map((r, j) => (j === k ? { ...r, delta: Number(x) || 0 } : r)))
                    }
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('raid.changes.remove')}
                    onClick={() => setLines(lines.filter((_, j) => j !== k))}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="light"
                size="xs"
                w="fit-content"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() =>
                  setLines([
                    ...lines,
                    { lineId: null, month: new Date().toISOString().slice(0, 7), delta: 0 },
                  ])
                }
              >
                {t('raid.changes.addLine')}
              </Button>
            </>
          )}
          <MultiSelect
            label={t('raid.changes.risks')}
            searchable
            data={(risks.data?.items ?? []).map((r) => ({
              value: r.id,
              label: `${r.code} ${r.title}`,
            }))}
            value={v.riskIds}
            onChange={(x) => set({ riskIds: x })}
          />
          {change && <Analysis c={change} />}
          {(save.error || step.error) && <ErrorState error={save.error ?? step.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button type="submit" variant={change ? 'default' : 'filled'} loading={save.isPending}>
              {change ? t('common.save') : t('raid.changes.saveDraft')}
            </Button>
            {change && (
              <Button
                loading={step.isPending}
                onClick={() =>
                  step.mutate({ id: change.id, version: change.version, step: 'submit' })
                }
              >
                {t('raid.changes.submit')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
      {change && (
        <>
          <Divider my="md" />
          <ActionsPanel
            sourceType="change_request"
            sourceId={change.id}
            projectId={change.project.id}
            canEdit
          />
        </>
      )}
    </Modal>
  );
}
