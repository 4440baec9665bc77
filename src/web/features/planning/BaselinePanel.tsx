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
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import {
  useBaselineComparison,
  useBaselines,
  useCreateBaseline,
  useDeleteBaseline,
} from './planning-api.ts';

/** "Baseline COPIL 03/2027": the default name of a new baseline, from today's month. */
export function defaultBaselineName(prefix: string, now = new Date()): string {
  return `${prefix} ${String(now.getMonth() + 1).padStart(2, '0')}/${now.getFullYear()}`;
}

/** A variance in working days, coloured: red when later, green when earlier. */
export function Variance({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value === null)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  if (value === 0)
    return (
      <Text span c="dimmed">
        0
      </Text>
    );
  return (
    <Text
      span
      fw={600}
      c={value > 0 ? 'red.8' : 'teal.8'}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {value > 0 ? '+' : '−'}
      {t('planning.days', { n: Math.abs(value) })}
    </Text>
  );
}

/** Save, list and compare baselines (références) of a project. */
export function BaselinePanel({
  projectId,
  canCreate,
  selectedId,
  onSelect,
}: {
  projectId: string;
  canCreate: boolean;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const baselines = useBaselines(projectId);
  const create = useCreateBaseline(projectId);
  const remove = useDeleteBaseline(projectId);
  const [name, setName] = useState(() =>
    defaultBaselineName(t('planning.baselines.defaultPrefix')),
  );
  const comparison = useBaselineComparison(projectId, selectedId);

  return (
    <Stack>
      {canCreate && (
        <Paper withBorder p="md" radius="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!name.trim()) return;
              create.mutate(name.trim(), {
                onSuccess: (b) => {
                  notifications.show({
                    color: 'teal',
                    message: t('planning.baselines.saved', { name: b.name }),
                  });
                  onSelect(b.id);
                },
                onError: (error) =>
                  notifications.show({ color: 'red', message: errorMessage(t, error) }),
              });
            }}
          >
            <Group align="flex-end">
              <TextInput
                label={t('planning.baselines.name')}
                description={t('planning.baselines.nameHelp')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                maxLength={200}
                required
                w={340}
              />
              <Button type="submit" loading={create.isPending}>
                {t('planning.baselines.save')}
              </Button>
            </Group>
          </form>
        </Paper>
      )}
      {baselines.isPending ? (
        <TableSkeleton rows={3} />
      ) : baselines.isError ? (
        <ErrorState error={baselines.error} onRetry={() => void baselines.refetch()} />
      ) : baselines.data.items.length === 0 ? (
        <EmptyState
          title={t('planning.baselines.emptyTitle')}
          message={t('planning.baselines.emptyMessage')}
        />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('planning.baselines.name')}</Table.Th>
                <Table.Th>{t('planning.baselines.createdAt')}</Table.Th>
                <Table.Th>{t('planning.baselines.createdBy')}</Table.Th>
                <Table.Th>{t('planning.baselines.finish')}</Table.Th>
                <Table.Th ta="right">{t('planning.baselines.tasks')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {baselines.data.items.map((b) => (
                <Table.Tr
                  key={b.id}
                  bg={b.id === selectedId ? 'var(--mantine-primary-color-light)' : undefined}
                >
                  <Table.Td fw={600}>{b.name}</Table.Td>
                  <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                  <Table.Td>{b.createdBy?.name ?? '—'}</Table.Td>
                  <Table.Td>{formatDate(b.projectFinish)}</Table.Td>
                  <Table.Td ta="right">{b.taskCount}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant={b.id === selectedId ? 'filled' : 'default'}
                        aria-pressed={b.id === selectedId}
                        onClick={() => onSelect(b.id === selectedId ? null : b.id)}
                      >
                        {t('planning.baselines.compare')}
                      </Button>
                      {canCreate && (
                        <Tooltip label={t('planning.baselines.delete')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('planning.baselines.deleteNamed', { name: b.name })}
                            onClick={() => {
                              if (b.id === selectedId) onSelect(null);
                              remove.mutate(b.id);
                            }}
                          >
                            <IconTrash size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {selectedId && (
        <Stack gap="xs">
          {comparison.isPending ? (
            <TableSkeleton />
          ) : comparison.isError ? (
            <ErrorState error={comparison.error} />
          ) : (
            <>
              <Group justify="space-between">
                <Title order={3} size="h5">
                  {t('planning.baselines.comparisonTitle', { name: comparison.data.baseline.name })}
                </Title>
                <Group gap="xs">
                  <Text size="sm">{t('planning.baselines.finishVariance')}</Text>
                  <Variance value={comparison.data.projectFinishVariance} />
                </Group>
              </Group>
              <Table.ScrollContainer minWidth={900}>
                <Table striped fz="sm" verticalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('planning.columns.wbs')}</Table.Th>
                      <Table.Th>{t('planning.columns.name')}</Table.Th>
                      <Table.Th>{t('planning.baselines.baselineStart')}</Table.Th>
                      <Table.Th>{t('planning.columns.start')}</Table.Th>
                      <Table.Th ta="right">{t('planning.baselines.startVariance')}</Table.Th>
                      <Table.Th>{t('planning.baselines.baselineFinish')}</Table.Th>
                      <Table.Th>{t('planning.columns.finish')}</Table.Th>
                      <Table.Th ta="right">{t('planning.baselines.finishVarianceShort')}</Table.Th>
                      <Table.Th ta="right">{t('planning.baselines.durationVariance')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {comparison.data.rows.map((r) => (
                      <Table.Tr key={r.taskId} fw={r.kind === 'summary' ? 650 : undefined}>
                        <Table.Td c="dimmed">{r.wbs}</Table.Td>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            {r.kind === 'milestone' && <span aria-hidden>◆</span>}
                            <span>{r.name}</span>
                            {r.kind === 'milestone' && (
                              <span className="visually-hidden">
                                {t('planning.kind.milestone')}
                              </span>
                            )}
                            {r.added && (
                              <Badge size="xs" variant="light">
                                {t('planning.baselines.added')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>{formatDate(r.baselineStart)}</Table.Td>
                        <Table.Td>{formatDate(r.start)}</Table.Td>
                        <Table.Td ta="right">
                          <Variance value={r.startVariance} />
                        </Table.Td>
                        <Table.Td>{formatDate(r.baselineFinish)}</Table.Td>
                        <Table.Td>{formatDate(r.finish)}</Table.Td>
                        <Table.Td ta="right">
                          <Variance value={r.finishVariance} />
                        </Table.Td>
                        <Table.Td ta="right">
                          <Variance value={r.durationVariance} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
