import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { currentLocale } from '../../i18n.ts';
import { useDiscountRateMutations, useDiscountRates } from './evm-api.ts';

const RATE = /^\d{1,2}([.,]\d{1,4})?$/;
export const showPercent = (rate: string) =>
  `${currentLocale() === 'fr' ? rate.replace('.', ',') : rate} %`;

/** The company's discount-rate policy: dated rates business cases use by default. */
export function DiscountRatesPanel() {
  const { t } = useTranslation();
  const data = useDiscountRates();
  const m = useDiscountRateMutations();
  const [from, setFrom] = useState<string | null>(null);
  const [rate, setRate] = useState('');
  const [note, setNote] = useState('');
  if (data.isPending) return <TableSkeleton rows={4} />;
  if (data.isError) return <ErrorState error={data.error} onRetry={() => void data.refetch()} />;
  const d = data.data;
  const rateOk = RATE.test(rate.trim());
  return (
    <Stack gap="md" maw={1000}>
      <Text size="sm" c="dimmed">
        {t('evm.discount.help')}
      </Text>
      <Paper withBorder p="md">
        {d.inForce ? (
          <Text>
            {t('evm.discount.inForce', {
              rate: showPercent(d.inForce.rate),
              from: formatDate(d.inForce.effectiveFrom),
            })}
          </Text>
        ) : (
          <Text c="dimmed">{t('evm.discount.none')}</Text>
        )}
      </Paper>
      {d.can.manage && (
        <Paper withBorder p="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!from || !rateOk) return;
              m.create.mutate(
                { effectiveFrom: from, rate: rate.trim(), note },
                {
                  onSuccess: () => {
                    setRate('');
                    setNote('');
                  },
                },
              );
            }}
          >
            <Group align="flex-start" wrap="wrap">
              <DateField
                label={t('evm.discount.effectiveFrom')}
                required
                w={180}
                value={from}
                onChange={(v) => setFrom(v)}
              />
              <TextInput
                label={t('evm.discount.rate')}
                placeholder={currentLocale() === 'fr' ? '7,5' : '7.5'}
                rightSection="%"
                w={140}
                required
                value={rate}
                error={rate.trim() !== '' && !rateOk ? t('evm.discount.badRate') : undefined}
                onChange={(e) => setRate(e.currentTarget.value)}
              />
              <TextInput
                label={t('evm.discount.note')}
                style={{ flex: 1, minWidth: 220 }}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
              />
              <Button
                type="submit"
                mt={25}
                disabled={!from || !rateOk}
                loading={m.create.isPending}
              >
                {t('evm.discount.publish')}
              </Button>
            </Group>
          </form>
        </Paper>
      )}
      {d.items.length === 0 ? (
        <EmptyState title={t('evm.discount.emptyTitle')} message={t('evm.discount.empty')} />
      ) : (
        <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Caption>{t('evm.discount.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('evm.discount.effectiveFrom')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('evm.discount.rate')}
              </Table.Th>
              <Table.Th scope="col">{t('evm.discount.note')}</Table.Th>
              <Table.Th scope="col">{t('evm.discount.by')}</Table.Th>
              {d.can.manage && (
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('evm.rates.actions')}</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Th scope="row" fw={500}>
                  <Group gap="xs">
                    {formatDate(p.effectiveFrom)}
                    {d.inForce?.id === p.id && (
                      <Badge variant="light" color="teal">
                        {t('evm.discount.current')}
                      </Badge>
                    )}
                  </Group>
                </Table.Th>
                <Table.Td ta="right">{showPercent(p.rate)}</Table.Td>
                <Table.Td>{p.note}</Table.Td>
                <Table.Td>{p.createdBy?.name ?? '—'}</Table.Td>
                {d.can.manage && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('evm.discount.delete', { date: formatDate(p.effectiveFrom) })}
                      onClick={() => {
                        if (
                          window.confirm(
                            t('evm.discount.confirmDelete', { date: formatDate(p.effectiveFrom) }),
                          )
                        )
                          m.remove.mutate(p);
                      }}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
