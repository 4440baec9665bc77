import {
  ActionIcon,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeRate } from '../../../contracts/finance.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { currentLocale } from '../../i18n.ts';
import { useCan } from '../auth/auth-api.ts';
import { useDeleteRate } from '../evm/evm-api.ts';
import { useRates, useSetRate } from './finance-api.ts';

const RATE = /^\d{1,10}(\.\d{1,8})?$/;

/** A decimal rate string (`1.0823`) in the reader's convention (`1,0823` in French). */
function showRate(rate: string): string {
  return currentLocale() === 'fr' ? rate.replace('.', ',') : rate;
}

/** The exchange-rates admin: rates in force per currency, each currency's dated history, a form. */
export function RatesPanel() {
  const { t } = useTranslation();
  const can = useCan();
  const rates = useRates();
  const setRate = useSetRate();
  const deleteRate = useDeleteRate();
  const [currency, setCurrency] = useState('');
  const [validFrom, setValidFrom] = useState<string | null>(null);
  const [rateText, setRateText] = useState('');
  if (rates.isPending) return <TableSkeleton rows={4} />;
  if (rates.isError) return <ErrorState error={rates.error} onRetry={() => void rates.refetch()} />;
  const code = currency.trim().toUpperCase();
  const rate = rateText.trim().replace(',', '.');
  const codeOk = /^[A-Z]{3}$/.test(code) && code !== 'EUR';
  const rateOk = RATE.test(rate) && Number(rate) > 0;
  const byCurrency = new Map<string, (ExchangeRate & { version: number })[]>();
  for (const r of rates.data.items) {
    const list = byCurrency.get(r.currency) ?? [];
    list.push(r);
    byCurrency.set(r.currency, list);
  }
  const manage = can('finance.manage');
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('finance.rates.help')}
      </Text>
      {manage && (
        <Paper withBorder p="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!codeOk || !rateOk || !validFrom) return;
              setRate.mutate(
                { currency: code, validFrom, rate },
                {
                  onSuccess: () => {
                    notifications.show({
                      color: 'green',
                      message: t('finance.rates.saved', { currency: code }),
                    });
                    setRateText('');
                  },
                },
              );
            }}
          >
            <Group align="flex-start" wrap="wrap">
              <TextInput
                label={t('finance.rates.currency')}
                placeholder="USD"
                maxLength={3}
                w={140}
                required
                value={currency}
                error={
                  currency.trim() !== '' && !codeOk ? t('finance.rates.badCurrency') : undefined
                }
                onChange={(e) => setCurrency(e.currentTarget.value)}
              />
              <DateField
                label={t('finance.rates.validFrom')}
                required
                w={170}
                value={validFrom}
                onChange={(v) => setValidFrom(v)}
              />
              <TextInput
                label={t('finance.rates.rate')}
                placeholder={showRate('0.9234')}
                w={200}
                required
                value={rateText}
                error={rateText.trim() !== '' && !rateOk ? t('finance.rates.badRate') : undefined}
                onChange={(e) => setRateText(e.currentTarget.value)}
              />
              <Button
                type="submit"
                mt={25}
                disabled={!codeOk || !rateOk || !validFrom}
                loading={setRate.isPending}
              >
                {t('finance.rates.add')}
              </Button>
            </Group>
          </form>
        </Paper>
      )}
      {byCurrency.size === 0 ? (
        <EmptyState
          title={t('finance.rates.emptyTitle')}
          message={t('finance.rates.emptyMessage')}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
          {[...byCurrency].map(([cur, list]) => (
            <Paper withBorder p="md" key={cur}>
              <Title order={3} size="h5" mb="xs">
                {t('finance.rates.history', { currency: cur })}
              </Title>
              <Table striped style={{ fontVariantNumeric: 'tabular-nums' }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('finance.rates.validFrom')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('finance.rates.rate')}
                    </Table.Th>
                    {manage && (
                      <Table.Th scope="col" w={48}>
                        <span className="visually-hidden">{t('evm.rates.actions')}</span>
                      </Table.Th>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...list].reverse().map((r, i) => (
                    <Table.Tr key={r.validFrom} fw={i === 0 ? 600 : undefined}>
                      <Table.Td>{formatDate(r.validFrom)}</Table.Td>
                      <Table.Td ta="right">{showRate(r.rate)}</Table.Td>
                      {manage && (
                        <Table.Td>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('evm.rates.delete', {
                              currency: cur,
                              date: formatDate(r.validFrom),
                            })}
                            loading={deleteRate.isPending && deleteRate.variables === r}
                            onClick={() => {
                              if (
                                window.confirm(
                                  t('evm.rates.confirmDelete', {
                                    currency: cur,
                                    date: formatDate(r.validFrom),
                                    rate: showRate(r.rate),
                                  }),
                                )
                              )
                                deleteRate.mutate(r);
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
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
