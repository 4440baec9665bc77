import { Badge, Button, Center, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../contracts/audit.ts';
import { formatDateTime } from '../../format.ts';

const ACTION_COLOR: Record<AuditEvent['action'], string> = {
  create: 'teal',
  update: 'blue',
  archive: 'orange',
  restore: 'grape',
  delete: 'red',
  login: 'gray',
  logout: 'gray',
};

/** A value of an audited field, readable: dates in French form, booleans as yes/no, refs by name. */
function useFormatValue() {
  const { t } = useTranslation();
  return (field: string, entityType: AuditEvent['entityType'], value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'string') {
      const enumKey =
        field === 'status'
          ? `project.status.${value}`
          : field === 'priority'
            ? `project.priority.${value}`
            : field === 'role'
              ? entityType === 'user'
                ? `roles.${value}`
                : `members.roles.${value}`
              : null;
      if (enumKey) return t(enumKey, { defaultValue: value });
    }
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'string') {
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        const [y, m, d] = value.split('-');
        return `${d}/${m}/${y}`;
      }
      return value;
    }
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value))
      return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') || '—';
    if (typeof value === 'object' && 'name' in value)
      return String((value as { name: unknown }).name);
    return JSON.stringify(value);
  };
}

/** Audit events newest first: who, when, what, and each changed field before → after. */
export function AuditEventList({
  events,
  showEntity,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  events: AuditEvent[];
  showEntity: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}) {
  const { t } = useTranslation();
  const formatValue = useFormatValue();
  return (
    <Stack gap="sm">
      {events.map((e) => {
        const changes = Object.entries(e.changes);
        return (
          <Paper key={e.id} withBorder radius="md" p="sm" component="article">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Group gap="xs" wrap="wrap">
                <Badge color={ACTION_COLOR[e.action]} variant="light" radius="sm">
                  {t(`audit.actions.${e.action}`)}
                </Badge>
                {showEntity && (
                  <Text size="sm" c="dimmed">
                    {t(`audit.entities.${e.entityType}`)}
                  </Text>
                )}
                <Text size="sm" fw={600}>
                  {e.entityLabel}
                </Text>
              </Group>
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </Text>
            </Group>
            <Text size="sm" mt={4}>
              {t('audit.by', { actor: e.actor?.name ?? t('audit.system') })}
            </Text>
            {changes.length > 0 && (
              <Table.ScrollContainer minWidth={500} mt="xs">
                <Table withTableBorder verticalSpacing={4} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w="25%">{t('audit.field')}</Table.Th>
                      <Table.Th>{t('audit.before')}</Table.Th>
                      <Table.Th>{t('audit.after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {changes.map(([field, change]) => (
                      <Table.Tr key={field}>
                        <Table.Td>{t(`audit.fields.${field}`, { defaultValue: field })}</Table.Td>
                        <Table.Td
                          c="dimmed"
                          style={{
                            textDecoration: e.action === 'update' ? 'line-through' : undefined,
                          }}
                        >
                          {formatValue(field, e.entityType, change.before)}
                        </Table.Td>
                        <Table.Td>{formatValue(field, e.entityType, change.after)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        );
      })}
      <Center>
        {hasNextPage && (
          <Button variant="default" onClick={fetchNextPage} loading={isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        )}
      </Center>
    </Stack>
  );
}
