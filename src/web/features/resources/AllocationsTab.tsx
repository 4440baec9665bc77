import {
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProjectList } from '../../../contracts/portfolio.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import {
  resourcesApi,
  useAllocations,
  useResourceMutation,
  useResources,
} from './resources-api.ts';

/** Allocations of people to projects: propose, confirm, remove. */
export function AllocationsTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'all' | 'soft' | 'hard'>('all');
  const list = useAllocations(status === 'all' ? {} : { status });
  const confirm = useResourceMutation(resourcesApi.confirmAllocation);
  const remove = useResourceMutation(resourcesApi.deleteAllocation);
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) });
  return (
    <Stack>
      {canManage && <CreateAllocation />}
      <SegmentedControl
        aria-label={t('resources.allocation.filter')}
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        data={[
          { value: 'all', label: t('resources.allocation.all') },
          { value: 'soft', label: t('resources.allocation.status.soft') },
          { value: 'hard', label: t('resources.allocation.status.hard') },
        ]}
        w="fit-content"
      />
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={t('resources.allocation.emptyTitle')}
          message={t('resources.allocation.emptyMessage')}
        />
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('resources.drill.person')}</Table.Th>
              <Table.Th>{t('resources.drill.project')}</Table.Th>
              <Table.Th>{t('resources.absences.period')}</Table.Th>
              <Table.Th ta="right">{t('resources.allocation.amount')}</Table.Th>
              <Table.Th>{t('resources.absences.status')}</Table.Th>
              {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.person.name}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {a.project.code} — {a.project.name}
                  </Text>
                  {a.note && (
                    <Text size="xs" c="dimmed">
                      {a.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {formatDate(a.start)} – {formatDate(a.finish)}
                </Table.Td>
                <Table.Td ta="right">
                  {a.unit === 'percent'
                    ? `${formatNumber(a.amount)} %`
                    : t('resources.allocation.perWeek', { hours: formatNumber(a.amount) })}
                </Table.Td>
                <Table.Td>
                  <Badge color={a.status === 'hard' ? 'blue' : 'gray'} variant="light">
                    {t(`resources.allocation.status.${a.status}`)}
                  </Badge>
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <Group gap={6}>
                      {a.status === 'soft' && (
                        <Button
                          size="compact-xs"
                          onClick={() =>
                            confirm.mutate({ id: a.id, version: a.version }, { onError })
                          }
                        >
                          {t('resources.allocation.confirm')}
                        </Button>
                      )}
                      <Button
                        size="compact-xs"
                        variant="default"
                        onClick={() => remove.mutate({ id: a.id, version: a.version }, { onError })}
                        aria-label={t('resources.allocation.removeLabel', {
                          person: a.person.name,
                          project: a.project.code,
                        })}
                      >
                        {t('resources.allocation.remove')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function CreateAllocation() {
  const { t } = useTranslation();
  const people = useResources({ q: '', teamId: null, roleId: null });
  const projects = useQuery({
    queryKey: ['resources', 'project-choices'],
    queryFn: () => api.get('/projects', ProjectList, { query: { limit: 200, sort: 'code' } }),
  });
  const [personId, setPersonId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const [finish, setFinish] = useState<string | null>(null);
  const [unit, setUnit] = useState<'hours' | 'percent'>('percent');
  const [amount, setAmount] = useState<number>(50);
  const create = useResourceMutation(resourcesApi.createAllocation);
  const ready = personId && projectId && start && finish && amount > 0;
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={3} size="h5" mb="xs">
        {t('resources.allocation.new')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('resources.drill.person')}
          data={(people.data?.items ?? []).map((p) => ({ value: p.personId, label: p.name }))}
          value={personId}
          onChange={setPersonId}
          searchable
          w={220}
        />
        <Select
          label={t('resources.drill.project')}
          data={(projects.data?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.code} — ${p.name}`,
          }))}
          value={projectId}
          onChange={setProjectId}
          searchable
          w={280}
        />
        <DateField
          label={t('resources.absences.start')}
          value={start}
          onChange={(v) => setStart(v ? String(v).slice(0, 10) : null)}
          w={140}
        />
        <DateField
          label={t('resources.absences.finish')}
          value={finish}
          onChange={(v) => setFinish(v ? String(v).slice(0, 10) : null)}
          w={140}
        />
        <SegmentedControl
          aria-label={t('resources.allocation.unit')}
          value={unit}
          onChange={(v) => setUnit(v as typeof unit)}
          data={[
            { value: 'percent', label: '%' },
            { value: 'hours', label: t('resources.allocation.hoursWeek') },
          ]}
        />
        <NumberInput
          label={t('resources.allocation.amount')}
          value={amount}
          onChange={(v) => typeof v === 'number' && setAmount(v)}
          min={0}
          max={unit === 'percent' ? 200 : 100}
          decimalSeparator=","
          w={110}
        />
        <Button
          disabled={!ready}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              {
                personId: personId!,
                projectId: projectId!,
                start: start!,
                finish: finish!,
                unit,
                amount,
                status: 'soft',
              },
              {
                onSuccess: () =>
                  notifications.show({
                    color: 'green',
                    message: t('resources.allocation.proposed'),
                  }),
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
              },
            )
          }
        >
          {t('resources.allocation.propose')}
        </Button>
      </Group>
    </Paper>
  );
}
