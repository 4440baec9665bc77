import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GLOBAL_ROLES, type GlobalRole } from '../../../core/platform/permissions.ts';
import { CreateUserBody, UpdateUserBody, User } from '../../../contracts/users.ts';
import { api } from '../../api/client.ts';
import { ConflictAlert, useEditSession } from '../../components/conflict.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { applyApiError, validateWith } from '../../components/forms.ts';
import { EditCell, EditColumnHeader, PagedTable } from '../../components/PagedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { useCan, useCurrentUser } from '../auth/auth-api.ts';
import { PersonSelect } from '../org/pickers.tsx';
import { adminKeys, useUsers } from './admin-api.ts';

function useRoleOptions() {
  const { t } = useTranslation();
  return GLOBAL_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
}

interface CreateValues {
  name: string;
  email: string;
  role: GlobalRole;
  password: string;
  personId: string | null;
}

function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roles = useRoleOptions();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<CreateValues>({
    initialValues: { name: '', email: '', role: 'member', password: '', personId: null },
    validate: validateWith(CreateUserBody, (v: CreateValues) => v, t),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await api.post('/users', User, values);
      await client.invalidateQueries({ queryKey: adminKeys.users });
      notifications.show({ color: 'teal', message: t('users.created', { email: values.email }) });
      onClose();
    } catch (e) {
      setError(applyApiError(form, e, t, ['name', 'email', 'role', 'password', 'personId']));
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('users.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label={t('users.fields.name')} required {...form.getInputProps('name')} />
          <TextInput
            label={t('users.fields.email')}
            type="email"
            required
            autoComplete="off"
            {...form.getInputProps('email')}
          />
          <Select
            label={t('users.fields.role')}
            data={roles}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
          <PasswordInput
            label={t('users.fields.password')}
            description={t('auth.passwordRule')}
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <PersonSelect label={t('users.fields.personId')} {...form.getInputProps('personId')} />
          <FormActions onCancel={onClose}>
            <Button type="submit" loading={form.submitting}>
              {t('common.create')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}

interface EditValues {
  name: string;
  role: GlobalRole;
  disabled: boolean;
  personId: string | null;
}
const editValues = (u: User): EditValues => ({
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  personId: u.personId,
});
const editBody = (v: EditValues) => ({ ...v, name: v.name.trim() });

function EditUserModal({
  user,
  isSelf,
  onClose,
}: {
  user: User;
  isSelf: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roles = useRoleOptions();
  const [error, setError] = useState<string | null>(null);
  const session = useEditSession({
    record: user,
    schema: User,
    toValues: editValues,
    toBody: editBody,
  });
  const form = useForm<EditValues>({
    initialValues: editValues(user),
    validate: validateWith(UpdateUserBody, editBody, t),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const patch = session.patchOf(values);
    if (Object.keys(patch).length === 0) return onClose();
    try {
      await api.patch(`/users/${user.id}`, User, patch, session.version);
      await client.invalidateQueries({ queryKey: adminKeys.users });
      notifications.show({ color: 'teal', message: t('common.saved') });
      onClose();
    } catch (e) {
      if (session.catchConflict(e)) return;
      setError(applyApiError(form, e, t, ['name', 'role', 'disabled', 'personId']));
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('users.editTitle', { email: user.email })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ConflictAlert session={session} form={form} fieldLabel={(f) => t(`users.fields.${f}`)} />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label={t('users.fields.name')} required {...form.getInputProps('name')} />
          <Select
            label={t('users.fields.role')}
            data={roles}
            allowDeselect={false}
            disabled={isSelf}
            description={isSelf ? t('users.selfRole') : undefined}
            {...form.getInputProps('role')}
          />
          <PersonSelect label={t('users.fields.personId')} {...form.getInputProps('personId')} />
          <Switch
            label={t('users.fields.disabled')}
            description={t('users.disabledHelp')}
            disabled={isSelf}
            {...form.getInputProps('disabled', { type: 'checkbox' })}
          />
          <FormActions onCancel={onClose}>
            <Button type="submit" loading={form.submitting} disabled={!!session.conflict}>
              {t('common.save')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}

/** Accounts: who may sign in, with which global role. */
export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const roles = useRoleOptions();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [role, setRole] = useState<GlobalRole | null>(null);
  const [dialog, setDialog] = useState<User | 'new' | null>(null);
  const users = useUsers({ q: debouncedQ, role });
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];
  const canManage = can('user.manage');
  return (
    <>
      <PageHeader
        title={t('users.title')}
        breadcrumbs={[{ label: t('nav.administration') }, { label: t('users.title') }]}
        actions={
          canManage && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setDialog('new')}
            >
              {t('users.new')}
            </Button>
          )
        }
      />
      <Group align="flex-end" gap="sm" mb="md">
        <TextInput
          label={t('filters.text')}
          placeholder={t('users.searchPlaceholder')}
          leftSection={<IconSearch size={14} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={260}
        />
        <Select
          label={t('users.fields.role')}
          placeholder={t('filters.all')}
          clearable
          data={roles}
          value={role}
          onChange={(v) => setRole(v as GlobalRole | null)}
          w={220}
        />
      </Group>
      <PagedTable
        list={users}
        count={rows.length}
        empty={{ title: t('users.emptyTitle'), message: t('users.emptyFiltered') }}
        head={
          <>
            <Table.Th>{t('users.fields.name')}</Table.Th>
            <Table.Th>{t('users.fields.email')}</Table.Th>
            <Table.Th>{t('users.fields.role')}</Table.Th>
            <Table.Th>{t('users.state')}</Table.Th>
            <Table.Th>{t('users.lastLogin')}</Table.Th>
            {canManage && <EditColumnHeader />}
          </>
        }
        rows={rows.map((u) => (
          <Table.Tr key={u.id}>
            <Table.Td fw={500}>{u.name}</Table.Td>
            <Table.Td>
              <Text size="sm">{u.email}</Text>
            </Table.Td>
            <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
            <Table.Td>
              {u.disabled ? (
                <Badge color="gray" variant="filled" radius="sm">
                  {t('users.disabled')}
                </Badge>
              ) : (
                <Badge color="teal" variant="light" radius="sm">
                  {t('users.active')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{formatDateTime(u.lastLoginAt)}</Table.Td>
            {canManage && (
              <EditCell
                label={t('users.editNamed', { name: u.name })}
                onClick={() => setDialog(u)}
              />
            )}
          </Table.Tr>
        ))}
      />
      {dialog === 'new' && <CreateUserModal onClose={() => setDialog(null)} />}
      {dialog && dialog !== 'new' && (
        <EditUserModal user={dialog} isSelf={dialog.id === me.id} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
