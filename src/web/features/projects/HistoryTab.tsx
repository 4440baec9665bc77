import { Group, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditEvent } from '../../../contracts/audit.ts';
import type { Project } from '../../../contracts/portfolio.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { AuditEventList } from '../audit/AuditEventList.tsx';
import { useProjectHistory } from './project-api.ts';

type Action = AuditEvent['action'];

export function HistoryTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  const history = useProjectHistory(project.id, action);
  const events = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Group mb="md">
        <Select
          label={t('audit.filterAction')}
          placeholder={t('filters.all')}
          clearable
          value={action}
          onChange={(v) => setAction(v as Action | null)}
          data={AUDIT_ACTIONS.filter((a) => a !== 'login' && a !== 'logout').map((a) => ({
            value: a,
            label: t(`audit.actions.${a}`),
          }))}
          w={220}
        />
      </Group>
      {history.isPending ? (
        <TableSkeleton rows={4} />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : events.length === 0 ? (
        <EmptyState
          title={t('audit.emptyTitle')}
          message={action ? t('audit.emptyFiltered') : t('audit.emptyProject')}
        />
      ) : (
        <AuditEventList
          events={events}
          showEntity
          hasNextPage={history.hasNextPage}
          isFetchingNextPage={history.isFetchingNextPage}
          fetchNextPage={() => void history.fetchNextPage()}
        />
      )}
    </>
  );
}
