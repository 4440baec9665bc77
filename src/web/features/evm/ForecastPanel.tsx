import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Forecast, ForecastCycle } from '../../../contracts/evm.ts';
import { addMonths } from '../../../core/finance/months.ts';
import { parseMinorUnits } from '../../../core/tabular/csv.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { currentLocale } from '../../i18n.ts';
import { formatMonth, minorToInput } from '../finance/finance-format.ts';
import { useForecastMutations, useForecasts } from './evm-api.ts';

export const FORECAST_COLOR = { submitted: 'blue', approved: 'teal', rejected: 'red' } as const;

export const formatPct = (v: number | null) =>
  v === null
    ? '—'
    : new Intl.NumberFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', {
        style: 'percent',
        maximumFractionDigits: 1,
        signDisplay: 'exceptZero',
      }).format(v);

/** A share or a rate, without a sign: 75 %. */
export const formatShare = (v: number | null) =>
  v === null
    ? '—'
    : new Intl.NumberFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', {
        style: 'percent',
        maximumFractionDigits: 1,
      }).format(v);

/** The project's monthly forecast cycle: submit a re-forecast, see its decision and the history. */
export function ForecastPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const cycle = useForecasts(projectId);
  const [open, setOpen] = useState(false);
  if (cycle.isPending) return <TableSkeleton rows={4} />;
  if (cycle.isError) return <ErrorState error={cycle.error} onRetry={() => void cycle.refetch()} />;
  const c = cycle.data;
  const live = c.items.find(
    (f) => f.period === c.current.period && (f.status === 'submitted' || f.status === 'approved'),
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('evm.forecast.title')}
        </Title>
        {c.can.submit && !live && (
          <Button leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setOpen(true)}>
            {t('evm.forecast.new', { month: formatMonth(c.current.period) })}
          </Button>
        )}
      </Group>
      {live && (
        <Text size="sm" c="dimmed">
          {t(`evm.forecast.live.${live.status}`, { month: formatMonth(live.period) })}
        </Text>
      )}
      {c.items.length === 0 ? (
        <EmptyState title={t('evm.forecast.emptyTitle')} message={t('evm.forecast.empty')} />
      ) : (
        <ForecastTable projectId={projectId} items={c.items} canDecide={c.can.decide} />
      )}
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('evm.forecast.formTitle', { month: formatMonth(c.current.period) })}
        size="lg"
      >
        {open && <ForecastForm projectId={projectId} cycle={c} onDone={() => setOpen(false)} />}
      </Modal>
    </Stack>
  );
}

export function ForecastTable({
  projectId,
  items,
  canDecide,
}: {
  projectId: string;
  items: Forecast[];
  canDecide: boolean;
}) {
  const { t } = useTranslation();
  const [deciding, setDeciding] = useState<Forecast | null>(null);
  return (
    <>
      <Table withTableBorder striped style={{ fontVariantNumeric: 'tabular-nums' }}>
        <Table.Caption>{t('evm.forecast.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('evm.forecast.period')}</Table.Th>
            <Table.Th scope="col">{t('evm.forecast.status')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('evm.forecast.etc')}
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
            {canDecide && (
              <Table.Th scope="col">
                <span className="visually-hidden">{t('evm.rates.actions')}</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Th scope="row">{formatMonth(f.period)}</Table.Th>
              <Table.Td>
                <Badge variant="light" color={FORECAST_COLOR[f.status]}>
                  {t(`evm.forecast.statuses.${f.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{formatMoney(f.etc)}</Table.Td>
              <Table.Td ta="right">{formatMoney(f.eac)}</Table.Td>
              <Table.Td ta="right" c={f.variance < 0 ? 'red.9' : undefined}>
                {formatMoney(f.variance)} ({formatPct(f.variancePct)})
              </Table.Td>
              <Table.Td
                ta="right"
                c={
                  f.changeSincePrevious !== null && f.changeSincePrevious > 0 ? 'red.9' : undefined
                }
              >
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
                {f.decidedAt && (
                  <Text size="xs" c="dimmed">
                    {t('evm.forecast.decided', {
                      name: f.decidedBy?.name ?? '—',
                      at: formatDateTime(f.decidedAt),
                      comment: f.decisionComment || '—',
                    })}
                  </Text>
                )}
              </Table.Td>
              {canDecide && (
                <Table.Td>
                  {f.status === 'submitted' && (
                    <Button size="xs" variant="light" onClick={() => setDeciding(f)}>
                      {t('evm.forecast.decide')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={deciding !== null}
        onClose={() => setDeciding(null)}
        title={
          deciding ? t('evm.forecast.decideTitle', { month: formatMonth(deciding.period) }) : ''
        }
      >
        {deciding && (
          <DecideForm projectId={projectId} forecast={deciding} onDone={() => setDeciding(null)} />
        )}
      </Modal>
    </>
  );
}

export function DecideForm({
  projectId,
  forecast,
  onDone,
}: {
  projectId: string;
  forecast: Forecast;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const m = useForecastMutations(projectId);
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const decide = (decision: 'approve' | 'reject') => {
    setTried(decision === 'reject');
    if (decision === 'reject' && !comment.trim()) return;
    m.decide.mutate({ forecast, decision, comment }, { onSuccess: onDone });
  };
  return (
    <Stack gap="sm">
      <SimpleGrid cols={3}>
        <Figure label={t('evm.forecast.eac')} value={formatMoney(forecast.eac)} />
        <Figure label={t('evm.forecast.bac')} value={formatMoney(forecast.bac)} />
        <Figure
          label={t('evm.forecast.variance')}
          value={`${formatMoney(forecast.variance)} (${formatPct(forecast.variancePct)})`}
        />
      </SimpleGrid>
      <Text size="sm">{forecast.comment}</Text>
      <Textarea
        label={t('evm.forecast.decisionComment')}
        description={t('evm.forecast.decisionHelp')}
        value={comment}
        error={tried && !comment.trim() ? t('evm.forecast.reasonRequired') : undefined}
        onChange={(e) => setComment(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Group justify="flex-end">
        <Button
          variant="light"
          color="red"
          loading={m.decide.isPending}
          onClick={() => decide('reject')}
        >
          {t('evm.forecast.reject')}
        </Button>
        <Button color="teal" loading={m.decide.isPending} onClick={() => decide('approve')}>
          {t('evm.forecast.approve')}
        </Button>
      </Group>
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Paper>
  );
}

function ForecastForm({
  projectId,
  cycle,
  onDone,
}: {
  projectId: string;
  cycle: ForecastCycle;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const m = useForecastMutations(projectId);
  const period = cycle.current.period;
  // Starts from what is left of the working budget, month by month (or the next three months).
  const [rows, setRows] = useState(() =>
    cycle.current.remainingBudget.length
      ? cycle.current.remainingBudget.map((r) => ({ month: r.month, text: minorToInput(r.amount) }))
      : [0, 1, 2].map((i) => ({ month: addMonths(period, i), text: '' })),
  );
  const [comment, setComment] = useState('');
  const parsed = rows.map((r) => (r.text.trim() === '' ? 0 : parseMinorUnits(r.text)));
  const bad = parsed.map((v) => v === null || v < 0);
  const etc = parsed.reduce<number>((s, v) => s + (v ?? 0), 0);
  const eac = cycle.current.ac + etc;
  const variance = cycle.current.bac - eac;
  const ok = !bad.some(Boolean) && comment.trim() !== '';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        m.submit.mutate(
          {
            period,
            etcByMonth: rows.map((r, i) => ({ month: r.month, amount: parsed[i] ?? 0 })),
            comment,
          },
          { onSuccess: onDone },
        );
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('evm.forecast.formHelp')}
        </Text>
        <SimpleGrid cols={3}>
          <Figure label={t('evm.forecast.ac')} value={formatMoney(cycle.current.ac)} />
          <Figure label={t('evm.forecast.etc')} value={formatMoney(etc)} />
          <Figure label={t('evm.forecast.eac')} value={formatMoney(eac)} />
        </SimpleGrid>
        {cycle.current.bac > 0 ? (
          <Alert color={variance < 0 ? 'red' : 'teal'} variant="light">
            {t('evm.forecast.varianceLine', {
              bac: formatMoney(cycle.current.bac),
              variance: formatMoney(variance),
            })}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            {t('evm.forecast.noBaseline')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          {rows.map((r, i) => (
            <TextInput
              key={r.month}
              label={formatMonth(r.month)}
              value={r.text}
              inputMode="decimal"
              rightSection="€"
              error={bad[i] ? t('evm.forecast.badAmount') : undefined}
              onChange={(e) => {
                const text = e.currentTarget.value;
                setRows((list) => list.map((x, k) => (k === i ? { ...x, text } : x)));
              }}
            />
          ))}
        </SimpleGrid>
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() =>
              setRows((list) => [
                ...list,
                {
                  month: addMonths(
                    list.length ? list[list.length - 1]!.month : period,
                    list.length ? 1 : 0,
                  ),
                  text: '',
                },
              ])
            }
          >
            {t('evm.forecast.addMonth')}
          </Button>
        </Group>
        <Textarea
          label={t('evm.forecast.comment')}
          description={t('evm.forecast.commentHelp')}
          required
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={!ok} loading={m.submit.isPending}>
            {t('evm.forecast.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
