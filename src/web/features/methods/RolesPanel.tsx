import {
  ActionIcon,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { CatalogueFormModal } from './CatalogueFormModal.tsx';
import { useTranslation } from 'react-i18next';
import { RoleDescription } from '../../../contracts/methods.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { useCan } from '../auth/auth-api.ts';
import { useRoleDescriptions } from './methods-api.ts';

/** "Gouvernance › Rôles": the company-wide role descriptions, linked to the RACI columns by label. */
export function RolesPanel() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const list = useRoleDescriptions();
  const [editing, setEditing] = useState<RoleDescription | 'new' | null>(null);
  const manage = can('governance.manage');
  const remove = async (r: RoleDescription) => {
    if (!window.confirm(t('methods.roles.deleteConfirm', { name: r.name }))) return;
    try {
      await api.delete(`/role-descriptions/${r.id}`, r.version);
      await client.invalidateQueries({ queryKey: ['role-descriptions'] });
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
    }
  };
  if (list.isPending) return <TableSkeleton />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={760}>
          {t('methods.roles.help')}
        </Text>
        {manage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('methods.roles.create')}
          </Button>
        )}
      </Group>
      {list.data.items.length === 0 ? (
        <EmptyState
          title={t('methods.roles.empty')}
          message={manage ? t('methods.roles.emptyHelp') : undefined}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
          {list.data.items.map((r) => (
            <Paper key={r.id} withBorder radius="md" p="md" component="article" aria-label={r.name}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Title order={3} size="h5">
                  {r.name}
                </Title>
                {manage && (
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('methods.roles.edit', { name: r.name })}
                      onClick={() => setEditing(r)}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('methods.roles.delete', { name: r.name })}
                      onClick={() => void remove(r)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
              {r.mission && (
                <Text size="sm" mt={4}>
                  {r.mission}
                </Text>
              )}
              {r.responsibilities.length > 0 && (
                <List size="sm" mt="xs" spacing={2}>
                  {r.responsibilities.map((x) => (
                    <List.Item key={x}>{x}</List.Item>
                  ))}
                </List>
              )}
              {r.raciLabels.length > 0 && (
                <Group gap={4} mt="xs">
                  <Text size="xs" c="dimmed">
                    {t('methods.roles.raciLabels')} :
                  </Text>
                  {r.raciLabels.map((l) => (
                    <Badge key={l} size="sm" variant="outline">
                      {l}
                    </Badge>
                  ))}
                </Group>
              )}
            </Paper>
          ))}
        </SimpleGrid>
      )}
      {editing && (
        <RoleForm role={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function RoleForm({ role, onClose }: { role: RoleDescription | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(role?.name ?? '');
  const [mission, setMission] = useState(role?.mission ?? '');
  const [responsibilities, setResponsibilities] = useState(
    (role?.responsibilities ?? []).join('\n'),
  );
  const [raciLabels, setRaciLabels] = useState<string[]>(role?.raciLabels ?? []);
  const save = async () => {
    const body = {
      name,
      mission,
      responsibilities: responsibilities
        .split('\n')
        .map((l) => l.replace(/^[-•*]\s*/, '').trim())
        .filter(Boolean),
      raciLabels,
    };
    if (role) await api.patch(`/role-descriptions/${role.id}`, RoleDescription, body, role.version);
    else await api.post('/role-descriptions', RoleDescription, body);
    await client.invalidateQueries({ queryKey: ['role-descriptions'] });
    onClose();
  };
  return (
    <CatalogueFormModal
      onClose={onClose}
      onSave={save}
      title={role ? t('methods.roles.editTitle', { name: role.name }) : t('methods.roles.create')}
    >
      <TextInput
        label={t('methods.roles.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        required
      />
      <Textarea
        label={t('methods.roles.mission')}
        value={mission}
        onChange={(e) => setMission(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Textarea
        label={t('methods.roles.responsibilities')}
        description={t('methods.roles.responsibilitiesHelp')}
        value={responsibilities}
        onChange={(e) => setResponsibilities(e.currentTarget.value)}
        autosize
        minRows={4}
      />
      <TagsInput
        label={t('methods.roles.raciLabels')}
        description={t('methods.roles.raciLabelsHelp')}
        value={raciLabels}
        onChange={setRaciLabels}
      />
    </CatalogueFormModal>
  );
}
