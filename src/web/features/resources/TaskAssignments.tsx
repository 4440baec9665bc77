import { Button, Group, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanTask } from '../../../contracts/planning.ts';
import { errorMessage } from '../../components/errors.ts';
import { formatNumber } from '../../format.ts';
import { usePeople } from '../org/org-api.ts';
import { resourcesApi, useResourceMutation, useTaskAssignments } from './resources-api.ts';

/** The "Affectations" section of the Gantt's task dialog: who works on the task, for how long. */
export function TaskAssignments({
  projectId,
  task,
  canEdit,
}: {
  projectId: string;
  task: PlanTask;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const list = useTaskAssignments(projectId, task.id);
  const [search, setSearch] = useState('');
  const people = usePeople({ q: search, orgUnitId: null }, 30);
  const [personId, setPersonId] = useState<string | null>(null);
  const [effort, setEffort] = useState<number>(task.duration * 7);
  const add = useResourceMutation(resourcesApi.createAssignment);
  const remove = useResourceMutation(resourcesApi.deleteAssignment);
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) });
  if (task.kind === 'summary') return null;
  const options = (people.data?.pages ?? [])
    .flatMap((p) => p.items)
    .map((p) => ({ value: p.id, label: p.name }));
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('resources.assignments.title')}
      </Text>
      {(list.data?.items.length ?? 0) === 0 ? (
        <Text size="sm" c="dimmed">
          {t('resources.assignments.empty')}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {list.data!.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.person.name}</Table.Td>
                <Table.Td ta="right">{formatNumber(a.effortHours)} h</Table.Td>
                {canEdit && (
                  <Table.Td w={40}>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('resources.assignments.remove', { person: a.person.name })}
                      onClick={() =>
                        remove.mutate({ projectId, id: a.id, version: a.version }, { onError })
                      }
                    >
                      ×
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit && (
        <Group gap="xs" align="flex-end">
          <Select
            label={t('resources.assignments.person')}
            data={options}
            value={personId}
            onChange={setPersonId}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: o }) => o}
            w={240}
          />
          <NumberInput
            label={t('resources.assignments.effort')}
            value={effort}
            onChange={(v) => typeof v === 'number' && setEffort(v)}
            min={0}
            decimalSeparator=","
            w={110}
          />
          <Button
            disabled={!personId}
            loading={add.isPending}
            onClick={() =>
              add.mutate(
                { projectId, taskId: task.id, personId: personId!, effortHours: effort },
                { onSuccess: () => setPersonId(null), onError },
              )
            }
          >
            {t('resources.assignments.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
