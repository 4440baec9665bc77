import { Badge, Button, Center, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../contracts/audit.ts';
import { formatDateTime, formatMoney, formatNumber } from '../../format.ts';

const ACTION_COLOR: Record<AuditEvent['action'], string> = {
  create: 'teal',
  update: 'blue',
  archive: 'orange',
  restore: 'grape',
  delete: 'red',
  login: 'gray',
  logout: 'gray',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Fields holding an amount in minor units (cents), whatever the entity. */
const MONEY_FIELDS = new Set([
  'total',
  'eac',
  'etc',
  'ac',
  'ev',
  'pv',
  'bac',
  'labourCostEur',
  'defaultRateMinor',
  'costMinor',
  'roughCost',
]);
/** Entities whose `amount` is money (elsewhere it may be FTEs or hours). */
const MONEY_AMOUNT_ENTITIES = new Set<AuditEvent['entityType']>([
  'budget_line',
  'purchase_order',
  'actual_cost',
  'benefit_realisation',
]);
const MONTH_AMOUNT = /^amount (\d{4})-(\d{2})$/;
const CRITERION = 'criterion:';

function isMoney(field: string, entityType: AuditEvent['entityType']): boolean {
  return (
    MONEY_FIELDS.has(field) ||
    MONTH_AMOUNT.test(field) ||
    (field === 'amount' && MONEY_AMOUNT_ENTITIES.has(entityType))
  );
}

/** The label of an audited field: its translation, a gate criterion, a month of a budget line. */
function useFieldLabel() {
  const { t } = useTranslation();
  return (field: string): string => {
    if (field.startsWith(CRITERION))
      return t('audit.criterion', { name: field.slice(CRITERION.length) });
    const month = MONTH_AMOUNT.exec(field);
    if (month) return t('audit.monthAmount', { month: `${month[2]}/${month[1]}` });
    return t(`audit.fields.${field}`, { defaultValue: field });
  };
}

/**
 * A value of an audited field, readable: dates in French form, booleans as yes/no, amounts in
 * euros (or the record's currency), references by name or as a short reference.
 */
function useFormatValue() {
  const { t } = useTranslation();
  const format = (
    field: string,
    entityType: AuditEvent['entityType'],
    value: unknown,
    currency: string,
  ): string => {
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
      if (UUID.test(value)) return t('audit.reference', { id: value.slice(0, 8) });
      return value;
    }
    if (typeof value === 'number')
      return isMoney(field, entityType) ? formatMoney(value, currency) : formatNumber(value);
    if (Array.isArray(value))
      return (
        value
          .map((v) =>
            typeof v === 'string' ? format('', entityType, v, currency) : JSON.stringify(v),
          )
          .join(', ') || '—'
      );
    if (typeof value === 'object' && 'name' in value)
      return String((value as { name: unknown }).name);
    return JSON.stringify(value);
  };
  return format;
}

/** The currency of an event's amounts: its `currency` field when it has one, else euros. */
function currencyOf(e: AuditEvent): string {
  const c = e.changes.currency;
  const value = c?.after ?? c?.before;
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) ? value : 'EUR';
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
  const fieldLabel = useFieldLabel();
  return (
    <Stack gap="sm">
      {events.map((e) => {
        // A creation's own id says nothing to a reader.
        const changes = Object.entries(e.changes).filter(
          ([field]) => !(field === 'id' && e.action === 'create'),
        );
        const currency = currencyOf(e);
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
                        <Table.Td>{fieldLabel(field)}</Table.Td>
                        <Table.Td
                          c="dimmed"
                          style={{
                            textDecoration: e.action === 'update' ? 'line-through' : undefined,
                          }}
                        >
                          {formatValue(field, e.entityType, change.before, currency)}
                        </Table.Td>
                        <Table.Td>
                          {formatValue(field, e.entityType, change.after, currency)}
                        </Table.Td>
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
