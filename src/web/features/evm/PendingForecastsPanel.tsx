import { Badge, Button, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PendingForecasts } from '../../../contracts/evm.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { useCan } from '../auth/auth-api.ts';
import { formatMonth } from '../finance/finance-format.ts';
import { DecideForm, formatPct } from './ForecastPanel.tsx';
import { usePendingForecasts } from './evm-api.ts';

type Item = PendingForecasts['items'][number];

/** Finance's inbox of the monthly cycle: re-forecasts submitted by project managers, to decide. */
export function PendingForecastsPanel() {
  const { t } = useTranslation();
  const can = useCan();
  const data = usePendingForecasts();
  const [deciding, setDeciding] = useState<Item | null>(null);
  if (data.isPending) return <TableSkeleton rows={4} />;
  if (data.isError) return <ErrorState error={data.error} onRetry={() => void data.refetch()} />;
  const items = data.data.items;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('evm.pending.help')}
      </Text>
      {items.length === 0 ? (
        <EmptyState title={t('evm.pending.emptyTitle')} message={t('evm.pending.empty')} />
      ) : (
        <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('evm.pending.project')}</Table.Th>
              <Table.Th scope="col">{t('evm.forecast.period')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('evm.forecast.bac')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('evm.forecast.eac')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('evm.forecast.variance')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('evm.forecast.change')}
              </Table.Th>
              <Table.Th scope="col">{t('evm.forecast.comment')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('evm.rates.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Th scope="row" fw={500}>
                  <Link to={`/projects/${f.project.id}/budget`}>
                    {f.project.code} — {f.project.name}
                  </Link>
                </Table.Th>
                <Table.Td>
                  <Badge variant="light">{formatMonth(f.period)}</Badge>
                </Table.Td>
                <Table.Td ta="right">{formatMoney(f.bac)}</Table.Td>
                <Table.Td ta="right">{formatMoney(f.eac)}</Table.Td>
                <Table.Td ta="right" c={f.variance < 0 ? 'red.9' : undefined}>
                  {formatMoney(f.variance)} ({formatPct(f.variancePct)})
                </Table.Td>
                <Table.Td ta="right">
                  {f.changeSincePrevious === null ? '—' : formatMoney(f.changeSincePrevious)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{f.comment}</Text>
                  <Text size="xs" c="dimmed">
                    {t('evm.forecast.by', {
                      name: f.submittedBy?.name ?? '—',
                      at: formatDateTime(f.submittedAt),
                    })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {can('finance.manage') && (
                    <Button
                      size="xs"
                      variant="light"
                      aria-label={t('evm.pending.decideFor', { code: f.project.code })}
                      onClick={() => setDeciding(f)}
                    >
                      {t('evm.forecast.decide')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={deciding !== null}
        onClose={() => setDeciding(null)}
        title={
          deciding
            ? `${deciding.project.code} — ${t('evm.forecast.decideTitle', { month: formatMonth(deciding.period) })}`
            : ''
        }
      >
        {deciding && (
          <DecideForm
            projectId={deciding.project.id}
            forecast={deciding}
            onDone={() => setDeciding(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
