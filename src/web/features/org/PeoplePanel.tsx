import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  SimpleGrid,
  Stack,
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
import { CreatePersonBody, Person, UpdatePersonBody } from '../../../contracts/org.ts';
import { api } from '../../api/client.ts';
import { ConflictAlert, useEditSession } from '../../components/conflict.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { applyApiError, orNull, validateWith } from '../../components/forms.ts';
import { EditCell, EditColumnHeader, PagedTable } from '../../components/PagedTable.tsx';
import { orgKeys, usePeople } from './org-api.ts';
import { OrgUnitSelect, PersonSelect } from './pickers.tsx';

interface PersonValues {
  firstName: string;
  lastName: string;
  email: string;
  jobTitle: string;
  orgUnitId: string | null;
  managerId: string | null;
}
const personBody = (v: PersonValues) => ({
  firstName: v.firstName.trim(),
  lastName: v.lastName.trim(),
  email: orNull(v.email),
  jobTitle: orNull(v.jobTitle),
  orgUnitId: v.orgUnitId,
  managerId: v.managerId,
});
const personValues = (p: Person): PersonValues => ({
  firstName: p.firstName,
  lastName: p.lastName,
  email: p.email ?? '',
  jobTitle: p.jobTitle ?? '',
  orgUnitId: p.orgUnit?.id ?? null,
  managerId: p.manager?.id ?? null,
});
const EMPTY: PersonValues = {
  firstName: '',
  lastName: '',
  email: '',
  jobTitle: '',
  orgUnitId: null,
  managerId: null,
};
const FIELDS = ['firstName', 'lastName', 'email', 'jobTitle', 'orgUnitId', 'managerId'];

function PersonModal({ person, onClose }: { person?: Person; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const session = useEditSession({
    record: person,
    schema: Person,
    toValues: personValues,
    toBody: personBody,
  });
  const form = useForm<PersonValues>({
    initialValues: person ? personValues(person) : EMPTY,
    validate: validateWith(person ? UpdatePersonBody : CreatePersonBody, personBody, t),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await session.write(values, {
        update: (patch, version, p) => api.patch(`/people/${p.id}`, Person, patch, version),
        create: (body) => api.post('/people', Person, body),
      });
      await client.invalidateQueries({ queryKey: orgKeys.people });
      await client.invalidateQueries({ queryKey: ['person'] });
      await client.invalidateQueries({ queryKey: orgKeys.units });
      notifications.show({ color: 'teal', message: t('common.saved') });
      onClose();
    } catch (e) {
      if (session.catchConflict(e)) return;
      setError(applyApiError(form, e, t, FIELDS));
    }
  });
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={person ? t('people.editTitle') : t('people.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ConflictAlert
            session={session}
            form={form}
            fieldLabel={(f) => t(`people.fields.${f}`)}
          />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <SimpleGrid cols={2}>
            <TextInput
              label={t('people.fields.firstName')}
              required
              {...form.getInputProps('firstName')}
            />
            <TextInput
              label={t('people.fields.lastName')}
              required
              {...form.getInputProps('lastName')}
            />
            <TextInput
              label={t('people.fields.email')}
              type="email"
              {...form.getInputProps('email')}
            />
            <TextInput label={t('people.fields.jobTitle')} {...form.getInputProps('jobTitle')} />
            <OrgUnitSelect
              label={t('people.fields.orgUnitId')}
              {...form.getInputProps('orgUnitId')}
            />
            <PersonSelect
              label={t('people.fields.managerId')}
              initial={person?.manager ?? null}
              {...form.getInputProps('managerId')}
            />
          </SimpleGrid>
          <FormActions onCancel={onClose}>
            <Button type="submit" loading={form.submitting} disabled={!!session.conflict}>
              {person ? t('common.save') : t('common.create')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}

export function PeoplePanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const people = usePeople({ q: debouncedQ, orgUnitId });
  const rows = people.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = debouncedQ !== '' || orgUnitId !== null;
  const createButton = canManage ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
      {t('people.new')}
    </Button>
  ) : undefined;
  return (
    <>
      <Group justify="space-between" align="flex-end" mb="md">
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('filters.text')}
            placeholder={t('people.searchPlaceholder')}
            leftSection={<IconSearch size={14} aria-hidden />}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={260}
          />
          <OrgUnitSelect
            label={t('people.fields.orgUnitId')}
            placeholder={t('filters.all')}
            value={orgUnitId}
            onChange={setOrgUnitId}
            w={240}
          />
        </Group>
        {createButton}
      </Group>
      <PagedTable
        list={people}
        count={rows.length}
        empty={{
          title: t('people.emptyTitle'),
          message: filtered
            ? t('people.emptyFiltered')
            : canManage
              ? t('people.emptyCreate')
              : t('people.emptyReadOnly'),
        }}
        head={
          <>
            <Table.Th>{t('people.fields.name')}</Table.Th>
            <Table.Th>{t('people.fields.jobTitle')}</Table.Th>
            <Table.Th>{t('people.fields.orgUnitId')}</Table.Th>
            <Table.Th>{t('people.fields.managerId')}</Table.Th>
            <Table.Th>{t('people.fields.email')}</Table.Th>
            <Table.Th>{t('people.account')}</Table.Th>
            {canManage && <EditColumnHeader />}
          </>
        }
        rows={rows.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td fw={500}>{p.name}</Table.Td>
            <Table.Td>{p.jobTitle ?? '—'}</Table.Td>
            <Table.Td>{p.orgUnit?.name ?? '—'}</Table.Td>
            <Table.Td>{p.manager?.name ?? '—'}</Table.Td>
            <Table.Td>
              <Text size="sm">{p.email ?? '—'}</Text>
            </Table.Td>
            <Table.Td>
              {p.hasAccount ? (
                <Badge variant="light" color="teal" radius="sm">
                  {t('common.yes')}
                </Badge>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('common.no')}
                </Text>
              )}
            </Table.Td>
            {canManage && (
              <EditCell
                label={t('people.editNamed', { name: p.name })}
                onClick={() => setEditing(p)}
              />
            )}
          </Table.Tr>
        ))}
      />
      {editing && (
        <PersonModal
          person={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
