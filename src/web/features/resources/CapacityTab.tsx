import {
  Box,
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AllocationList, type HeatMap, type WhatIfResult } from '../../../contracts/resources.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { HeatMapTable } from './HeatMapTable.tsx';
import {
  type HeatMapQuery,
  resourcesApi,
  useBreakdown,
  useHeatMap,
  useResourceMutation,
  whatIf,
} from './resources-api.ts';
import { HeatMapExport } from '../capacity/HeatMapExport.tsx';

/** Monday of the current week, `YYYY-MM-DD`. */
function thisMonday(): string {
  const now = new Date();
  const day = (now.getUTCDay() + 6) % 7;
  const monday = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day),
  );
  return monday.toISOString().slice(0, 10);
}

function overCells(map: HeatMap): number {
  let n = 0;
  for (const r of map.rows) for (const c of r.cells) if (c.overPeople > 0) n++;
  return n;
}

/** Capacity vs demand: the heat map, its drill-down and the what-if simulation. */
export function CapacityTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<HeatMapQuery>({
    from: thisMonday(),
    unit: 'week',
    buckets: 12,
    groupBy: 'team',
    includeSoft: true,
    overOnly: false,
  });
  const heat = useHeatMap(query);
  const [open, setOpen] = useState<{ key: string; label: string; bucket: number } | null>(null);
  const [simulation, setSimulation] = useState<WhatIfResult | null>(null);
  const set = (patch: Partial<HeatMapQuery>) => {
    setSimulation(null);
    setQuery((q) => ({ ...q, ...patch }));
  };
  const label = (key: string, text: string) =>
    key === '∅' ? t('resources.heat.unassigned') : text;

  return (
    <Stack>
      <Paper withBorder p="sm" radius="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <DateField
            label={t('resources.heat.from')}
            value={query.from}
            onChange={(v) => v && set({ from: String(v).slice(0, 10) })}
            clearable={false}
            w={150}
          />
          <div>
            <Text size="sm" fw={500} mb={4} id="heat-unit">
              {t('resources.heat.unit')}
            </Text>
            <SegmentedControl
              aria-labelledby="heat-unit"
              value={query.unit}
              onChange={(v) =>
                set({ unit: v as 'week' | 'month', buckets: v === 'month' ? 12 : 12 })
              }
              data={[
                { value: 'week', label: t('resources.heat.weeks') },
                { value: 'month', label: t('resources.heat.months') },
              ]}
            />
          </div>
          <NumberInput
            label={t('resources.heat.buckets')}
            value={query.buckets}
            min={1}
            max={query.unit === 'week' ? 104 : 36}
            onChange={(v) => typeof v === 'number' && v >= 1 && set({ buckets: v })}
            w={110}
          />
          <div>
            <Text size="sm" fw={500} mb={4} id="heat-group">
              {t('resources.heat.groupBy')}
            </Text>
            <SegmentedControl
              aria-labelledby="heat-group"
              value={query.groupBy}
              onChange={(v) => set({ groupBy: v as HeatMapQuery['groupBy'] })}
              data={(['team', 'role', 'orgUnit', 'person'] as const).map((g) => ({
                value: g,
                label: t(`resources.groupBy.${g}`),
              }))}
            />
          </div>
          <Stack gap={6}>
            <Switch
              label={t('resources.heat.includeSoft')}
              checked={query.includeSoft}
              onChange={(e) => set({ includeSoft: e.currentTarget.checked })}
            />
            <Switch
              label={t('resources.heat.overOnly')}
              checked={query.overOnly}
              onChange={(e) => set({ overOnly: e.currentTarget.checked })}
            />
          </Stack>
          <HeatMapExport query={query} />
        </Group>
      </Paper>
      <Legend />
      {heat.isPending ? (
        <TableSkeleton />
      ) : heat.isError ? (
        <ErrorState error={heat.error} onRetry={() => void heat.refetch()} />
      ) : heat.data.rows.length === 0 ? (
        <EmptyState
          title={t('resources.heat.emptyTitle')}
          message={t(query.overOnly ? 'resources.heat.emptyOver' : 'resources.heat.emptyMessage')}
        />
      ) : (
        <>
          <HeatMapTable
            map={heat.data}
            groupLabel={label}
            onOpen={(row, bucket) => setOpen({ ...row, bucket })}
          />
          {heat.data.totalRows > heat.data.rows.length && (
            <Text size="sm" c="dimmed">
              {t('resources.heat.truncated', {
                shown: heat.data.rows.length,
                total: heat.data.totalRows,
              })}
            </Text>
          )}
          <WhatIfPanel query={query} result={simulation} onResult={setSimulation} />
          {simulation && (
            <Stack gap="xs">
              <Title order={3} size="h5">
                {t('resources.whatIf.after')}
              </Title>
              <HeatMapTable
                map={simulation.after}
                groupLabel={label}
                compareTo={simulation.before}
              />
            </Stack>
          )}
        </>
      )}
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="xl"
        title={
          open && heat.data
            ? t('resources.drill.title', {
                group: label(open.key, open.label),
                from: formatDate(heat.data.buckets[open.bucket]?.start),
                to: formatDate(heat.data.buckets[open.bucket]?.finish),
              })
            : ''
        }
      >
        {open && heat.data && (
          <DrillDown
            groupBy={query.groupBy}
            groupKey={open.key}
            from={heat.data.buckets[open.bucket]!.start}
            to={heat.data.buckets[open.bucket]!.finish}
            includeSoft={query.includeSoft}
            canManage={canManage}
          />
        )}
      </Drawer>
    </Stack>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap="md" aria-label={t('resources.heat.legend')}>
      {(['low', 'ok', 'full', 'someover', 'over'] as const).map((b) => (
        <span key={b} className="heatmap-legend">
          <span className={`heatmap-swatch heatmap-${b}`} aria-hidden />
          <Text size="xs">{t(`resources.heat.band.${b}`)}</Text>
        </span>
      ))}
    </Group>
  );
}

/** The projects that make the load of one cell, with the allocations to confirm. */
function DrillDown(props: {
  groupBy: string;
  groupKey: string;
  from: string;
  to: string;
  includeSoft: boolean;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const q = useBreakdown({
    groupBy: props.groupBy,
    key: props.groupKey,
    from: props.from,
    to: props.to,
    includeSoft: props.includeSoft,
  });
  const confirm = useResourceMutation(resourcesApi.confirmAllocation);
  if (q.isPending) return <TableSkeleton rows={4} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const over = q.data.people.filter((p) => p.over);
  return (
    <Stack>
      {over.length > 0 ? (
        <Alert
          color="red"
          variant="light"
          title={t('resources.drill.overTitle', { count: over.length })}
        >
          {over
            .map(
              (p) => `${p.person.name} (${formatNumber(p.load)} / ${formatNumber(p.capacity)} h)`,
            )
            .join(' · ')}
        </Alert>
      ) : (
        <Alert color="green" variant="light">
          {t('resources.drill.noOver')}
        </Alert>
      )}
      {q.data.items.length === 0 ? (
        <Text c="dimmed">{t('resources.drill.empty')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('resources.drill.person')}</Table.Th>
              <Table.Th>{t('resources.drill.project')}</Table.Th>
              <Table.Th ta="right">{t('resources.drill.allocated')}</Table.Th>
              <Table.Th ta="right">{t('resources.drill.assigned')}</Table.Th>
              <Table.Th>{t('resources.drill.allocations')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((item) => (
              <Table.Tr key={`${item.person.id}-${item.project.id}`}>
                <Table.Td>{item.person.name}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {item.project.code}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {item.project.name}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(item.allocated)} h</Table.Td>
                <Table.Td ta="right">{formatNumber(item.assigned)} h</Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    {item.allocations.map((a) => (
                      <Group key={a.id} gap={6} wrap="nowrap">
                        <Badge color={a.status === 'hard' ? 'blue' : 'gray'} variant="light">
                          {t(`resources.allocation.status.${a.status}`)}
                        </Badge>
                        <Text size="xs">
                          {a.unit === 'percent'
                            ? `${formatNumber(a.amount)} %`
                            : t('resources.allocation.perWeek', { hours: formatNumber(a.amount) })}
                        </Text>
                        {a.status === 'soft' && props.canManage && (
                          <Button
                            size="compact-xs"
                            loading={confirm.isPending && confirm.variables?.id === a.id}
                            onClick={() =>
                              confirm.mutate(
                                { id: a.id, version: a.version },
                                {
                                  onSuccess: () =>
                                    notifications.show({
                                      color: 'green',
                                      message: t('resources.allocation.confirmed', {
                                        person: a.person.name,
                                        project: a.project.code,
                                      }),
                                    }),
                                  onError: (e) =>
                                    notifications.show({
                                      color: 'red',
                                      message: errorMessage(t, e),
                                    }),
                                },
                              )
                            }
                            aria-label={t('resources.allocation.confirmLabel', {
                              person: a.person.name,
                              project: a.project.code,
                            })}
                          >
                            {t('resources.allocation.confirm')}
                          </Button>
                        )}
                      </Group>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Shift a project's dates and see the heat map after, before anything is saved. */
function WhatIfPanel({
  query,
  result,
  onResult,
}: {
  query: HeatMapQuery;
  result: WhatIfResult | null;
  onResult: (r: WhatIfResult | null) => void;
}) {
  const { t } = useTranslation();
  const [projectId, setProjectId] = useState<string | null>(null);
  const [weeks, setWeeks] = useState<number>(4);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const projects = useProjectsForWhatIf();
  const summary = useMemo(
    () => (result ? { before: overCells(result.before), after: overCells(result.after) } : null),
    [result],
  );
  const run = async () => {
    if (!projectId) return;
    setBusy(true);
    setError(null);
    try {
      onResult(await whatIf(query, [{ projectId, days: weeks * 7 }]));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={3} size="h5" mb="xs">
        {t('resources.whatIf.title')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('resources.whatIf.project')}
          data={projects}
          value={projectId}
          onChange={setProjectId}
          searchable
          w={320}
          nothingFoundMessage={t('resources.whatIf.noProject')}
        />
        <NumberInput
          label={t('resources.whatIf.weeks')}
          value={weeks}
          onChange={(v) => typeof v === 'number' && setWeeks(v)}
          min={-52}
          max={52}
          w={140}
        />
        <Button onClick={() => void run()} loading={busy} disabled={!projectId}>
          {t('resources.whatIf.run')}
        </Button>
        {result && (
          <Button variant="default" onClick={() => onResult(null)}>
            {t('resources.whatIf.clear')}
          </Button>
        )}
      </Group>
      {error !== null && (
        <Box mt="xs">
          <ErrorState error={error} />
        </Box>
      )}
      {summary && (
        <Text size="sm" mt="xs" role="status">
          {t('resources.whatIf.summary', { before: summary.before, after: summary.after })}
        </Text>
      )}
    </Paper>
  );
}

/** Projects that have allocations: the candidates for a shift. */
function useProjectsForWhatIf() {
  const q = useQuery({
    queryKey: ['resources', 'allocations', 'projects'],
    queryFn: () => api.get('/allocations', AllocationList),
  });
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const a of q.data?.items ?? [])
      seen.set(a.project.id, `${a.project.code} — ${a.project.name}`);
    return [...seen]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [q.data]);
}
