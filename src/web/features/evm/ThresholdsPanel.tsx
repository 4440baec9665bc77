import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thresholds, ThresholdsBody } from '../../../contracts/evm.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { currentLocale } from '../../i18n.ts';
import { formatIndex } from '../finance/finance-format.ts';
import { addMonths } from '../../../core/finance/months.ts';
import { formatMonth } from '../finance/finance-format.ts';
import { useRunSnapshots, useThresholdMutations, useThresholds } from './evm-api.ts';

const KEYS = ['spi', 'cpi', 'vac'] as const;

/** VAC bands are fractions of BAC; people read and type them as percentages. */
const pct = (v: number) =>
  `${new Intl.NumberFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }).format(v * 100)} %`;
const show = (key: (typeof KEYS)[number], v: number) => (key === 'vac' ? pct(v) : formatIndex(v));

function Bands({ value }: { value: ThresholdsBody }) {
  const { t } = useTranslation();
  return (
    <Text size="sm">
      {KEYS.map((k) =>
        t('evm.thresholds.bandLine', {
          name: t(`evm.thresholds.names.${k}`),
          watch: show(k, value[k].watch),
          alert: show(k, value[k].alert),
        }),
      ).join(' · ')}
    </Text>
  );
}

/** Company EVM thresholds and per-portfolio overrides (finance / PMO edit them). */
export function ThresholdsPanel() {
  const { t } = useTranslation();
  const data = useThresholds();
  const m = useThresholdMutations();
  const [editing, setEditing] = useState<{
    portfolioId: string | null;
    title: string;
    current: Thresholds;
    version: number;
  } | null>(null);
  if (data.isPending) return <TableSkeleton rows={4} />;
  if (data.isError) return <ErrorState error={data.error} onRetry={() => void data.refetch()} />;
  const d = data.data;
  return (
    <Stack gap="md" maw={1100}>
      <Text size="sm" c="dimmed">
        {t('evm.thresholds.help')}
      </Text>
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="xs">
              <Title order={3} size="h5">
                {t('evm.thresholds.company')}
              </Title>
              <Badge variant="light" color={d.company.source === 'default' ? 'gray' : 'blue'}>
                {t(`evm.thresholds.source.${d.company.source}`)}
              </Badge>
            </Group>
            <Bands value={d.company} />
          </Stack>
          {d.can.manage && (
            <Button
              variant="light"
              onClick={() =>
                setEditing({
                  portfolioId: null,
                  title: t('evm.thresholds.company'),
                  current: d.company,
                  version: d.company.version,
                })
              }
            >
              {t('evm.thresholds.edit')}
            </Button>
          )}
        </Group>
      </Paper>
      <Title order={3} size="h5">
        {t('evm.thresholds.portfolios')}
      </Title>
      {d.portfolios.length === 0 ? (
        <EmptyState
          title={t('evm.thresholds.noPortfolioTitle')}
          message={t('evm.thresholds.noPortfolio')}
        />
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('evm.thresholds.portfolio')}</Table.Th>
              <Table.Th scope="col">{t('evm.thresholds.inForce')}</Table.Th>
              {d.can.manage && (
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('evm.rates.actions')}</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.portfolios.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Th scope="row" fw={500}>
                  {p.code} — {p.name}
                </Table.Th>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Badge variant="light" color={p.override ? 'blue' : 'gray'}>
                      {t(
                        p.override ? 'evm.thresholds.source.portfolio' : 'evm.thresholds.inherits',
                      )}
                    </Badge>
                    <Bands value={p.override ?? d.company} />
                  </Group>
                </Table.Td>
                {d.can.manage && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`${t(p.override ? 'evm.thresholds.edit' : 'evm.thresholds.override')} : ${p.code} — ${p.name}`}
                        onClick={() =>
                          setEditing({
                            portfolioId: p.id,
                            title: `${p.code} — ${p.name}`,
                            current: p.override ?? d.company,
                            version: p.override?.version ?? 0,
                          })
                        }
                      >
                        {t(p.override ? 'evm.thresholds.edit' : 'evm.thresholds.override')}
                      </Button>
                      {p.override && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`${t('evm.thresholds.reset')} : ${p.code} — ${p.name}`}
                          loading={m.remove.isPending}
                          onClick={() =>
                            m.remove.mutate({ portfolioId: p.id, version: p.override!.version })
                          }
                        >
                          {t('evm.thresholds.reset')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {d.can.manage && <SnapshotsBox />}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('evm.thresholds.editTitle', { name: editing.title }) : ''}
        size="lg"
      >
        {editing && (
          <ThresholdForm
            initial={editing.current}
            saving={m.save.isPending}
            onCancel={() => setEditing(null)}
            onSave={(body) =>
              m.save.mutate(
                { portfolioId: editing.portfolioId, version: editing.version, body },
                { onSuccess: () => setEditing(null) },
              )
            }
          />
        )}
      </Modal>
    </Stack>
  );
}

function ThresholdForm({
  initial,
  saving,
  onSave,
  onCancel,
}: {
  initial: ThresholdsBody;
  saving: boolean;
  onSave: (body: ThresholdsBody) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  // VAC is edited in percent; indices as they are.
  const toForm = (k: (typeof KEYS)[number], v: number) =>
    k === 'vac' ? Math.round(v * 10000) / 100 : v;
  const [values, setValues] = useState(
    () =>
      Object.fromEntries(
        KEYS.map((k) => [
          k,
          { watch: toForm(k, initial[k].watch), alert: toForm(k, initial[k].alert) },
        ]),
      ) as Record<(typeof KEYS)[number], { watch: number; alert: number }>,
  );
  const errors = Object.fromEntries(
    KEYS.map((k) => [
      k,
      values[k].alert > values[k].watch ? t('evm.thresholds.alertAboveWatch') : undefined,
    ]),
  ) as Record<(typeof KEYS)[number], string | undefined>;
  const body: ThresholdsBody = {
    spi: values.spi,
    cpi: values.cpi,
    vac: { watch: values.vac.watch / 100, alert: values.vac.alert / 100 },
  };
  const set = (k: (typeof KEYS)[number], which: 'watch' | 'alert', v: number | string) =>
    setValues((s) => ({ ...s, [k]: { ...s[k], [which]: typeof v === 'number' ? v : Number(v) } }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (KEYS.some((k) => errors[k])) return;
        onSave(body);
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('evm.thresholds.formHelp')}
        </Text>
        {KEYS.map((k) => (
          <SimpleGrid key={k} cols={2}>
            <NumberInput
              label={t('evm.thresholds.watchOf', { name: t(`evm.thresholds.names.${k}`) })}
              decimalSeparator={currentLocale() === 'fr' ? ',' : '.'}
              decimalScale={k === 'vac' ? 2 : 4}
              step={k === 'vac' ? 1 : 0.01}
              suffix={k === 'vac' ? ' %' : undefined}
              min={k === 'vac' ? -100 : 0.01}
              max={k === 'vac' ? 100 : 10}
              value={values[k].watch}
              onChange={(v) => set(k, 'watch', v)}
            />
            <NumberInput
              label={t('evm.thresholds.alertOf', { name: t(`evm.thresholds.names.${k}`) })}
              decimalSeparator={currentLocale() === 'fr' ? ',' : '.'}
              decimalScale={k === 'vac' ? 2 : 4}
              step={k === 'vac' ? 1 : 0.01}
              suffix={k === 'vac' ? ' %' : undefined}
              min={k === 'vac' ? -100 : 0.01}
              max={k === 'vac' ? 100 : 10}
              value={values[k].alert}
              error={errors[k]}
              onChange={(v) => set(k, 'alert', v)}
            />
          </SimpleGrid>
        ))}
        <FormActions onCancel={onCancel}>
          <Button type="submit" loading={saving}>
            {t('common.save')}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}

/** Records the month-end EV snapshots on demand (the job does it on the 1st of each month). */
function SnapshotsBox() {
  const { t } = useTranslation();
  const run = useRunSnapshots();
  const thisMonth = new Date().toISOString().slice(0, 7);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, -i - 1));
  const [month, setMonth] = useState(months[0]!);
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('evm.snapshots.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('evm.snapshots.help')}
        </Text>
        <Group align="flex-end">
          <Select
            label={t('evm.snapshots.month')}
            w={200}
            allowDeselect={false}
            value={month}
            onChange={(v) => v && setMonth(v)}
            data={months.map((m) => ({ value: m, label: formatMonth(m) }))}
          />
          <Button variant="light" loading={run.isPending} onClick={() => run.mutate(month)}>
            {t('evm.snapshots.run')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
