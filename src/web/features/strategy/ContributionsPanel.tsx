import { Badge, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contribution, Objective } from '../../../contracts/strategy.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { errorMessage } from '../../components/errors.ts';
import { formatNumber } from '../../format.ts';
import { percent } from './ObjectivesPanel.tsx';
import {
  changeContribution,
  declareContribution,
  useContributions,
  useInvalidateStrategy,
  useObjectives,
  withdrawContribution,
} from './strategy-api.ts';

const LEVELS = ['0', '1', '2', '3'] as const;

/**
 * How much a project (or a candidate) contributes to each objective, on a 0–3 scale: one row
 * per objective, grouped by axis; editable by whoever may (project.update / the PMO).
 */
export function ContributionsPanel({
  kind,
  id,
  canEdit,
}: {
  kind: 'project' | 'request';
  id: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const tree = useObjectives();
  const list = useContributions(kind, id);
  const invalidate = useInvalidateStrategy();
  const [busy, setBusy] = useState<string | null>(null);
  if (tree.isPending || list.isPending) return <TableSkeleton rows={4} />;
  if (tree.isError) return <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const byObjective = new Map(list.data.items.map((c) => [c.objectiveId, c]));
  const objectives = tree.data.items;
  if (!objectives.some((o) => o.kind === 'objective'))
    return (
      <EmptyState
        title={t('strategy.contributions.emptyTitle')}
        message={t('strategy.contributions.emptyMessage')}
      />
    );
  const score = list.data.items.reduce((s, c) => {
    const o = objectives.find((x) => x.id === c.objectiveId);
    return s + ((o?.globalWeight ?? 0) * c.level) / 3;
  }, 0);

  const set = async (o: Objective, current: Contribution | undefined, value: string) => {
    const level = Number(value);
    setBusy(o.id);
    try {
      if (!current) {
        if (level > 0)
          await declareContribution({
            objectiveId: o.id,
            ...(kind === 'project' ? { projectId: id } : { requestId: id }),
            level,
          });
      } else if (level === 0) await withdrawContribution(current.id, current.version);
      else await changeContribution(current.id, { level }, current.version);
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    } finally {
      await invalidate();
      setBusy(null);
    }
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Stack gap={0}>
          <Title order={2} size="h4">
            {t('strategy.contributions.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('strategy.contributions.help')}
          </Text>
        </Stack>
        <Badge size="lg" variant="light" color={score > 0 ? 'indigo' : 'red'}>
          {t('strategy.contributions.score', {
            value: formatNumber(Math.round(score * 1000) / 10),
          })}
        </Badge>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('strategy.objectives.title')}</Table.Th>
              <Table.Th ta="right">{t('strategy.objectives.share')}</Table.Th>
              <Table.Th>{t('strategy.contributions.level')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {objectives.map((o) => {
              if (o.kind === 'axis')
                return (
                  <Table.Tr key={o.id} bg="var(--mantine-color-default-hover)">
                    <Table.Td colSpan={3}>
                      <Text fw={700} size="sm">
                        {o.code} — {o.title}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              const c = byObjective.get(o.id);
              const value = String(c?.level ?? 0);
              return (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    <Text size="sm" id={`contrib-${o.id}`}>
                      {o.code} {o.title}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{percent(o.globalWeight)}</Table.Td>
                  <Table.Td>
                    {canEdit ? (
                      <SegmentedControl
                        size="xs"
                        value={value}
                        disabled={busy !== null}
                        aria-labelledby={`contrib-${o.id}`}
                        onChange={(v) => void set(o, c, v)}
                        data={LEVELS.map((l) => ({
                          value: l,
                          label: t(`strategy.contributions.levels.${l}`),
                        }))}
                      />
                    ) : (
                      <Text size="sm">{t(`strategy.contributions.levels.${value}`)}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
