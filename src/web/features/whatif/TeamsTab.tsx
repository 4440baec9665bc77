import {
  ActionIcon,
  Badge,
  Button,
  Drawer,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResourceTeam } from '../../../contracts/resources.ts';
import { TeamDetail, TeamMember } from '../../../contracts/whatif.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { resourceKeys, useResources, useTeams } from '../resources/resources-api.ts';

const teamKey = (id: string) => ['resources', 'team', id] as const;

/** Teams and pools: create, rename, set the manager, members with their dates. */
export function TeamsTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const items = teams.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm" maw={720}>
          {t('whatif.teams.intro')}
        </Text>
        {canManage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen('new')}>
            {t('whatif.teams.new')}
          </Button>
        )}
      </Group>
      {teams.data && items.length === 0 ? (
        <EmptyState title={t('whatif.teams.emptyTitle')} message={t('whatif.teams.empty')} />
      ) : (
        <Table striped withTableBorder highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('whatif.teams.code')}</Table.Th>
              <Table.Th>{t('whatif.teams.name')}</Table.Th>
              <Table.Th>{t('whatif.teams.lead')}</Table.Th>
              <Table.Th ta="right">{t('whatif.teams.headcount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((team) => (
              <Table.Tr key={team.id}>
                <Table.Td>{team.code}</Table.Td>
                <Table.Td>
                  <UnstyledButton
                    onClick={() => setOpen(team.id)}
                    c="blue.8"
                    td="underline"
                    aria-label={t('whatif.teams.open', { name: team.name })}
                  >
                    {team.name}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td>{team.lead?.name ?? '—'}</Table.Td>
                <Table.Td ta="right">{team.headcount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="lg"
        title={open === 'new' ? t('whatif.teams.new') : t('whatif.teams.title')}
      >
        {open === 'new' && <TeamForm canManage={canManage} onSaved={(team) => setOpen(team.id)} />}
        {open !== null && open !== 'new' && <TeamPanel id={open} canManage={canManage} />}
      </Drawer>
    </Stack>
  );
}

function usePersonOptions() {
  const people = useResources({ q: '', teamId: null, roleId: null });
  return (people.data?.items ?? []).map((p) => ({ value: p.personId, label: p.name }));
}

function TeamForm({
  team,
  canManage,
  onSaved,
}: {
  team?: TeamDetail;
  canManage: boolean;
  onSaved?: (team: ResourceTeam) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const options = usePersonOptions();
  const [code, setCode] = useState(team?.code ?? '');
  const [name, setName] = useState(team?.name ?? '');
  const [leadId, setLeadId] = useState<string | null>(team?.lead?.id ?? null);
  useEffect(() => {
    setCode(team?.code ?? '');
    setName(team?.name ?? '');
    setLeadId(team?.lead?.id ?? null);
  }, [team]);
  const save = useMutation({
    mutationFn: () =>
      team
        ? api.patch(
            `/resource-teams/${team.id}`,
            ResourceTeam,
            { code, name, leadId },
            team.version,
          )
        : api.post('/resource-teams', ResourceTeam, { code, name, leadId }),
    onSuccess: (saved) => {
      notifications.show({ color: 'green', message: t('whatif.teams.saved') });
      void qc.invalidateQueries({ queryKey: resourceKeys.teams });
      void qc.invalidateQueries({ queryKey: teamKey(saved.id) });
      onSaved?.(saved);
    },
    onError: (e) => {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
      if (team) void qc.invalidateQueries({ queryKey: teamKey(team.id) });
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput
            label={t('whatif.teams.code')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            required
            maxLength={20}
            readOnly={!canManage}
          />
          <TextInput
            label={t('whatif.teams.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={100}
            readOnly={!canManage}
          />
        </Group>
        <Select
          label={t('whatif.teams.lead')}
          data={options}
          value={leadId}
          onChange={setLeadId}
          searchable
          clearable
          readOnly={!canManage}
        />
        {canManage && (
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!code.trim() || !name.trim()}>
              {team ? t('whatif.teams.save') : t('whatif.teams.create')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

function TeamPanel({ id, canManage }: { id: string; canManage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const options = usePersonOptions();
  const team = useQuery({
    queryKey: teamKey(id),
    queryFn: () => api.get(`/resource-teams/${id}`, TeamDetail),
  });
  const [personId, setPersonId] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(new Date().toISOString().slice(0, 10));
  const [finish, setFinish] = useState<string | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: teamKey(id) });
    void qc.invalidateQueries({ queryKey: resourceKeys.all });
  };
  const fail = (e: unknown) => {
    notifications.show({ color: 'red', message: errorMessage(t, e) });
    refresh();
  };
  const add = useMutation({
    mutationFn: () =>
      api.post(`/resource-teams/${id}/members`, TeamMember, { personId, start, finish }),
    onSuccess: () => {
      setPersonId(null);
      setFinish(null);
      refresh();
    },
    onError: fail,
  });
  const update = useMutation({
    mutationFn: (x: { m: TeamMember; finish: string | null }) =>
      api.patch(
        `/resource-teams/${id}/members/${x.m.id}`,
        TeamMember,
        { finish: x.finish },
        x.m.version,
      ),
    onSuccess: refresh,
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (m: TeamMember) => api.delete(`/resource-teams/${id}/members/${m.id}`, m.version),
    onSuccess: refresh,
    onError: fail,
  });
  if (!team.data) return null;
  return (
    <Stack gap="lg">
      <TeamForm team={team.data} canManage={canManage} />
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('whatif.teams.members')}
        </Title>
        {team.data.members.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('whatif.teams.noMembers')}
          </Text>
        ) : (
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('whatif.teams.person')}</Table.Th>
                <Table.Th>{t('whatif.teams.start')}</Table.Th>
                <Table.Th>{t('whatif.teams.finish')}</Table.Th>
                {canManage && <Table.Th w={40} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {team.data.members.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    {m.person.name}{' '}
                    {m.current && (
                      <Badge size="sm" variant="light" color="green">
                        {t('whatif.teams.current')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDate(m.start)}</Table.Td>
                  <Table.Td>
                    {canManage ? (
                      <DateField
                        aria-label={t('whatif.teams.finishOf', { name: m.person.name })}
                        value={m.finish}
                        onChange={(v) => update.mutate({ m, finish: v })}
                        placeholder={t('whatif.teams.openEnded')}
                        size="xs"
                        w={140}
                      />
                    ) : (
                      formatDate(m.finish) || t('whatif.teams.openEnded')
                    )}
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('whatif.teams.remove', { name: m.person.name })}
                        onClick={() => remove.mutate(m)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {canManage && (
        <Paper withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t('whatif.teams.add')}
            </Text>
            <Select
              label={t('whatif.teams.person')}
              data={options}
              value={personId}
              onChange={setPersonId}
              searchable
            />
            <Group grow>
              <DateField
                label={t('whatif.teams.start')}
                value={start}
                onChange={setStart}
                required
              />
              <DateField
                label={t('whatif.teams.finish')}
                value={finish}
                onChange={setFinish}
                placeholder={t('whatif.teams.openEnded')}
              />
            </Group>
            <Group>
              <Button
                leftSection={<IconCheck size={16} />}
                disabled={!personId || !start}
                loading={add.isPending}
                onClick={() => add.mutate()}
              >
                {t('whatif.teams.addAction')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
