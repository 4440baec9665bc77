import {
  Badge,
  Button,
  Code,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Kpi } from '../../../contracts/reporting.ts';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { currentLocale } from '../../i18n.ts';
import { useCan } from '../auth/auth-api.ts';
import { ExportMenu } from './copil/ExportMenu.tsx';
import { useKpiMutations, useKpis } from './reporting-api.ts';
import { RAG_COLOR, RAG_TEXT } from './Weather.tsx';

/** "Indicateurs": the KPI library, the latest value of each KPI per scope, and the metric registry. */
export function KpisPage() {
  const { t } = useTranslation();
  const can = useCan();
  const kpis = useKpis();
  const m = useKpiMutations();
  const [creating, setCreating] = useState(false);
  const fr = currentLocale() === 'fr';

  return (
    <>
      <PageHeader
        title={t('reporting.kpi.title')}
        breadcrumbs={[
          { label: t('reporting.status.title'), to: '/reporting' },
          { label: t('reporting.kpi.title') },
        ]}
        actions={
          <Group gap="xs">
            <ExportMenu path="/kpis/export" />
            {can('kpi.manage') && (
              <Button
                variant="default"
                leftSection={<IconRefresh size={16} />}
                loading={m.compute.isPending}
                onClick={() =>
                  m.compute.mutate(undefined, {
                    onSuccess: (r) =>
                      notifications.show({
                        color: 'teal',
                        message: t('reporting.kpi.computed', { count: r.values }),
                      }),
                    onError: (e) =>
                      notifications.show({ color: 'red', message: errorMessage(t, e) }),
                  })
                }
              >
                {t('reporting.kpi.computeNow')}
              </Button>
            )}
            {can('kpi.manage') && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                {t('reporting.kpi.new')}
              </Button>
            )}
          </Group>
        }
      />
      {kpis.isPending ? (
        <TableSkeleton rows={8} />
      ) : kpis.isError ? (
        <ErrorState error={kpis.error} onRetry={() => void kpis.refetch()} />
      ) : (
        <Stack gap="md">
          {kpis.data.items
            .filter((k) => !k.archived)
            .map((k) => (
              <KpiCard key={k.id} kpi={k} fr={fr} />
            ))}
          <Paper withBorder p="md">
            <Text fw={600} mb="xs">
              {t('reporting.kpi.metrics')}
            </Text>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reporting.kpi.metricCode')}</Table.Th>
                  <Table.Th>{t('reporting.kpi.source')}</Table.Th>
                  <Table.Th>{t('reporting.kpi.description')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {kpis.data.metrics.map((x) => (
                  <Table.Tr key={x.code}>
                    <Table.Td>
                      <Code>{x.code}</Code>
                    </Table.Td>
                    <Table.Td>{x.source}</Table.Td>
                    <Table.Td>{fr ? x.description.fr : x.description.en}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Stack>
      )}
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('reporting.kpi.new')}
        size="lg"
      >
        <KpiForm onDone={() => setCreating(false)} />
      </Modal>
    </>
  );
}

function KpiCard({ kpi, fr }: { kpi: Kpi; fr: boolean }) {
  const { t } = useTranslation();
  const fmt = (v: number | null) =>
    v === null
      ? '—'
      : `${formatNumber(Math.round(v * 100) / 100)}${kpi.unit ? ` ${kpi.unit}` : ''}`;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Text fw={700}>{fr ? kpi.nameFr : kpi.nameEn}</Text>
            <Badge variant="outline" size="sm">
              {kpi.code}
            </Badge>
            <Badge variant="light" size="sm">
              {t(`reporting.kpi.level.${kpi.level}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {kpi.description}
          </Text>
          <Text size="sm" mt={4}>
            <Code>{kpi.formula}</Code> · {t(`reporting.kpi.direction.${kpi.direction}`)} ·{' '}
            {t('reporting.kpi.thresholds', { green: fmt(kpi.green), amber: fmt(kpi.amber) })}
          </Text>
        </div>
        <Text size="xs" c="dimmed">
          {kpi.lastComputedAt
            ? t('reporting.kpi.freshness', { at: formatDateTime(kpi.lastComputedAt) })
            : t('reporting.kpi.never')}
        </Text>
      </Group>
      {kpi.latest.length > 0 && (
        <Table mt="sm" maw={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reporting.kpi.scope')}</Table.Th>
              <Table.Th>{t('reporting.kpi.value')}</Table.Th>
              <Table.Th>{t('reporting.kpi.status')}</Table.Th>
              <Table.Th>{t('reporting.trendLabel')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {kpi.latest.slice(0, 12).map((v) => (
              <Table.Tr key={v.scopeId}>
                <Table.Td>{v.scopeName}</Table.Td>
                <Table.Td>{fmt(v.value)}</Table.Td>
                <Table.Td>
                  {v.status ? (
                    <Badge
                      color={RAG_COLOR[v.status]}
                      variant="light"
                      styles={{ root: { color: RAG_TEXT[v.status] } }}
                    >
                      {t(`reporting.rag.${v.status}`)}
                    </Badge>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>{v.trend ? t(`reporting.trend.${v.trend}`) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function KpiForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const m = useKpiMutations();
  const [v, setV] = useState({
    code: '',
    nameFr: '',
    nameEn: '',
    description: '',
    formula: '',
    unit: '',
    direction: 'up' as 'up' | 'down',
    green: 1 as number | string,
    amber: 0.9 as number | string,
    level: 'project' as 'project' | 'program' | 'portfolio',
  });
  const [formulaError, setFormulaError] = useState<string | null>(null);
  const save = () =>
    m.create.mutate(
      { ...v, green: Number(v.green), amber: Number(v.amber), target: null },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('reporting.saved') });
          onDone();
        },
        onError: (e) => {
          if (isApiError(e, 'KPI_FORMULA_INVALID')) {
            const d = e.details as { position: number; reason: string; token: string };
            setFormulaError(
              // A syntax error at the end of the formula has no token: « formule incomplète ».
              t(
                `reporting.kpi.formulaError.${d.reason === 'syntax' && !d.token ? 'end' : d.reason}`,
                {
                  position: d.position + 1,
                  token: d.token,
                },
              ),
            );
          } else notifications.show({ color: 'red', message: errorMessage(t, e) });
        },
      },
    );
  return (
    <Stack>
      <SimpleGrid cols={2}>
        <TextInput
          label={t('reporting.kpi.code')}
          required
          value={v.code}
          onChange={(e) => setV({ ...v, code: e.currentTarget.value.toUpperCase() })}
        />
        <TextInput
          label={t('reporting.kpi.unit')}
          value={v.unit}
          onChange={(e) => setV({ ...v, unit: e.currentTarget.value })}
        />
        <TextInput
          label={t('reporting.kpi.nameFr')}
          required
          value={v.nameFr}
          onChange={(e) => setV({ ...v, nameFr: e.currentTarget.value })}
        />
        <TextInput
          label={t('reporting.kpi.nameEn')}
          required
          value={v.nameEn}
          onChange={(e) => setV({ ...v, nameEn: e.currentTarget.value })}
        />
      </SimpleGrid>
      <Textarea
        label={t('reporting.kpi.description')}
        value={v.description}
        onChange={(e) => setV({ ...v, description: e.currentTarget.value })}
      />
      <TextInput
        label={t('reporting.kpi.formula')}
        description={t('reporting.kpi.formulaHelp')}
        required
        value={v.formula}
        error={formulaError}
        onChange={(e) => {
          setV({ ...v, formula: e.currentTarget.value });
          setFormulaError(null);
        }}
        styles={{ input: { fontFamily: 'monospace' } }}
      />
      <SimpleGrid cols={2}>
        <Select
          label={t('reporting.kpi.directionLabel')}
          value={v.direction}
          allowDeselect={false}
          data={(['up', 'down'] as const).map((d) => ({
            value: d,
            label: t(`reporting.kpi.direction.${d}`),
          }))}
          onChange={(x) => x && setV({ ...v, direction: x as 'up' })}
        />
        <Select
          label={t('reporting.kpi.levelLabel')}
          value={v.level}
          allowDeselect={false}
          data={(['project', 'program', 'portfolio'] as const).map((d) => ({
            value: d,
            label: t(`reporting.kpi.level.${d}`),
          }))}
          onChange={(x) => x && setV({ ...v, level: x as 'project' })}
        />
        <NumberInput
          label={t('reporting.kpi.green')}
          decimalSeparator=","
          value={v.green}
          onChange={(x) => setV({ ...v, green: x })}
        />
        <NumberInput
          label={t('reporting.kpi.amber')}
          decimalSeparator=","
          value={v.amber}
          onChange={(x) => setV({ ...v, amber: x })}
        />
      </SimpleGrid>
      <Group justify="flex-end">
        <Button onClick={save} loading={m.create.isPending}>
          {t('reporting.kpi.create')}
        </Button>
      </Group>
    </Stack>
  );
}
