import { Badge, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BudgetLine } from '../../../contracts/finance.ts';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { useCosts } from './finance-api.ts';

/** The project's purchase orders and latest actual costs. */
export function CostsPanel({ projectId, lines }: { projectId: string; lines: BudgetLine[] }) {
  const { t } = useTranslation();
  const costs = useCosts(projectId);
  if (costs.isPending) return <TableSkeleton rows={4} />;
  if (costs.isError) return <ErrorState error={costs.error} onRetry={() => void costs.refetch()} />;
  const lineName = new Map(lines.map((l) => [l.id, l.label]));
  const { purchaseOrders, actuals } = costs.data;
  const amount = (v: { amount: number; currency: string; amountEur: number }) =>
    v.currency === 'EUR'
      ? formatMoney(v.amountEur)
      : `${formatMoney(v.amountEur)} (${formatMoney(v.amount, v.currency)})`;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('finance.costs.orders')}
        </Title>
        {purchaseOrders.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('finance.costs.noOrders')}
          </Text>
        ) : (
          <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('finance.costs.reference')}</Table.Th>
                <Table.Th scope="col">{t('finance.costs.supplier')}</Table.Th>
                <Table.Th scope="col">{t('finance.costs.date')}</Table.Th>
                <Table.Th scope="col">{t('finance.grid.line')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('finance.costs.amount')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {purchaseOrders.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{o.reference}</Table.Td>
                  <Table.Td>{o.supplier}</Table.Td>
                  <Table.Td>{formatDate(o.orderDate)}</Table.Td>
                  <Table.Td>{o.lineId ? lineName.get(o.lineId) : '—'}</Table.Td>
                  <Table.Td ta="right">{amount(o)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('finance.costs.actuals')}
        </Title>
        {actuals.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('finance.costs.noActuals')}
          </Text>
        ) : (
          <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('finance.costs.date')}</Table.Th>
                <Table.Th scope="col">{t('finance.costs.source')}</Table.Th>
                <Table.Th scope="col">{t('finance.costs.supplier')}</Table.Th>
                <Table.Th scope="col">{t('finance.grid.line')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('finance.costs.amount')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {actuals.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{formatDate(a.date)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" size="sm">
                      {t(`finance.source.${a.source}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{a.supplier || a.description}</Table.Td>
                  <Table.Td>{a.lineId ? lineName.get(a.lineId) : '—'}</Table.Td>
                  <Table.Td ta="right">{amount(a)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </SimpleGrid>
  );
}
