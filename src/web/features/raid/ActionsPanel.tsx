import {
  ActionIcon,
  Badge,
  Checkbox,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RaidAction } from '../../../contracts/raid.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { PersonSelect } from '../org/pickers.tsx';
import { useActionsOf, useCreateAction, useUpdateAction } from './raid-api.ts';
import { TaskSelect } from './TaskSelect.tsx';

/** The due date of an action, red when overdue. */
export function DueDate({ action }: { action: RaidAction }) {
  const { t } = useTranslation();
  if (!action.dueDate)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap">
      <Text
        size="sm"
        c={action.overdue ? 'red.9' : undefined}
        fw={action.overdue ? 600 : undefined}
      >
        {formatDate(action.dueDate)}
      </Text>
      {action.overdue && (
        <Badge color="red" variant="light" size="sm">
          {t('raid.actions.overdue')}
        </Badge>
      )}
    </Group>
  );
}

/** Marks an action done (or reopens it) from a checkbox. */
export function DoneBox({ action, disabled }: { action: RaidAction; disabled?: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateAction();
  return (
    <Checkbox
      aria-label={t('raid.actions.markDone', { title: action.title })}
      checked={action.status === 'done'}
      disabled={disabled || action.status === 'cancelled' || update.isPending}
      onChange={(e) =>
        update.mutate({
          action,
          body: { status: e.currentTarget.checked ? 'done' : 'open' },
        })
      }
    />
  );
}

/** The actions of one risk, issue, decision or change request: list, tick off, add. */
export function ActionsPanel({
  sourceType,
  sourceId,
  projectId = null,
  canEdit,
}: {
  sourceType: RaidAction['source']['type'];
  sourceId: string;
  /** The source's project: its actions may then name the WBS task they serve. */
  projectId?: string | null;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const actions = useActionsOf(sourceType, sourceId);
  const create = useCreateAction();
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState<string | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const items = actions.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} size="h6">
        {t('raid.actions.title')}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('raid.actions.none')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>{t('raid.actions.done')}</Table.Th>
              <Table.Th>{t('raid.actions.action')}</Table.Th>
              <Table.Th>{t('raid.owner')}</Table.Th>
              <Table.Th>{t('raid.dueDate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <DoneBox action={a} disabled={!canEdit} />
                </Table.Td>
                <Table.Td td={a.status === 'done' ? 'line-through' : undefined}>
                  {a.title}
                  {a.task && (
                    <Text size="xs" c="dimmed">
                      {t('raid.tasks.affects', { task: a.task.name })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{a.owner?.name ?? '—'}</Table.Td>
                <Table.Td>
                  <DueDate action={a} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit && (
        <Group align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label={t('raid.actions.new')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            style={{ flex: 2, minWidth: 200 }}
          />
          <PersonSelect
            label={t('raid.owner')}
            value={ownerId}
            onChange={setOwnerId}
            style={{ flex: 1, minWidth: 180 }}
          />
          <DateField label={t('raid.dueDate')} value={dueDate} onChange={setDueDate} w={150} />
          {projectId && (
            <TaskSelect
              projectId={projectId}
              label={t('raid.tasks.label')}
              value={taskId}
              onChange={setTaskId}
              style={{ flex: 1, minWidth: 200 }}
            />
          )}
          <ActionIcon
            size="lg"
            aria-label={t('raid.actions.add')}
            disabled={!title.trim()}
            loading={create.isPending}
            onClick={() =>
              create.mutate(
                { sourceType, sourceId, title: title.trim(), ownerId, dueDate, taskId },
                {
                  onSuccess: () => {
                    setTitle('');
                    setDueDate(null);
                    setTaskId(null);
                  },
                },
              )
            }
          >
            <IconPlus size={18} aria-hidden />
          </ActionIcon>
        </Group>
      )}
      {create.error && <ErrorState error={create.error} />}
    </Stack>
  );
}
