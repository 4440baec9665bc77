import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showPercent } from '../evm/DiscountRatesPanel.tsx';
import { useDiscountRates } from '../evm/evm-api.ts';
import type { z } from 'zod';
import type {
  BusinessCaseBody,
  IndicatorsOut,
  ProjectRequest,
} from '../../../contracts/strategy.ts';
import { BENEFIT_KINDS, COST_KINDS, type FlowKind } from '../../../core/strategy/business-case.ts';
import { errorMessage } from '../../components/errors.ts';
import { formatMoney, formatNumber } from '../../format.ts';
import { putBusinessCase, useInvalidateRequests } from './strategy-api.ts';

type Indicators = z.infer<typeof IndicatorsOut>;
type Case = NonNullable<ProjectRequest['businessCase']>;

interface Line {
  kind: FlowKind;
  label: string;
  confidence: number;
  amounts: (number | string)[];
}

const isBenefit = (k: FlowKind) => (BENEFIT_KINDS as readonly string[]).includes(k);

/** Period labels from the first one: 2027, 2028… or 2027-01, 2027-02… */
export function periodLabels(
  periodicity: 'year' | 'month',
  first: string,
  count: number,
): string[] {
  const year = Number(first.slice(0, 4));
  const month = periodicity === 'month' ? Number(first.slice(5, 7) || '1') - 1 : 0;
  return Array.from({ length: count }, (_, k) => {
    if (periodicity === 'year') return String(year + k);
    const m = month + k;
    return `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

function formatPercent(x: number | null): string {
  if (x === null) return '—';
  return `${formatNumber(Math.round(x * 1000) / 10)} %`;
}

function irrText(t: (k: string) => string, irr: Indicators['irr']): string {
  if (irr.status === 'ok') return formatPercent(irr.rate);
  return irr.status === 'none' ? t('strategy.bc.irrNone') : t('strategy.bc.irrMultiple');
}

/** The cumulative net cash flow as bars (SVG); the table of flows above is its table view. */
function CumulativeChart({
  labels,
  net,
  currency,
}: {
  labels: string[];
  net: number[];
  currency: string;
}) {
  const { t } = useTranslation();
  const cumulative: number[] = [];
  net.reduce((acc, v) => {
    cumulative.push(acc + v);
    return acc + v;
  }, 0);
  const max = Math.max(1, ...cumulative.map(Math.abs));
  const w = 560;
  const h = 160;
  const mid = h / 2;
  const bw = Math.max(6, Math.min(48, (w - 40) / Math.max(1, cumulative.length) - 8));
  return (
    <svg
      viewBox={`0 0 ${w} ${h + 20}`}
      width="100%"
      role="img"
      aria-label={t('strategy.bc.chartLabel')}
      style={{ maxWidth: w }}
    >
      <line x1={20} x2={w - 10} y1={mid} y2={mid} stroke="currentColor" strokeOpacity={0.4} />
      {cumulative.map((v, i) => {
        const x = 30 + i * ((w - 40) / Math.max(1, cumulative.length));
        const len = (Math.abs(v) / max) * (mid - 8);
        return (
          <g key={i}>
            <title>{`${labels[i] ?? i}: ${formatMoney(v, currency)}`}</title>
            <rect
              x={x}
              y={v >= 0 ? mid - len : mid}
              width={bw}
              height={Math.max(1, len)}
              fill={v >= 0 ? 'var(--mantine-color-green-6)' : 'var(--mantine-color-red-6)'}
            />
            <text x={x + bw / 2} y={h + 14} fontSize={10} textAnchor="middle" fill="currentColor">
              {labels[i]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const SCENARIOS = ['base', 'costsUp20', 'benefitsDown20', 'delay1Year'] as const;

function IndicatorsTable({ bc, currency }: { bc: Case; currency: string }) {
  const { t } = useTranslation();
  return (
    <Table striped withTableBorder aria-label={t('strategy.bc.sensitivity')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('strategy.bc.case')}</Table.Th>
          <Table.Th ta="right">{t('strategy.bc.npv')}</Table.Th>
          <Table.Th ta="right">{t('strategy.bc.irr')}</Table.Th>
          <Table.Th ta="right">{t('strategy.bc.roi')}</Table.Th>
          <Table.Th ta="right">{t('strategy.bc.payback')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {SCENARIOS.map((s) => {
          const ind = bc.indicators[s];
          return (
            <Table.Tr key={s}>
              <Table.Th scope="row" fw={s === 'base' ? 700 : 400}>
                {t(`strategy.bc.scenario.${s}`)}
              </Table.Th>
              <Table.Td ta="right" c={ind.npv >= 0 ? undefined : 'red.8'}>
                {formatMoney(ind.npv, currency)}
              </Table.Td>
              <Table.Td ta="right">{irrText(t, ind.irr)}</Table.Td>
              <Table.Td ta="right">{formatPercent(ind.roi)}</Table.Td>
              <Table.Td ta="right">
                {ind.payback === null
                  ? t('strategy.bc.never')
                  : t(`strategy.bc.paybackIn.${bc.periodicity}`, {
                      // « 1,9 an », « 2,2 ans »: the plural follows the rounded figure shown.
                      count: Math.round(ind.payback * 10) / 10,
                      n: formatNumber(Math.round(ind.payback * 10) / 10),
                    })}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

const toLines = (bc: Case | null): Line[] =>
  bc
    ? bc.lines.map((l) => ({
        kind: l.kind,
        label: l.label,
        confidence: l.confidence ?? 100,
        amounts: l.amounts.map((a) => a / 100),
      }))
    : [
        { kind: 'investment', label: '', confidence: 100, amounts: [0, 0, 0, 0, 0] },
        { kind: 'saving', label: '', confidence: 80, amounts: [0, 0, 0, 0, 0] },
      ];

/** The business case of a request: the indicators and, for the PMO, the cash-flow editor. */
export function BusinessCasePanel({
  request,
  editable,
}: {
  request: ProjectRequest;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateRequests();
  const bc = request.businessCase;
  const [editing, setEditing] = useState(false);
  const [periodicity, setPeriodicity] = useState<'year' | 'month'>(bc?.periodicity ?? 'year');
  const [firstPeriod, setFirstPeriod] = useState(
    bc?.firstPeriod ?? request.desiredStart?.slice(0, 4) ?? '2027',
  );
  // A new case starts from the company's discount-rate policy (Finances › Taux d'actualisation).
  const policy = useDiscountRates(null, editable);
  const policyRate = policy.data?.inForce?.rate ?? null;
  const [typedRate, setRate] = useState<string | null>(bc?.discountRate ?? null);
  const rate = typedRate ?? policyRate ?? '8';
  const [lines, setLines] = useState<Line[]>(() => toLines(bc));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const count = Math.max(1, ...lines.map((l) => l.amounts.length));
  const labels = periodLabels(periodicity, firstPeriod, count);

  const setAmount = (li: number, k: number, v: number | string) =>
    setLines((ls) =>
      ls.map((l, i) =>
        i === li ? { ...l, amounts: l.amounts.map((a, j) => (j === k ? v : a)) } : l,
      ),
    );
  const setCount = (n: number) =>
    setLines((ls) =>
      ls.map((l) => ({
        ...l,
        amounts: Array.from({ length: n }, (_, k) => l.amounts[k] ?? 0),
      })),
    );

  const save = async () => {
    setError(null);
    setSaving(true);
    const body: BusinessCaseBody = {
      periodicity,
      firstPeriod,
      discountRate: rate.trim().replace(',', '.'),
      lines: lines.map((l) => ({
        kind: l.kind,
        label: l.label.trim() || t(`strategy.bc.kind.${l.kind}`),
        amounts: l.amounts.map((a) => Math.round(Number(a || 0) * 100)),
        ...(isBenefit(l.kind) ? { confidence: l.confidence } : {}),
      })),
    };
    try {
      const updated = await putBusinessCase(request.id, body, request.version);
      await invalidate(updated);
      notifications.show({ color: 'green', message: t('common.saved') });
      setEditing(false);
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="bc-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="bc-title">
          {t('strategy.bc.title')}
        </Title>
        {editable && !editing && (
          <Button variant="light" onClick={() => setEditing(true)}>
            {bc ? t('common.edit') : t('strategy.bc.create')}
          </Button>
        )}
      </Group>
      {!bc && !editing && (
        <Text c="dimmed" size="sm">
          {editable ? t('strategy.bc.emptyEditable') : t('strategy.bc.empty')}
        </Text>
      )}
      {bc && !editing && (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('strategy.bc.summary', {
              rate: bc.discountRate.replace('.', ','),
              first: bc.firstPeriod,
            })}
          </Text>
          <IndicatorsTable bc={bc} currency={request.currency} />
          <Table withTableBorder aria-label={t('strategy.bc.flows')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('strategy.bc.line')}</Table.Th>
                {periodLabels(bc.periodicity, bc.firstPeriod, bc.indicators.base.net.length).map(
                  (p) => (
                    <Table.Th key={p} ta="right">
                      {p}
                    </Table.Th>
                  ),
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {bc.lines.map((l, i) => (
                <Table.Tr key={i}>
                  <Table.Th scope="row" fw={400}>
                    {l.label} ({t(`strategy.bc.kind.${l.kind}`)}
                    {l.confidence !== undefined && isBenefit(l.kind) ? `, ${l.confidence} %` : ''})
                  </Table.Th>
                  {bc.indicators.base.net.map((_, k) => (
                    <Table.Td key={k} ta="right">
                      {l.amounts[k]
                        ? formatMoney((isBenefit(l.kind) ? 1 : -1) * l.amounts[k], request.currency)
                        : '—'}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('strategy.bc.netExpected')}</Table.Th>
                {bc.indicators.base.net.map((v, k) => (
                  <Table.Td key={k} ta="right" fw={600}>
                    {formatMoney(v, request.currency)}
                  </Table.Td>
                ))}
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text size="sm" fw={600}>
            {t('strategy.bc.cumulative')}
          </Text>
          <CumulativeChart
            labels={periodLabels(bc.periodicity, bc.firstPeriod, bc.indicators.base.net.length)}
            net={bc.indicators.base.net}
            currency={request.currency}
          />
        </Stack>
      )}
      {editing && (
        <Stack>
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <div>
              <Text size="sm" fw={500} mb={4} id="bc-periodicity">
                {t('strategy.bc.periodicity')}
              </Text>
              <SegmentedControl
                aria-labelledby="bc-periodicity"
                value={periodicity}
                onChange={(v) => setPeriodicity(v as 'year' | 'month')}
                data={[
                  { value: 'year', label: t('strategy.bc.years') },
                  { value: 'month', label: t('strategy.bc.months') },
                ]}
              />
            </div>
            <TextInput
              label={t('strategy.bc.firstPeriod')}
              description={periodicity === 'year' ? 'AAAA' : 'AAAA-MM'}
              value={firstPeriod}
              onChange={(e) => setFirstPeriod(e.currentTarget.value)}
            />
            <TextInput
              label={t('strategy.bc.discountRate')}
              description={
                policyRate
                  ? t(
                      rate.trim().replace(',', '.') === policyRate
                        ? 'evm.discount.casePolicy'
                        : 'evm.discount.caseDiffers',
                      { rate: showPercent(policyRate) },
                    )
                  : t('strategy.bc.discountRateHelp')
              }
              rightSection="%"
              value={rate}
              onChange={(e) => setRate(e.currentTarget.value)}
            />
            <NumberInput
              label={t('strategy.bc.periods')}
              min={1}
              max={periodicity === 'year' ? 30 : 120}
              value={count}
              allowDecimal={false}
              onChange={(v) => typeof v === 'number' && v >= 1 && setCount(Math.min(v, 120))}
            />
          </SimpleGrid>
          <div style={{ overflowX: 'auto' }}>
            <Table withTableBorder aria-label={t('strategy.bc.flows')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('strategy.bc.kindLabel')}</Table.Th>
                  <Table.Th>{t('strategy.bc.line')}</Table.Th>
                  <Table.Th>{t('strategy.bc.confidence')}</Table.Th>
                  {labels.map((p) => (
                    <Table.Th key={p}>{p}</Table.Th>
                  ))}
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((l, i) => (
                  <Table.Tr key={i}>
                    <Table.Td miw={150}>
                      <Select
                        aria-label={t('strategy.bc.kindLabel')}
                        data={[...COST_KINDS, ...BENEFIT_KINDS].map((k) => ({
                          value: k,
                          label: t(`strategy.bc.kind.${k}`),
                        }))}
                        value={l.kind}
                        allowDeselect={false}
                        onChange={(v) =>
                          v &&
                          setLines((ls) =>
                            ls.map((x, j) => (j === i ? { ...x, kind: v as FlowKind } : x)),
                          )
                        }
                      />
                    </Table.Td>
                    <Table.Td miw={160}>
                      <TextInput
                        aria-label={t('strategy.bc.line')}
                        value={l.label}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          setLines((ls) => ls.map((x, j) => (j === i ? { ...x, label: v } : x)));
                        }}
                      />
                    </Table.Td>
                    <Table.Td miw={90}>
                      {isBenefit(l.kind) ? (
                        <NumberInput
                          aria-label={t('strategy.bc.confidence')}
                          min={0}
                          max={100}
                          suffix=" %"
                          allowDecimal={false}
                          value={l.confidence}
                          onChange={(v) =>
                            setLines((ls) =>
                              ls.map((x, j) =>
                                j === i ? { ...x, confidence: Number(v) || 0 } : x,
                              ),
                            )
                          }
                        />
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    {labels.map((p, k) => (
                      <Table.Td key={p} miw={120}>
                        <NumberInput
                          aria-label={`${l.label || t(`strategy.bc.kind.${l.kind}`)} ${p}`}
                          min={0}
                          decimalScale={2}
                          thousandSeparator=" "
                          decimalSeparator=","
                          hideControls
                          value={l.amounts[k] ?? 0}
                          onChange={(v) => setAmount(i, k, v)}
                        />
                      </Table.Td>
                    ))}
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('strategy.bc.removeLine')}
                        onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          <Group justify="space-between">
            <Button
              variant="subtle"
              leftSection={<IconPlus size={16} />}
              onClick={() =>
                setLines((ls) => [
                  ...ls,
                  {
                    kind: 'saving',
                    label: '',
                    confidence: 80,
                    amounts: Array<number>(count).fill(0),
                  },
                ])
              }
            >
              {t('strategy.bc.addLine')}
            </Button>
            <Group>
              <Button variant="default" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => void save()} loading={saving}>
                {t('common.save')}
              </Button>
            </Group>
          </Group>
          <Text size="xs" c="dimmed">
            {t('strategy.bc.amountsInEuros')}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
