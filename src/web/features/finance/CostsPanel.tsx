import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconPencil, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActualCost, BudgetLine, PurchaseOrder } from '../../../contracts/finance.ts';
import { parseMinorUnits } from '../../../core/tabular/csv.ts';
import { DateField } from '../../components/DateField.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { formatAgo, minorToInput } from './finance-format.ts';
import {
  type ActualBody,
  type OrderBody,
  useCostMutations,
  useCosts,
  useRates,
} from './finance-api.ts';

type Editing<T> = { mode: 'create' } | { mode: 'edit'; record: T } | null;

/** The project's purchase orders and latest actual costs, entered and corrected one by one. */
export function CostsPanel({ projectId, lines }: { projectId: string; lines: BudgetLine[] }) {
  const { t } = useTranslation();
  const costs = useCosts(projectId);
  const m = useCostMutations(projectId);
  const [order, setOrder] = useState<Editing<PurchaseOrder>>(null);
  const [actual, setActual] = useState<Editing<ActualCost>>(null);
  if (costs.isPending) return <TableSkeleton rows={4} />;
  if (costs.isError) return <ErrorState error={costs.error} onRetry={() => void costs.refetch()} />;
  const lineName = new Map(lines.map((l) => [l.id, l.label]));
  const { purchaseOrders, actuals, can, labourSyncedAt } = costs.data;
  const amount = (v: { amount: number; currency: string; amountEur: number }) =>
    v.currency === 'EUR'
      ? formatMoney(v.amountEur)
      : `${formatMoney(v.amountEur)} (${formatMoney(v.amount, v.currency)})`;
  const confirmDelete = (what: string) =>
    window.confirm(t('finance.costs.confirmDelete', { what }));
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c="dimmed" data-testid="labour-freshness">
          {labourSyncedAt
            ? t('finance.labour.freshness', { ago: formatAgo(labourSyncedAt, Date.now()) })
            : t('finance.labour.never')}
        </Text>
        {can.manage && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRefresh size={14} />}
            loading={m.syncLabour.isPending}
            onClick={() => m.syncLabour.mutate()}
          >
            {t('finance.labour.sync')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={1}>
        <Ledger
          title={t('finance.costs.orders')}
          newLabel={t('finance.costs.newOrder')}
          onNew={can.manage ? () => setOrder({ mode: 'create' }) : null}
          empty={t(can.manage ? 'finance.costs.noOrdersManage' : 'finance.costs.noOrders')}
          columns={[
            t('finance.costs.reference'),
            t('finance.costs.supplier'),
            t('finance.costs.date'),
            t('finance.grid.line'),
          ]}
        >
          {purchaseOrders.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>{o.reference}</Table.Td>
              <Table.Td>{o.supplier}</Table.Td>
              <Table.Td>{formatDate(o.orderDate)}</Table.Td>
              <Table.Td>{o.lineId ? lineName.get(o.lineId) : '—'}</Table.Td>
              <Table.Td ta="right">{amount(o)}</Table.Td>
              {can.manage && (
                <Table.Td>
                  <RowActions
                    name={o.reference}
                    onEdit={() => setOrder({ mode: 'edit', record: o })}
                    onDelete={() => {
                      if (confirmDelete(o.reference)) m.deleteOrder.mutate(o);
                    }}
                  />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Ledger>
        <Ledger
          title={t('finance.costs.actuals')}
          newLabel={t('finance.costs.newActual')}
          onNew={can.manage ? () => setActual({ mode: 'create' }) : null}
          empty={t(can.manage ? 'finance.costs.noActualsManage' : 'finance.costs.noActuals')}
          columns={[
            t('finance.costs.date'),
            t('finance.costs.source'),
            t('finance.costs.supplier'),
            t('finance.grid.line'),
          ]}
        >
          {actuals.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{formatDate(a.date)}</Table.Td>
              <Table.Td>
                <Badge variant="light" size="sm">
                  {t(`finance.source.${a.source}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{a.supplier || a.description || a.reference}</Table.Td>
              <Table.Td>{a.lineId ? lineName.get(a.lineId) : '—'}</Table.Td>
              <Table.Td ta="right">{amount(a)}</Table.Td>
              {can.manage && (
                <Table.Td>
                  {a.source !== 'labour' && (
                    <RowActions
                      name={a.reference || a.supplier || formatDate(a.date)}
                      onEdit={() => setActual({ mode: 'edit', record: a })}
                      onDelete={() => {
                        if (confirmDelete(a.reference || a.supplier || formatDate(a.date)))
                          m.deleteActual.mutate(a);
                      }}
                    />
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Ledger>
      </SimpleGrid>
      {order && (
        <CostModal
          kind="order"
          lines={lines}
          initial={order.mode === 'edit' ? order.record : null}
          busy={m.createOrder.isPending || m.updateOrder.isPending}
          onClose={() => setOrder(null)}
          onSubmit={(v) => {
            const body: OrderBody = {
              lineId: v.lineId,
              supplier: v.supplier,
              reference: v.reference,
              description: v.description,
              orderDate: v.date,
              amount: v.amount,
              currency: v.currency,
            };
            const done = { onSuccess: () => setOrder(null) };
            if (order.mode === 'edit') m.updateOrder.mutate({ order: order.record, body }, done);
            else m.createOrder.mutate(body, done);
          }}
        />
      )}
      {actual && (
        <CostModal
          kind="actual"
          lines={lines}
          initial={actual.mode === 'edit' ? actual.record : null}
          busy={m.createActual.isPending || m.updateActual.isPending}
          onClose={() => setActual(null)}
          onSubmit={(v) => {
            const body: ActualBody = { ...v, source: v.source };
            const done = { onSuccess: () => setActual(null) };
            if (actual.mode === 'edit')
              m.updateActual.mutate({ actual: actual.record, body }, done);
            else m.createActual.mutate(body, done);
          }}
        />
      )}
    </Stack>
  );
}

/**
 * One ledger of the panel: its title, then its rows under the given columns and the amount, or
 * `empty` when there are none; who manages costs (`onNew`) also gets « Nouveau… » and row actions.
 */
function Ledger({
  title,
  newLabel,
  onNew,
  empty,
  columns,
  children,
}: {
  title: string;
  newLabel: string;
  onNew: (() => void) | null;
  empty: string;
  columns: string[];
  children: ReactNode[];
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {title}
        </Title>
        {onNew && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={onNew}>
            {newLabel}
          </Button>
        )}
      </Group>
      {children.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c} scope="col">
                  {c}
                </Table.Th>
              ))}
              <Table.Th scope="col" ta="right">
                {t('finance.costs.amount')}
              </Table.Th>
              {onNew && (
                <Table.Th scope="col">
                  <VisuallyHidden>{t('finance.costs.actions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function RowActions({
  name,
  onEdit,
  onDelete,
}: {
  name: string;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Tooltip label={t('finance.costs.edit', { name })}>
        <ActionIcon
          variant="subtle"
          aria-label={t('finance.costs.edit', { name })}
          onClick={onEdit}
        >
          <IconPencil size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('finance.costs.delete', { name })}>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('finance.costs.delete', { name })}
          onClick={onDelete}
        >
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

interface CostValues {
  lineId: string | null;
  source: 'invoice' | 'other';
  date: string;
  supplier: string;
  reference: string;
  description: string;
  amount: number;
  currency: string;
}

/** The form of one purchase order or one actual cost (invoice or other), new or corrected. */
function CostModal({
  kind,
  lines,
  initial,
  busy,
  onClose,
  onSubmit,
}: {
  kind: 'order' | 'actual';
  lines: BudgetLine[];
  initial: PurchaseOrder | ActualCost | null;
  busy: boolean;
  onClose: () => void;
  onSubmit: (v: CostValues) => void;
}) {
  const { t } = useTranslation();
  const rates = useRates();
  const initialDate = initial ? ('orderDate' in initial ? initial.orderDate : initial.date) : null;
  const [lineId, setLineId] = useState<string | null>(initial?.lineId ?? null);
  const [source, setSource] = useState<'invoice' | 'other'>(
    initial && 'source' in initial && initial.source === 'other' ? 'other' : 'invoice',
  );
  const [date, setDate] = useState<string | null>(initialDate);
  const [supplier, setSupplier] = useState(initial?.supplier ?? '');
  const [reference, setReference] = useState(initial?.reference ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [amountText, setAmountText] = useState(initial ? minorToInput(initial.amount) : '');
  const [currency, setCurrency] = useState(initial?.currency ?? 'EUR');
  const amount = amountText.trim() === '' ? null : parseMinorUnits(amountText);
  const currencies = [
    'EUR',
    ...new Set((rates.data?.items ?? []).map((r) => r.currency).filter((c) => c !== 'EUR')),
  ];
  if (!currencies.includes(currency)) currencies.push(currency);
  const valid =
    date !== null &&
    amount !== null &&
    amount >= 0 &&
    (kind === 'actual' || (supplier.trim() !== '' && reference.trim() !== ''));
  const title =
    kind === 'order'
      ? t(initial ? 'finance.costs.editOrder' : 'finance.costs.newOrder')
      : t(initial ? 'finance.costs.editActual' : 'finance.costs.newActual');
  return (
    <Modal opened onClose={onClose} title={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          onSubmit({
            lineId,
            source,
            date: date!,
            supplier: supplier.trim(),
            reference: reference.trim(),
            description: description.trim(),
            amount: amount!,
            currency,
          });
        }}
      >
        <Stack>
          {kind === 'actual' && (
            <Select
              label={t('finance.costs.source')}
              value={source}
              allowDeselect={false}
              onChange={(v) => v && setSource(v as 'invoice' | 'other')}
              data={(['invoice', 'other'] as const).map((s) => ({
                value: s,
                label: t(`finance.source.${s}`),
              }))}
            />
          )}
          <Group grow>
            <TextInput
              label={t('finance.costs.supplier')}
              required={kind === 'order'}
              value={supplier}
              onChange={(e) => setSupplier(e.currentTarget.value)}
              data-autofocus
            />
            <TextInput
              label={t('finance.costs.reference')}
              required={kind === 'order'}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
            />
          </Group>
          <TextInput
            label={t('finance.costs.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <DateField
            label={t(kind === 'order' ? 'finance.costs.orderDate' : 'finance.costs.date')}
            required
            value={date}
            onChange={(v) => setDate(v)}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('finance.costs.amount')}
              required
              value={amountText}
              error={
                amountText.trim() !== '' && amount === null
                  ? t('finance.line.badAmount')
                  : undefined
              }
              onChange={(e) => setAmountText(e.currentTarget.value)}
            />
            <Select
              label={t('finance.costs.currency')}
              description={currency === 'EUR' ? undefined : t('finance.costs.convertedHelp')}
              value={currency}
              allowDeselect={false}
              onChange={(v) => v && setCurrency(v)}
              data={currencies}
            />
          </Group>
          <Select
            label={t('finance.grid.line')}
            placeholder={t('finance.costs.noLine')}
            clearable
            value={lineId}
            onChange={setLineId}
            data={lines.map((l) => ({ value: l.id, label: l.label }))}
          />
          <FormActions onCancel={onClose}>
            <Button type="submit" disabled={!valid} loading={busy}>
              {t(initial ? 'common.save' : 'finance.costs.record')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}
