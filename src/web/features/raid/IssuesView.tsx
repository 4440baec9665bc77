import {
  Badge,
  Button,
  Group,
  Select,
  SimpleGrid,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArrowUpRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../contracts/raid.ts';
import { ISSUE_PRIORITIES, ISSUE_STATUSES } from '../../../core/risks/raid.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { PersonSelect } from '../org/pickers.tsx';
import { EscalateDialog } from '../register/EscalateModal.tsx';
import { useRisks } from '../risks/risks-api.ts';
import { type LogScope, useEscalateIssue, useIssues, useSaveIssue } from './raid-api.ts';
import { LogTable } from './LogTable.tsx';
import { OpenButton } from './OpenButton.tsx';
import { RecordDialog } from './RecordDialog.tsx';
import { TaskSelect } from './TaskSelect.tsx';

/** "Remonté au programme" / "au portefeuille", with the reason as a tooltip. */
export function EscalatedBadge({ issue }: { issue: Issue }) {
  const { t } = useTranslation();
  if (!issue.escalatedTo) return null;
  return (
    <Tooltip label={issue.escalationReason || '—'} multiline maw={320} withArrow>
      <Badge color="grape" variant="light" size="sm" tabIndex={0}>
        {t(`raid.escalation.badge.${issue.escalatedTo}`)}
      </Badge>
    </Tooltip>
  );
}

export const PRIORITY_COLOR: Record<Issue['priority'], string> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};

/** The issues log of a project (or of a programme, read-only, with the project column). */
export function IssuesView({
  scope,
  canEdit,
  empty,
}: {
  scope: LogScope;
  canEdit: boolean;
  /** The empty state's words when the default ("no open issue") does not fit. */
  empty?: { title: string; message: string };
}) {
  const { t } = useTranslation();
  const issues = useIssues(scope);
  const [editing, setEditing] = useState<Issue | 'new' | null>(null);
  const projectId = 'projectId' in scope ? scope.projectId : null;
  if (issues.error) return <ErrorState error={issues.error} />;
  if (!issues.data) return <TableSkeleton rows={6} />;
  const items = issues.data.items;
  const current =
    editing && editing !== 'new' ? (items.find((i) => i.id === editing.id) ?? editing) : editing;
  return (
    <LogTable
      count={items.length}
      newLabel={t('raid.issues.new')}
      onNew={canEdit && projectId ? () => setEditing('new') : null}
      empty={
        empty ?? { title: t('raid.issues.emptyTitle'), message: t('raid.issues.emptyMessage') }
      }
      head={
        <>
          <Table.Th>{t('raid.code')}</Table.Th>
          <Table.Th>{t('raid.title')}</Table.Th>
          {!projectId && <Table.Th>{t('raid.project')}</Table.Th>}
          <Table.Th>{t('raid.issues.priority')}</Table.Th>
          <Table.Th>{t('raid.statusLabel')}</Table.Th>
          <Table.Th>{t('raid.owner')}</Table.Th>
          <Table.Th>{t('raid.issues.raisedOn')}</Table.Th>
          <Table.Th>{t('raid.dueDate')}</Table.Th>
          <Table.Th ta="right">{t('raid.actions.open')}</Table.Th>
        </>
      }
      rows={items.map((i) => (
        <Table.Tr key={i.id}>
          <Table.Td>{i.code}</Table.Td>
          <Table.Td>
            <Group gap={6} wrap="nowrap">
              <OpenButton onClick={() => setEditing(i)}>{i.title}</OpenButton>
              <EscalatedBadge issue={i} />
            </Group>
            {i.task && (
              <Text size="xs" c="dimmed">
                {t('raid.tasks.affects', { task: i.task.name })}
              </Text>
            )}
          </Table.Td>
          {!projectId && <Table.Td>{i.project.name}</Table.Td>}
          <Table.Td>
            <Badge color={PRIORITY_COLOR[i.priority]} variant="light">
              {t(`raid.issues.priorities.${i.priority}`)}
            </Badge>
          </Table.Td>
          <Table.Td>{t(`raid.issues.statuses.${i.status}`)}</Table.Td>
          <Table.Td>{i.owner?.name ?? '—'}</Table.Td>
          <Table.Td>{formatDate(i.raisedOn)}</Table.Td>
          <Table.Td>{formatDate(i.dueDate)}</Table.Td>
          <Table.Td ta="right">{i.openActions}</Table.Td>
        </Table.Tr>
      ))}
    >
      {current && (
        <IssueForm
          projectId={current === 'new' ? projectId! : current.project.id}
          issue={current === 'new' ? null : current}
          canEdit={canEdit}
          onClose={() => setEditing(null)}
        />
      )}
    </LogTable>
  );
}

function IssueForm({
  projectId,
  issue,
  canEdit,
  onClose,
}: {
  projectId: string;
  issue: Issue | null;
  canEdit: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveIssue(projectId);
  const risks = useRisks({ projectId, limit: 200 });
  const [v, setV] = useState({
    title: issue?.title ?? '',
    description: issue?.description ?? '',
    impact: issue?.impact ?? '',
    ownerId: issue?.owner?.id ?? null,
    priority: issue?.priority ?? 'medium',
    status: issue?.status ?? 'open',
    raisedOn: issue?.raisedOn ?? null,
    dueDate: issue?.dueDate ?? null,
    resolution: issue?.resolution ?? '',
    riskId: issue?.risk?.id ?? null,
    taskId: issue?.task?.id ?? null,
  });
  const [escalating, setEscalating] = useState(false);
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const submit = () => {
    const { raisedOn, ...rest } = v;
    save.mutate(
      { issue, body: { ...rest, ...(raisedOn ? { raisedOn } : {}) } },
      { onSuccess: issue ? undefined : onClose },
    );
  };
  return (
    <>
      <RecordDialog
        title={issue ? `${issue.code} — ${issue.title}` : t('raid.issues.new')}
        canEdit={canEdit}
        save={save}
        onSubmit={submit}
        onClose={onClose}
        footStart={
          issue &&
          issueTargets(issue).length > 0 && (
            <Button
              variant="default"
              leftSection={<IconArrowUpRight size={16} aria-hidden />}
              onClick={() => setEscalating(true)}
            >
              {t('raid.escalation.open')}
            </Button>
          )
        }
        saved={issue && { type: 'issue', id: issue.id, projectId }}
      >
        <TextInput
          label={t('raid.title')}
          required
          value={v.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea
            label={t('raid.issues.description')}
            autosize
            minRows={2}
            value={v.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
          />
          <Textarea
            label={t('raid.issues.impact')}
            autosize
            minRows={2}
            value={v.impact}
            onChange={(e) => set({ impact: e.currentTarget.value })}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('raid.issues.priority')}
            data={ISSUE_PRIORITIES.map((p) => ({
              value: p,
              label: t(`raid.issues.priorities.${p}`),
            }))}
            value={v.priority}
            allowDeselect={false}
            onChange={(x) => set({ priority: (x ?? 'medium') as Issue['priority'] })}
          />
          <Select
            label={t('raid.statusLabel')}
            data={ISSUE_STATUSES.map((s) => ({
              value: s,
              label: t(`raid.issues.statuses.${s}`),
            }))}
            value={v.status}
            allowDeselect={false}
            onChange={(x) => set({ status: (x ?? 'open') as Issue['status'] })}
          />
          <PersonSelect
            label={t('raid.owner')}
            initial={issue?.owner ?? null}
            value={v.ownerId}
            onChange={(x) => set({ ownerId: x })}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <DateField
            label={t('raid.issues.raisedOn')}
            value={v.raisedOn}
            onChange={(x) => set({ raisedOn: x })}
          />
          <DateField
            label={t('raid.dueDate')}
            value={v.dueDate}
            onChange={(x) => set({ dueDate: x })}
          />
          <Select
            label={t('raid.issues.fromRisk')}
            clearable
            searchable
            data={(risks.data?.items ?? []).map((r) => ({
              value: r.id,
              label: `${r.code} ${r.title}`,
            }))}
            value={v.riskId}
            onChange={(x) => set({ riskId: x })}
          />
        </SimpleGrid>
        <TaskSelect
          projectId={projectId}
          label={t('raid.tasks.label')}
          description={t('raid.tasks.issueHelp')}
          initial={issue?.task ?? null}
          value={v.taskId}
          onChange={(x) => set({ taskId: x })}
        />
        <Textarea
          label={t('raid.issues.resolution')}
          autosize
          minRows={2}
          value={v.resolution}
          onChange={(e) => set({ resolution: e.currentTarget.value })}
        />
        {issue?.resolvedOn && (
          <Text size="sm" c="dimmed">
            {t('raid.issues.resolvedOn', { date: formatDate(issue.resolvedOn) })}
          </Text>
        )}
        {issue?.escalatedTo && (
          <Text size="sm" c="dimmed">
            {t(`raid.escalation.done.${issue.escalatedTo}`, {
              name: (issue.escalatedTo === 'portfolio' ? issue.portfolio : issue.program)?.name,
              date: formatDate(issue.escalatedAt?.slice(0, 10) ?? null),
              reason: issue.escalationReason,
            })}
          </Text>
        )}
      </RecordDialog>
      {issue && escalating && (
        <EscalateIssueModal issue={issue} onClose={() => setEscalating(false)} />
      )}
    </>
  );
}

/** Where an issue can still be raised: its project's programme, then its portfolio. */
function issueTargets(issue: Issue): ('program' | 'portfolio')[] {
  const targets: ('program' | 'portfolio')[] = [];
  if (!issue.program) targets.push('program');
  if (!issue.portfolio) targets.push('portfolio');
  return targets;
}

/** Raises an issue to its programme or portfolio, with the reason written down. */
function EscalateIssueModal({ issue, onClose }: { issue: Issue; onClose: () => void }) {
  const { t } = useTranslation();
  const escalate = useEscalateIssue();
  return (
    <EscalateDialog
      title={t('raid.escalation.title', { code: issue.code })}
      keys="raid.escalation"
      targets={issueTargets(issue)}
      escalate={{
        run: (to, reason) =>
          escalate.mutate({ issue, body: { to, reason } }, { onSuccess: onClose }),
        isPending: escalate.isPending,
        error: escalate.error,
      }}
      onClose={onClose}
    />
  );
}
