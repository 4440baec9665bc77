import { ActionIcon, Alert, Button, Group, Paper, Select, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROJECT_ROLES, type ProjectRole } from '../../../core/platform/permissions.ts';
import { Member, type Project } from '../../../contracts/portfolio.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { PersonSelect } from '../org/pickers.tsx';
import { projectKeys, useMembers } from './project-api.ts';

function AddMemberForm({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [personId, setPersonId] = useState<string | null>(null);
  const [role, setRole] = useState<ProjectRole>('contributor');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    if (!personId) {
      setError(t('members.pickPerson'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/projects/${projectId}/members`, Member, { personId, role });
      setPersonId(null);
      await client.invalidateQueries({ queryKey: projectKeys.members(projectId) });
      await client.invalidateQueries({ queryKey: projectKeys.history(projectId) });
      notifications.show({ color: 'teal', message: t('members.added') });
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder radius="md" p="md" mb="md">
      <Title order={2} size="h5" mb="sm">
        {t('members.add')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <Group align="flex-end" gap="sm">
          <PersonSelect
            label={t('members.person')}
            value={personId}
            onChange={setPersonId}
            w={320}
          />
          <Select
            label={t('members.role')}
            value={role}
            allowDeselect={false}
            onChange={(v) => setRole((v ?? 'contributor') as ProjectRole)}
            data={PROJECT_ROLES.map((r) => ({ value: r, label: t(`members.roles.${r}`) }))}
            w={220}
          />
          <Button type="submit" loading={busy} leftSection={<IconUserPlus size={16} aria-hidden />}>
            {t('members.addButton')}
          </Button>
        </Group>
        {error && (
          <Alert color="red" variant="light" mt="sm" role="alert">
            {error}
          </Alert>
        )}
      </form>
    </Paper>
  );
}

export function MembersTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const members = useMembers(project.id);
  const canManage = project.can.manageMembers && !project.archived;
  const remove = async (member: Member) => {
    try {
      await api.delete(`/projects/${project.id}/members/${member.id}`);
      await client.invalidateQueries({ queryKey: projectKeys.members(project.id) });
      await client.invalidateQueries({ queryKey: projectKeys.history(project.id) });
      notifications.show({
        color: 'teal',
        message: t('members.removed', { name: member.person.name }),
      });
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
    }
  };
  return (
    <>
      {canManage && <AddMemberForm projectId={project.id} />}
      {members.isPending ? (
        <TableSkeleton rows={4} />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.items.length === 0 ? (
        <EmptyState
          title={t('members.emptyTitle')}
          message={canManage ? t('members.emptyCreate') : t('members.emptyReadOnly')}
        />
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.person')}</Table.Th>
                <Table.Th>{t('members.role')}</Table.Th>
                <Table.Th>{t('people.fields.jobTitle')}</Table.Th>
                <Table.Th>{t('people.fields.email')}</Table.Th>
                <Table.Th>{t('members.since')}</Table.Th>
                {canManage && (
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td fw={500}>{m.person.name}</Table.Td>
                  <Table.Td>{t(`members.roles.${m.role}`)}</Table.Td>
                  <Table.Td>{m.jobTitle ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{m.email ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>{formatDate(m.createdAt.slice(0, 10))}</Table.Td>
                  {canManage && (
                    <Table.Td ta="right">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('members.remove', { name: m.person.name })}
                        onClick={() => void remove(m)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
