import {
  ActionIcon,
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
import { IconChevronDown, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Forecast, ForecastCycle } from '../../../contracts/evm.ts';
import { addMonths } from '../../../core/finance/months.ts';
import { parseMinorUnits } from '../../../core/tabular/csv.ts';
import { FormActions } from '../../components/FormActions.tsx';
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
        size="auto"
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
  const [open, setOpen] = useState<string | null>(null);
  const cols = canDecide ? 8 : 7;
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
            <Fragment key={f.id}>
              <Table.Tr>
                <Table.Th scope="row">
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-expanded={open === f.id}
                      aria-label={t('evm.forecast.details', { month: formatMonth(f.period) })}
                      onClick={() => setOpen(open === f.id ? null : f.id)}
                    >
                      {open === f.id ? (
                        <IconChevronDown size={14} aria-hidden />
                      ) : (
                        <IconChevronRight size={14} aria-hidden />
                      )}
                    </ActionIcon>
                    {formatMonth(f.period)}
                  </Group>
                </Table.Th>
                <Table.Td>
                  <Group gap={4}>
                    <Badge variant="light" color={FORECAST_COLOR[f.status]}>
                      {t(`evm.forecast.statuses.${f.status}`)}
                    </Badge>
                    {f.inForce && (
                      <Badge variant="outline" color="teal.9">
                        {t('evm.forecast.inForce')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{formatMoney(f.etc)}</Table.Td>
                <Table.Td ta="right">{formatMoney(f.eac)}</Table.Td>
                <Table.Td ta="right" c={f.variance < 0 ? 'red.9' : undefined}>
                  {formatMoney(f.variance)} ({formatPct(f.variancePct)})
                </Table.Td>
                <Table.Td
                  ta="right"
                  c={
                    f.changeSincePrevious !== null && f.changeSincePrevious > 0
                      ? 'red.9'
                      : undefined
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
              {open === f.id && (
                <Table.Tr>
                  <Table.Td colSpan={cols}>
                    <ForecastChanges forecast={f} />
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
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
      <ForecastChanges forecast={forecast} />
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

/** What changed since the previous approved forecast, line by line (ETC then and now). */
export function ForecastChanges({ forecast: f }: { forecast: Forecast }) {
  const { t } = useTranslation();
  if (f.lines.length === 0) return null;
  const before = f.previousPeriod ? formatMonth(f.previousPeriod) : null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {before
          ? t('evm.forecast.changesSince', { month: before })
          : t('evm.forecast.changesFirst')}
      </Text>
      {f.acSincePrevious !== null && (
        <Text size="sm" c="dimmed">
          {t('evm.forecast.acSince', { amount: formatMoney(f.acSincePrevious), month: before })}
        </Text>
      )}
      <Table withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
        <Table.Caption>{t('evm.forecast.linesCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('evm.forecast.line')}</Table.Th>
            {before && (
              <Table.Th scope="col" ta="right">
                {t('evm.forecast.etcBefore', { month: before })}
              </Table.Th>
            )}
            <Table.Th scope="col" ta="right">
              {t('evm.forecast.etc')}
            </Table.Th>
            {before && (
              <Table.Th scope="col" ta="right">
                {t('evm.forecast.delta')}
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {f.lines.map((l) => {
            const delta = l.previousEtc === null ? null : l.etc - l.previousEtc;
            return (
              <Table.Tr key={l.lineId ?? 'none'}>
                <Table.Th scope="row" fw={400}>
                  {l.lineId === null
                    ? t('evm.forecast.unassigned')
                    : (l.label ?? t('evm.forecast.deletedLine'))}
                </Table.Th>
                {before && (
                  <Table.Td ta="right">
                    {l.previousEtc === null ? '—' : formatMoney(l.previousEtc)}
                  </Table.Td>
                )}
                <Table.Td ta="right">{formatMoney(l.etc)}</Table.Td>
                {before && (
                  <Table.Td ta="right" c={delta !== null && delta > 0 ? 'red.9' : undefined}>
                    {delta === null ? '—' : formatSigned(delta)}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

const formatSigned = (v: number) => (v > 0 ? `+${formatMoney(v)}` : formatMoney(v));

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
  // One row per budget line (or one for the project when it has none), one column per month
  // from the period to the last month with an amount (three at least). The cells of a line the
  // approved forecast in force covers start from its months to come; the others from what is
  // left of the line's working budget that month.
  const rowsOf = cycle.current.lines.length
    ? cycle.current.lines.map((l) => ({ id: l.lineId as string | null, label: l.label, ac: l.ac }))
    : [{ id: null, label: t('evm.forecast.unassigned'), ac: cycle.current.ac }];
  const start = cycle.current.startFrom;
  const covered = new Set(start?.covered ?? []);
  const uncovered = rowsOf.filter((r) => !covered.has(r.id));
  const [cells, setCells] = useState<Record<string, string>>(() => {
    const init: Record<string, string> = {};
    for (const c of start?.cells ?? []) init[`${c.lineId}|${c.month}`] = minorToInput(c.amount);
    for (const l of cycle.current.lines)
      if (!covered.has(l.lineId))
        for (const a of l.remainingBudget) init[`${l.lineId}|${a.month}`] = minorToInput(a.amount);
    if (!cycle.current.lines.length && !covered.has(null))
      for (const a of cycle.current.remainingBudget)
        init[`null|${a.month}`] = minorToInput(a.amount);
    return init;
  });
  const [months, setMonths] = useState(() => {
    const filled = Object.keys(cells)
      .map((k) => k.slice(k.indexOf('|') + 1))
      .sort();
    const lastFilled = filled.at(-1) ?? period;
    const last = lastFilled > addMonths(period, 2) ? lastFilled : addMonths(period, 2);
    const list: string[] = [];
    for (let mo = period; mo <= last; mo = addMonths(mo, 1)) list.push(mo);
    return list;
  });
  const [comment, setComment] = useState('');
  const key = (line: string | null, month: string) => `${line}|${month}`;
  const value = (k: string) => {
    const text = cells[k]?.trim() ?? '';
    return text === '' ? 0 : parseMinorUnits(text);
  };
  const bad = (k: string) => {
    const v = value(k);
    return v === null || v < 0;
  };
  const lineEtc = (line: string | null) =>
    months.reduce<number>((s, mo) => s + (value(key(line, mo)) ?? 0), 0);
  const monthEtc = (mo: string) =>
    rowsOf.reduce<number>((s, r) => s + (value(key(r.id, mo)) ?? 0), 0);
  const etc = rowsOf.reduce<number>((s, r) => s + lineEtc(r.id), 0);
  const eac = cycle.current.ac + etc;
  const variance = cycle.current.bac - eac;
  const anyBad = rowsOf.some((r) => months.some((mo) => bad(key(r.id, mo))));
  const ok = !anyBad && comment.trim() !== '';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        const etcByMonth = rowsOf.flatMap((r) =>
          months
            .map((mo) => ({ lineId: r.id, month: mo, amount: value(key(r.id, mo)) ?? 0 }))
            .filter((x) => x.amount > 0),
        );
        m.submit.mutate({ period, etcByMonth, comment }, { onSuccess: onDone });
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('evm.forecast.formHelp')}
        </Text>
        <Alert color="blue" variant="light" data-testid="forecast-start">
          {!start
            ? t('evm.forecast.startFromBudget')
            : uncovered.length === 0
              ? t('evm.forecast.startFromApproved', { month: formatMonth(start.period) })
              : t('evm.forecast.startFromApprovedSome', {
                  month: formatMonth(start.period),
                  lines: uncovered.map((r) => r.label).join(', '),
                })}
        </Alert>
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
        <Table.ScrollContainer minWidth={400}>
          <Table withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
            <Table.Caption>{t('evm.forecast.gridCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('evm.forecast.line')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('evm.forecast.acShort')}
                </Table.Th>
                {months.map((mo) => (
                  <Table.Th key={mo} scope="col" ta="right">
                    {formatMonth(mo)}
                  </Table.Th>
                ))}
                <Table.Th scope="col" ta="right">
                  {t('evm.forecast.etc')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rowsOf.map((r) => (
                <Table.Tr key={r.id ?? 'none'}>
                  <Table.Th scope="row" fw={500}>
                    {r.label}
                  </Table.Th>
                  <Table.Td ta="right">{formatMoney(r.ac)}</Table.Td>
                  {months.map((mo) => {
                    const k = key(r.id, mo);
                    return (
                      <Table.Td key={mo} miw={120}>
                        <TextInput
                          size="xs"
                          value={cells[k] ?? ''}
                          inputMode="decimal"
                          aria-label={t('evm.forecast.cell', {
                            line: r.label,
                            month: formatMonth(mo),
                          })}
                          error={bad(k) ? t('evm.forecast.badAmount') : undefined}
                          styles={{ input: { textAlign: 'right' } }}
                          onChange={(e) => {
                            const text = e.currentTarget.value;
                            setCells((c) => ({ ...c, [k]: text }));
                          }}
                        />
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="right" fw={600}>
                    {formatMoney(lineEtc(r.id))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('evm.forecast.total')}</Table.Th>
                <Table.Td ta="right">{formatMoney(cycle.current.ac)}</Table.Td>
                {months.map((mo) => (
                  <Table.Td key={mo} ta="right" fw={600}>
                    {formatMoney(monthEtc(mo))}
                  </Table.Td>
                ))}
                <Table.Td ta="right" fw={700}>
                  {formatMoney(etc)}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setMonths((list) => [...list, addMonths(list.at(-1) ?? period, 1)])}
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
        <FormActions onCancel={onDone}>
          <Button type="submit" disabled={!ok} loading={m.submit.isPending}>
            {t('evm.forecast.submit')}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
