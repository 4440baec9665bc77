import { Button, Group, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditEvent } from '../../../contracts/audit.ts';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { AuditEventList } from '../audit/AuditEventList.tsx';
import { useAuditLog, useUsers } from './admin-api.ts';

/** Picks an account (an audit actor) by searching accounts on the server. */
function UserSelect({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [label, setLabel] = useState<string | null>(null);
  const users = useUsers({ q: debounced === label ? '' : debounced, role: null }, 20);
  const data = useMemo(() => {
    const items = (users.data?.pages ?? []).flatMap((p) => p.items);
    const options = items.map((u) => ({ value: u.id, label: u.name }));
    if (value && label && !options.some((o) => o.value === value))
      options.unshift({ value, label });
    return options;
  }, [users.data, value, label]);
  return (
    <Select
      label={t('audit.actor')}
      placeholder={t('filters.all')}
      searchable
      clearable
      value={value}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id, option) => {
        setLabel(option?.label ?? null);
        onChange(id);
      }}
      nothingFoundMessage={t('common.noResults')}
      w={220}
    />
  );
}

type Entity = AuditEvent['entityType'];
type Action = AuditEvent['action'];

/** Every audited change across the organisation, newest first, filterable. */
export function AuditPage() {
  const { t } = useTranslation();
  const [entityType, setEntityType] = useState<Entity | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const filters = {
    ...(entityType && { entityType }),
    ...(action && { action }),
    ...(actorId && { actorId }),
    ...(from && { from }),
    ...(to && { to }),
  };
  const log = useAuditLog(filters);
  const events = log.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <PageHeader
        title={t('audit.title')}
        breadcrumbs={[{ label: t('nav.administration') }, { label: t('audit.title') }]}
      />
      <Group align="flex-end" gap="sm" mb="md">
        <Select
          label={t('audit.entityType')}
          placeholder={t('filters.all')}
          clearable
          value={entityType}
          onChange={(v) => setEntityType(v as Entity | null)}
          data={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
          w={200}
        />
        <Select
          label={t('audit.filterAction')}
          placeholder={t('filters.all')}
          clearable
          value={action}
          onChange={(v) => setAction(v as Action | null)}
          data={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
          w={180}
        />
        <UserSelect value={actorId} onChange={setActorId} />
        <DateField
          label={t('audit.from')}
          value={from}
          onChange={setFrom}
          maxDate={to ?? undefined}
          w={160}
        />
        <DateField
          label={t('audit.to')}
          value={to}
          onChange={setTo}
          minDate={from ?? undefined}
          w={160}
        />
        {filtered && (
          <Button
            variant="subtle"
            leftSection={<IconFilterOff size={16} aria-hidden />}
            onClick={() => {
              setEntityType(null);
              setAction(null);
              setActorId(null);
              setFrom(null);
              setTo(null);
            }}
          >
            {t('filters.reset')}
          </Button>
        )}
      </Group>
      {log.isPending ? (
        <TableSkeleton />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : events.length === 0 ? (
        <EmptyState
          title={t('audit.emptyTitle')}
          message={filtered ? t('audit.emptyFiltered') : t('audit.emptyAll')}
        />
      ) : (
        <AuditEventList
          events={events}
          showEntity
          hasNextPage={log.hasNextPage}
          isFetchingNextPage={log.isFetchingNextPage}
          fetchNextPage={() => void log.fetchNextPage()}
        />
      )}
    </>
  );
}
