import {
  Badge,
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvmFigures } from '../../../contracts/finance.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { DateField } from '../../components/DateField.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { formatIndex, formatMonth } from './finance-format.ts';
import { EvmTrendPanel } from '../evm/EvmTrendChart.tsx';
import { SCurveChart } from './SCurveChart.tsx';
import { useBudgetMutations, useEvm } from './finance-api.ts';

const STATUS_COLOR = { good: 'teal', watch: 'orange', alert: 'red' } as const;

function IndexCard({
  name,
  value,
  status,
}: {
  name: string;
  value: number | null;
  status: EvmFigures['spiStatus'];
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t(`finance.evm.${name}`)}
        </Text>
        {status && (
          <Badge color={STATUS_COLOR[status]} variant="light">
            {t(`finance.evm.status.${status}`)}
          </Badge>
        )}
      </Group>
      <Text size="xl" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatIndex(value)}
      </Text>
    </Paper>
  );
}

/** Earned value of the project at a status date: indices with thresholds, EACs, S-curves, month-end closes. */
export function EvmPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const [date, setDate] = useState<string | null>(null);
  const evm = useEvm(projectId, date);
  const m = useBudgetMutations(projectId);
  const [comment, setComment] = useState('');
  if (evm.isPending) return <TableSkeleton rows={6} />;
  if (evm.isError) return <ErrorState error={evm.error} onRetry={() => void evm.refetch()} />;
  const e = evm.data;
  const f = e.figures;
  const money = (label: string, v: number | null) => (
    <Table.Tr key={label}>
      <Table.Th scope="row" fw={500}>
        {label}
      </Table.Th>
      <Table.Td ta="right">{v === null ? '—' : formatMoney(v)}</Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h4">
          {t('finance.evm.title')}
        </Title>
        <DateField
          label={t('finance.evm.statusDate')}
          value={e.statusDate}
          onChange={(v) => setDate(v)}
        />
      </Group>
      {f.bac === 0 ? (
        <EmptyState
          title={t('finance.evm.noBaselineTitle')}
          message={t('finance.evm.noBaseline')}
        />
      ) : (
        <>
          {e.progressSource === 'none' && (
            <Text size="sm" c="dimmed">
              {t('finance.evm.noProgress')}
            </Text>
          )}
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <IndexCard name="spi" value={f.spi} status={f.spiStatus} />
            <IndexCard name="cpi" value={f.cpi} status={f.cpiStatus} />
            <IndexCard name="tcpi" value={f.tcpi} status={null} />
            <Paper withBorder p="sm" radius="md">
              <Group justify="space-between">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t('finance.evm.vac')}
                </Text>
                {f.vacStatus && (
                  <Badge color={STATUS_COLOR[f.vacStatus]} variant="light">
                    {t(`finance.evm.status.${f.vacStatus}`)}
                  </Badge>
                )}
              </Group>
              <Text size="xl" fw={700} c={f.vac < 0 ? 'red.9' : 'teal.9'}>
                {formatMoney(f.vac)}
              </Text>
            </Paper>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Table withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
              <Table.Caption>
                {t('finance.evm.figuresAt', { date: formatDate(e.statusDate) })}
              </Table.Caption>
              <Table.Tbody>
                {money(t('finance.evm.bac'), f.bac)}
                {money(t('finance.evm.series.pv'), f.pv)}
                {money(t('finance.evm.series.ev'), f.ev)}
                {money(t('finance.evm.series.ac'), f.ac)}
                {money(t('finance.evm.sv'), f.sv)}
                {money(t('finance.evm.cv'), f.cv)}
              </Table.Tbody>
            </Table>
            <Table withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
              <Table.Caption>{t('finance.evm.eacCaption')}</Table.Caption>
              <Table.Tbody>
                {money(t('finance.evm.eacCpi'), f.eacs.cpi)}
                {money(t('finance.evm.eacBudgetRate'), f.eacs.budgetRate)}
                {money(t('finance.evm.eacCpiSpi'), f.eacs.cpiSpi)}
                {money(
                  e.forecast
                    ? t('finance.evm.eacBottomUpForecast', {
                        month: formatMonth(e.forecast.period),
                      })
                    : t('finance.evm.eacBottomUp'),
                  f.eacs.bottomUp,
                )}
                {money(t('finance.evm.etc'), f.etc)}
              </Table.Tbody>
            </Table>
          </SimpleGrid>
          <SCurveChart points={e.sCurve} />
        </>
      )}
      <EvmTrendPanel projectId={projectId} />
      <Title order={3} size="h5">
        {t('finance.close.title')}
      </Title>
      {e.lastClose ? (
        <Text size="sm">
          {t('finance.close.last', {
            month: formatMonth(e.lastClose.month),
            eac: formatMoney(e.lastClose.eac),
            now: formatMoney(f.eac),
          })}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('finance.close.none')}
        </Text>
      )}
      {e.lastClose && e.changes.length > 0 && (
        <Table withTableBorder striped style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('finance.grid.line')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.close.acBefore')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.close.acNow')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.close.eacBefore')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.close.eacNow')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {e.changes.map((c) => (
              <Table.Tr key={c.lineId}>
                <Table.Th scope="row">{c.label}</Table.Th>
                <Table.Td ta="right">
                  {c.acBefore === null ? '—' : formatMoney(c.acBefore)}
                </Table.Td>
                <Table.Td ta="right">{formatMoney(c.acNow)}</Table.Td>
                <Table.Td ta="right">
                  {c.eacBefore === null ? '—' : formatMoney(c.eacBefore)}
                </Table.Td>
                <Table.Td
                  ta="right"
                  c={c.eacBefore !== null && c.eacNow > c.eacBefore ? 'red' : undefined}
                >
                  {formatMoney(c.eacNow)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {e.can.close && (
        <Group align="flex-end">
          <TextInput
            label={t('finance.close.comment')}
            value={comment}
            onChange={(ev) => setComment(ev.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button
            variant="light"
            loading={m.close.isPending}
            onClick={() =>
              m.close.mutate(
                { statusDate: e.statusDate, comment },
                { onSuccess: () => setComment('') },
              )
            }
          >
            {t('finance.close.record', { month: formatMonth(e.statusDate.slice(0, 7)) })}
          </Button>
        </Group>
      )}
      {e.history.length > 0 && (
        <Table withTableBorder striped style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Caption>{t('finance.close.history')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('finance.evm.month')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.evm.series.pv')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.evm.series.ev')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.evm.series.ac')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.evm.spi')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.evm.cpi')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.figures.eac')}
              </Table.Th>
              <Table.Th scope="col">{t('finance.close.comment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {e.history.map((h) => (
              <Table.Tr key={h.month}>
                <Table.Th scope="row">{formatMonth(h.month)}</Table.Th>
                <Table.Td ta="right">{formatMoney(h.pv)}</Table.Td>
                <Table.Td ta="right">{formatMoney(h.ev)}</Table.Td>
                <Table.Td ta="right">{formatMoney(h.ac)}</Table.Td>
                <Table.Td ta="right">{formatIndex(h.spi)}</Table.Td>
                <Table.Td ta="right">{formatIndex(h.cpi)}</Table.Td>
                <Table.Td ta="right">{formatMoney(h.eac)}</Table.Td>
                <Table.Td>{h.comment}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
