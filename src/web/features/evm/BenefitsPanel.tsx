import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BENEFIT_KINDS, type ProjectBenefits, type Realisation } from '../../../contracts/evm.ts';
import { parseMinorUnits } from '../../../core/tabular/csv.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatMoney } from '../../format.ts';
import { formatMonth, minorToInput } from '../finance/finance-format.ts';
import { BenefitsChart } from './BenefitsChart.tsx';
import { formatShare } from './ForecastPanel.tsx';
import { showPercent } from './DiscountRatesPanel.tsx';
import { type BenefitBody, useBenefitMutations, useProjectBenefits } from './evm-api.ts';

export const periodLabel = (p: string) => (p.length === 7 ? formatMonth(p) : p);

/** The project's "Bénéfices" tab: the business case's planned benefits against those realised after closure. */
export function BenefitsPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const data = useProjectBenefits(projectId);
  const m = useBenefitMutations(projectId);
  const [editing, setEditing] = useState<Realisation | 'new' | null>(null);
  if (data.isPending) return <TableSkeleton rows={6} />;
  if (data.isError) return <ErrorState error={data.error} onRetry={() => void data.refetch()} />;
  const b = data.data;
  const bc = b.businessCase;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {t('evm.benefits.title')}
          </Title>
          {bc ? (
            <Text size="sm" c="dimmed">
              {t('evm.benefits.caseLine', {
                reference: bc.reference,
                periodicity: t(`evm.benefits.periodicity.${bc.periodicity}`),
                rate: showPercent(bc.discountRate),
              })}{' '}
              <Anchor
                component={Link}
                to={`/strategy/intake/${bc.requestId}`}
                size="sm"
                underline="always"
              >
                {t('evm.benefits.openCase')}
              </Anchor>
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('evm.benefits.noCase')}
            </Text>
          )}
        </Stack>
        {b.can.record && (
          <Button
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            {t('evm.benefits.record')}
          </Button>
        )}
      </Group>
      {b.projectStatus !== 'closed' && (
        <Alert color="blue" variant="light">
          {t('evm.benefits.afterClosure')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {(
          [
            ['planned', formatMoney(b.totals.planned)],
            ['plannedToDate', formatMoney(b.totals.plannedToDate)],
            ['realised', formatMoney(b.totals.realised)],
            ['rate', formatShare(b.realisationRate)],
          ] as const
        ).map(([k, v]) => (
          <Paper key={k} withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t(`evm.benefits.figures.${k}`)}
            </Text>
            <Text size="lg" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {v}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {b.rows.length === 0 ? (
        <EmptyState title={t('evm.benefits.emptyTitle')} message={t('evm.benefits.empty')} />
      ) : (
        <BenefitsChart rows={b.rows} periodLabel={periodLabel} />
      )}
      {b.realisations.length > 0 && (
        <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Caption>{t('evm.benefits.recorded')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('evm.benefits.period')}</Table.Th>
              <Table.Th scope="col">{t('evm.benefits.kind')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('evm.benefits.amount')}
              </Table.Th>
              <Table.Th scope="col">{t('evm.benefits.comment')}</Table.Th>
              <Table.Th scope="col">{t('evm.benefits.by')}</Table.Th>
              {b.can.record && (
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('evm.rates.actions')}</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {b.realisations.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Th scope="row">{periodLabel(r.period)}</Table.Th>
                <Table.Td>{t(`evm.benefits.kinds.${r.kind}`)}</Table.Td>
                <Table.Td ta="right">{formatMoney(r.amount)}</Table.Td>
                <Table.Td>{r.comment}</Table.Td>
                <Table.Td>{r.recordedBy?.name ?? '—'}</Table.Td>
                {b.can.record && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('evm.benefits.edit', { period: periodLabel(r.period) })}
                        onClick={() => setEditing(r)}
                      >
                        <IconPencil size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('evm.benefits.delete', { period: periodLabel(r.period) })}
                        onClick={() => {
                          if (
                            window.confirm(
                              t('evm.benefits.confirmDelete', { period: periodLabel(r.period) }),
                            )
                          )
                            m.remove.mutate(r);
                        }}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing === 'new' ? 'evm.benefits.record' : 'evm.benefits.editTitle')}
      >
        {editing !== null && (
          <BenefitForm
            benefits={b}
            item={editing === 'new' ? null : editing}
            saving={m.record.isPending || m.update.isPending}
            onCancel={() => setEditing(null)}
            onSave={(body) => {
              const done = { onSuccess: () => setEditing(null) };
              if (editing === 'new') m.record.mutate(body, done);
              else m.update.mutate({ item: editing, body }, done);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function BenefitForm({
  benefits,
  item,
  saving,
  onSave,
  onCancel,
}: {
  benefits: ProjectBenefits;
  item: Realisation | null;
  saving: boolean;
  onSave: (body: BenefitBody) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const monthly = benefits.businessCase?.periodicity === 'month';
  const periods = benefits.rows.map((r) => r.period);
  const [period, setPeriod] = useState(
    item?.period ?? periods.find((p) => p.length === (monthly ? 7 : 4)) ?? '',
  );
  const [kind, setKind] = useState<BenefitBody['kind']>(item?.kind ?? 'saving');
  const [amount, setAmount] = useState(item ? minorToInput(item.amount) : '');
  const [comment, setComment] = useState(item?.comment ?? '');
  const minor = parseMinorUnits(amount);
  const periodOk = monthly
    ? /^\d{4}-(0[1-9]|1[0-2])$/.test(period)
    : /^\d{4}(-(0[1-9]|1[0-2]))?$/.test(period);
  const ok = periodOk && minor !== null && minor >= 0;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        onSave({ period, kind, amount: minor!, comment });
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('evm.benefits.period')}
          description={t(monthly ? 'evm.benefits.periodMonth' : 'evm.benefits.periodYear')}
          required
          value={period}
          error={period !== '' && !periodOk ? t('evm.benefits.badPeriod') : undefined}
          onChange={(e) => setPeriod(e.currentTarget.value.trim())}
        />
        <Select
          label={t('evm.benefits.kind')}
          required
          allowDeselect={false}
          value={kind}
          onChange={(v) => v && setKind(v as BenefitBody['kind'])}
          data={BENEFIT_KINDS.map((k) => ({ value: k, label: t(`evm.benefits.kinds.${k}`) }))}
        />
        <TextInput
          label={t('evm.benefits.amount')}
          required
          inputMode="decimal"
          rightSection="€"
          value={amount}
          error={
            amount !== '' && (minor === null || minor < 0) ? t('evm.forecast.badAmount') : undefined
          }
          onChange={(e) => setAmount(e.currentTarget.value)}
        />
        <TextInput
          label={t('evm.benefits.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <FormActions onCancel={onCancel}>
          <Button type="submit" disabled={!ok} loading={saving}>
            {t('common.save')}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
