import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Progress,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Objective, ObjectiveTarget } from '../../../contracts/strategy.ts';
import { targetProgress } from '../../../core/strategy/objectives.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { errorMessage } from '../../components/errors.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { ObjectiveModal } from './ObjectiveModal.tsx';
import { deleteObjective, useInvalidateStrategy, useObjectives } from './strategy-api.ts';

export const percent = (share: number) => `${formatNumber(Math.round(share * 1000) / 10)} %`;

function TargetLine({ x }: { x: ObjectiveTarget }) {
  const { t } = useTranslation();
  const progress = targetProgress(x.baseline, x.target, x.current);
  const unit = x.unit ? ` ${x.unit}` : '';
  return (
    <Stack gap={2}>
      <Text size="xs">
        {t('strategy.objectives.targetLine', {
          indicator: x.indicator,
          baseline: `${formatNumber(x.baseline)}${unit}`,
          target: `${formatNumber(x.target)}${unit}`,
          date: formatDate(x.dueDate),
        })}
      </Text>
      {progress !== null && (
        <Group gap={6} wrap="nowrap">
          <Progress
            value={Math.max(0, Math.min(100, progress * 100))}
            size="sm"
            w={90}
            aria-label={t('strategy.objectives.progressOf', { indicator: x.indicator })}
          />
          <Text size="xs" c="dimmed">
            {t('strategy.objectives.currentValue', {
              value: `${formatNumber(x.current!)}${unit}`,
              pct: percent(progress),
            })}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

type Dialog = {
  kind: Objective['kind'];
  objective: Objective | null;
  parentId?: string | null;
} | null;

/** The strategy tree as a table: axes, then their objectives, with weights and targets. */
export function ObjectivesPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const tree = useObjectives();
  const invalidate = useInvalidateStrategy();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [deleting, setDeleting] = useState<Objective | null>(null);
  const [busy, setBusy] = useState(false);
  if (tree.isPending) return <TableSkeleton />;
  if (tree.isError) return <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />;
  const items = tree.data.items;
  const axes = items.filter((o) => o.kind === 'axis');

  const remove = async (o: Objective) => {
    setBusy(true);
    try {
      await deleteObjective(o.id, o.version);
      setDeleting(null);
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    } finally {
      setBusy(false);
      await invalidate();
    }
  };

  return (
    <Stack>
      {canManage && (
        <Group justify="flex-end">
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setDialog({ kind: 'axis', objective: null })}
          >
            {t('strategy.objectives.new.axis')}
          </Button>
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={axes.length === 0}
            onClick={() => setDialog({ kind: 'objective', objective: null })}
          >
            {t('strategy.objectives.new.objective')}
          </Button>
        </Group>
      )}
      {items.length === 0 ? (
        <EmptyState
          title={t('strategy.objectives.emptyTitle')}
          message={t('strategy.objectives.emptyMessage')}
          {...(canManage
            ? {
                action: (
                  <Button onClick={() => setDialog({ kind: 'axis', objective: null })}>
                    {t('strategy.objectives.new.axis')}
                  </Button>
                ),
              }
            : {})}
        />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" striped={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('strategy.objectives.code')}</Table.Th>
                <Table.Th>{t('strategy.objectives.title')}</Table.Th>
                <Table.Th ta="right">{t('strategy.objectives.weight')}</Table.Th>
                <Table.Th ta="right">{t('strategy.objectives.share')}</Table.Th>
                <Table.Th>{t('strategy.objectives.owner')}</Table.Th>
                <Table.Th>{t('strategy.objectives.horizon')}</Table.Th>
                <Table.Th>{t('strategy.objectives.targets')}</Table.Th>
                {canManage && <Table.Th w={110}>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => {
                const isAxis = o.kind === 'axis';
                return (
                  <Table.Tr
                    key={o.id}
                    bg={isAxis ? 'var(--mantine-color-default-hover)' : undefined}
                  >
                    <Table.Td>
                      <Text size="sm" ff="monospace" pl={isAxis ? 0 : 'md'}>
                        {o.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={isAxis ? 700 : 500} pl={isAxis ? 0 : 'md'}>
                        {o.title}
                      </Text>
                      {o.description && (
                        <Text size="xs" c="dimmed" pl={isAxis ? 0 : 'md'} lineClamp={2}>
                          {o.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{o.weight}</Table.Td>
                    <Table.Td ta="right">
                      <Badge variant={isAxis ? 'filled' : 'light'} color="indigo">
                        {percent(o.globalWeight)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{o.owner?.name ?? '—'}</Table.Td>
                    <Table.Td>{o.horizon ?? '—'}</Table.Td>
                    <Table.Td>
                      <Stack gap={6}>
                        {o.targets.map((x, i) => (
                          <TargetLine key={i} x={x} />
                        ))}
                      </Stack>
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          {isAxis && (
                            <Tooltip label={t('strategy.objectives.new.objective')}>
                              <ActionIcon
                                variant="subtle"
                                aria-label={t('strategy.objectives.addUnder', { code: o.code })}
                                onClick={() =>
                                  setDialog({ kind: 'objective', objective: null, parentId: o.id })
                                }
                              >
                                <IconPlus size={16} aria-hidden />
                              </ActionIcon>
                            </Tooltip>
                          )}
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('strategy.objectives.editOne', { code: o.code })}
                            onClick={() => setDialog({ kind: o.kind, objective: o })}
                          >
                            <IconPencil size={16} aria-hidden />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('strategy.objectives.deleteOne', { code: o.code })}
                            onClick={() => setDeleting(o)}
                          >
                            <IconTrash size={16} aria-hidden />
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {deleting && (
        <Modal
          opened
          onClose={() => setDeleting(null)}
          title={t('strategy.objectives.deleteTitle', { code: deleting.code })}
        >
          <Text size="sm">{t(`strategy.objectives.deleteBody.${deleting.kind}`)}</Text>
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={busy} onClick={() => void remove(deleting)}>
              {t('common.delete')}
            </Button>
          </Group>
        </Modal>
      )}
      {dialog && (
        <ObjectiveModal
          kind={dialog.kind}
          objective={dialog.objective}
          axes={axes}
          defaultParentId={dialog.parentId ?? null}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}
