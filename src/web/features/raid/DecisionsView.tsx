import {
  Badge,
  MultiSelect,
  Select,
  SimpleGrid,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Decision } from '../../../contracts/raid.ts';
import { DECISION_STATUSES } from '../../../core/risks/raid.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { PersonSelect } from '../org/pickers.tsx';
import { useRisks } from '../risks/risks-api.ts';
import {
  type LogScope,
  useChangeRequests,
  useDecisions,
  useIssues,
  useSaveDecision,
} from './raid-api.ts';
import { LogTable } from './LogTable.tsx';
import { OpenButton } from './OpenButton.tsx';
import { RecordDialog } from './RecordDialog.tsx';

const STATUS_COLOR: Record<Decision['status'], string> = {
  proposed: 'yellow',
  decided: 'green',
  superseded: 'gray',
};

/** The decisions log: decision, alternatives, who decided, when, linked items. */
export function DecisionsView({ scope, canEdit }: { scope: LogScope; canEdit: boolean }) {
  const { t } = useTranslation();
  const decisions = useDecisions(scope);
  const [editing, setEditing] = useState<Decision | 'new' | null>(null);
  const projectId = 'projectId' in scope ? scope.projectId : null;
  if (decisions.error) return <ErrorState error={decisions.error} />;
  if (!decisions.data) return <TableSkeleton rows={6} />;
  const items = decisions.data.items;
  const current =
    editing && editing !== 'new' ? (items.find((d) => d.id === editing.id) ?? editing) : editing;
  return (
    <LogTable
      count={items.length}
      newLabel={t('raid.decisions.new')}
      onNew={canEdit && projectId ? () => setEditing('new') : null}
      empty={{ title: t('raid.decisions.emptyTitle'), message: t('raid.decisions.emptyMessage') }}
      head={
        <>
          <Table.Th>{t('raid.code')}</Table.Th>
          <Table.Th>{t('raid.title')}</Table.Th>
          {!projectId && <Table.Th>{t('raid.project')}</Table.Th>}
          <Table.Th>{t('raid.decisions.decidedOn')}</Table.Th>
          <Table.Th>{t('raid.decisions.decidedBy')}</Table.Th>
          <Table.Th>{t('raid.decisions.forum')}</Table.Th>
          <Table.Th>{t('raid.statusLabel')}</Table.Th>
          <Table.Th>{t('raid.decisions.links')}</Table.Th>
        </>
      }
      rows={items.map((d) => (
        <Table.Tr key={d.id}>
          <Table.Td>{d.code}</Table.Td>
          <Table.Td>
            <OpenButton onClick={() => setEditing(d)}>{d.title}</OpenButton>
          </Table.Td>
          {!projectId && <Table.Td>{d.project.name}</Table.Td>}
          <Table.Td>{formatDate(d.decidedOn)}</Table.Td>
          <Table.Td>{d.decidedBy?.name ?? '—'}</Table.Td>
          <Table.Td>{d.forum || '—'}</Table.Td>
          <Table.Td>
            <Badge color={STATUS_COLOR[d.status]} variant="light">
              {t(`raid.decisions.statuses.${d.status}`)}
            </Badge>
          </Table.Td>
          <Table.Td>{d.links.map((l) => l.code).join(', ') || '—'}</Table.Td>
        </Table.Tr>
      ))}
    >
      {current && (
        <DecisionForm
          projectId={current === 'new' ? projectId! : current.project.id}
          decision={current === 'new' ? null : current}
          canEdit={canEdit}
          onClose={() => setEditing(null)}
        />
      )}
    </LogTable>
  );
}

function DecisionForm({
  projectId,
  decision,
  canEdit,
  onClose,
}: {
  projectId: string;
  decision: Decision | null;
  canEdit: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveDecision(projectId);
  const risks = useRisks({ projectId, limit: 200 });
  const issues = useIssues({ projectId });
  const changes = useChangeRequests({ projectId });
  const [v, setV] = useState({
    title: decision?.title ?? '',
    decision: decision?.decision ?? '',
    alternatives: decision?.alternatives ?? '',
    decidedById: decision?.decidedBy?.id ?? null,
    forum: decision?.forum ?? '',
    decidedOn: decision?.decidedOn ?? null,
    status: decision?.status ?? 'decided',
    links: (decision?.links ?? []).map((l) => `${l.type}:${l.id}`),
  });
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const linkOptions = [
    {
      group: t('raid.decisions.linkRisks'),
      items: (risks.data?.items ?? []).map((r) => ({
        value: `risk:${r.id}`,
        label: `${r.code} ${r.title}`,
      })),
    },
    {
      group: t('raid.decisions.linkIssues'),
      items: (issues.data?.items ?? []).map((i) => ({
        value: `issue:${i.id}`,
        label: `${i.code} ${i.title}`,
      })),
    },
    {
      group: t('raid.decisions.linkChanges'),
      items: (changes.data?.items ?? []).map((c) => ({
        value: `change_request:${c.id}`,
        label: `${c.code} ${c.title}`,
      })),
    },
  ];
  const submit = () => {
    const { decidedOn, links, ...rest } = v;
    save.mutate(
      {
        decision,
        body: {
          ...rest,
          ...(decidedOn ? { decidedOn } : {}),
          links: links.map((l) => {
            const [type, id] = l.split(':') as ['risk', string];
            return { type, id };
          }),
        },
      },
      { onSuccess: decision ? undefined : onClose },
    );
  };
  return (
    <RecordDialog
      title={decision ? `${decision.code} — ${decision.title}` : t('raid.decisions.new')}
      canEdit={canEdit}
      save={save}
      onSubmit={submit}
      onClose={onClose}
      saved={decision && { type: 'decision', id: decision.id, projectId }}
    >
      <TextInput
        label={t('raid.title')}
        required
        value={v.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
      />
      <Textarea
        label={t('raid.decisions.decision')}
        autosize
        minRows={2}
        value={v.decision}
        onChange={(e) => set({ decision: e.currentTarget.value })}
      />
      <Textarea
        label={t('raid.decisions.alternatives')}
        autosize
        minRows={2}
        value={v.alternatives}
        onChange={(e) => set({ alternatives: e.currentTarget.value })}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <PersonSelect
          label={t('raid.decisions.decidedBy')}
          initial={decision?.decidedBy ?? null}
          value={v.decidedById}
          onChange={(x) => set({ decidedById: x })}
        />
        <TextInput
          label={t('raid.decisions.forum')}
          placeholder={t('raid.decisions.forumPlaceholder')}
          value={v.forum}
          onChange={(e) => set({ forum: e.currentTarget.value })}
        />
        <DateField
          label={t('raid.decisions.decidedOn')}
          value={v.decidedOn}
          onChange={(x) => set({ decidedOn: x })}
        />
        <Select
          label={t('raid.statusLabel')}
          data={DECISION_STATUSES.map((s) => ({
            value: s,
            label: t(`raid.decisions.statuses.${s}`),
          }))}
          value={v.status}
          allowDeselect={false}
          onChange={(x) => set({ status: (x ?? 'decided') as Decision['status'] })}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('raid.decisions.links')}
        searchable
        data={linkOptions}
        value={v.links}
        onChange={(x) => set({ links: x })}
      />
      {decision?.changeRequest && (
        <Text size="sm" c="dimmed">
          {t('raid.decisions.fromChange', { code: decision.changeRequest.name })}
        </Text>
      )}
    </RecordDialog>
  );
}
