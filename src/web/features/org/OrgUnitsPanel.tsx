import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateOrgUnitBody, OrgUnit, UpdateOrgUnitBody } from '../../../contracts/org.ts';
import { api, isApiError } from '../../api/client.ts';
import { ConflictAlert, useEditSession } from '../../components/conflict.tsx';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { applyApiError, validateWith } from '../../components/forms.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatNumber } from '../../format.ts';
import { orgKeys, useOrgUnits } from './org-api.ts';

interface UnitValues {
  code: string;
  name: string;
  parentId: string | null;
}
const unitBody = (v: UnitValues) => ({
  code: v.code.trim(),
  name: v.name.trim(),
  parentId: v.parentId,
});
const unitValues = (u: OrgUnit): UnitValues => ({
  code: u.code,
  name: u.name,
  parentId: u.parentId,
});
const EMPTY: UnitValues = { code: '', name: '', parentId: null };

function OrgUnitModal({
  unit,
  units,
  onClose,
}: {
  unit?: OrgUnit;
  units: OrgUnit[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const session = useEditSession({
    record: unit,
    schema: OrgUnit,
    toValues: unitValues,
    toBody: unitBody,
  });
  const form = useForm<UnitValues>({
    initialValues: unit ? unitValues(unit) : EMPTY,
    validate: validateWith(unit ? UpdateOrgUnitBody : CreateOrgUnitBody, unitBody, t),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await session.write(values, {
        update: (patch, version, u) => api.patch(`/org-units/${u.id}`, OrgUnit, patch, version),
        create: (body) => api.post('/org-units', OrgUnit, body),
      });
      await client.invalidateQueries({ queryKey: orgKeys.units });
      notifications.show({ color: 'teal', message: t('common.saved') });
      onClose();
    } catch (e) {
      if (session.catchConflict(e)) return;
      setError(applyApiError(form, e, t, ['code', 'name', 'parentId']));
    }
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={unit ? t('orgUnits.editTitle') : t('orgUnits.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ConflictAlert
            session={session}
            form={form}
            fieldLabel={(f) => t(`orgUnits.fields.${f}`)}
          />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label={t('orgUnits.fields.code')} required {...form.getInputProps('code')} />
          <TextInput label={t('orgUnits.fields.name')} required {...form.getInputProps('name')} />
          <Select
            label={t('orgUnits.fields.parentId')}
            clearable
            searchable
            data={units
              .filter((u) => u.id !== unit?.id)
              .map((u) => ({ value: u.id, label: u.name }))}
            {...form.getInputProps('parentId')}
          />
          <FormActions onCancel={onClose}>
            <Button type="submit" loading={form.submitting} disabled={!!session.conflict}>
              {unit ? t('common.save') : t('common.create')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}

function DeleteOrgUnitModal({ unit, onClose }: { unit: OrgUnit; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.delete(`/org-units/${unit.id}`, unit.version);
      await client.invalidateQueries({ queryKey: orgKeys.units });
      notifications.show({ color: 'teal', message: t('orgUnits.deleted', { name: unit.name }) });
      onClose();
    } catch (e) {
      if (isApiError(e, 'VERSION_MISMATCH')) {
        await client.invalidateQueries({ queryKey: orgKeys.units });
        setError(t('conflict.delete'));
      } else setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('orgUnits.deleteTitle')}>
      <Stack>
        {error && (
          <Alert color="orange" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Text size="sm">{t('orgUnits.deleteConfirm', { name: unit.name })}</Text>
        <FormActions onCancel={onClose}>
          <Button color="red" loading={busy} onClick={() => void confirm()}>
            {t('common.delete')}
          </Button>
        </FormActions>
      </Stack>
    </Modal>
  );
}

export function OrgUnitsPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const [editing, setEditing] = useState<OrgUnit | 'new' | null>(null);
  const [deleting, setDeleting] = useState<OrgUnit | null>(null);
  const items = units.data?.items ?? [];
  const nameOf = (id: string | null) => items.find((u) => u.id === id)?.name ?? '—';
  const createButton = canManage ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
      {t('orgUnits.new')}
    </Button>
  ) : undefined;
  return (
    <>
      {createButton && items.length > 0 && (
        <Group justify="flex-end" mb="sm">
          {createButton}
        </Group>
      )}
      {units.isPending ? (
        <TableSkeleton />
      ) : units.isError ? (
        <ErrorState error={units.error} onRetry={() => void units.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title={t('orgUnits.emptyTitle')}
          message={canManage ? t('orgUnits.emptyCreate') : t('orgUnits.emptyReadOnly')}
          action={createButton}
        />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('orgUnits.fields.code')}</Table.Th>
                <Table.Th>{t('orgUnits.fields.name')}</Table.Th>
                <Table.Th>{t('orgUnits.fields.parentId')}</Table.Th>
                <Table.Th ta="right">{t('orgUnits.headcount')}</Table.Th>
                {canManage && (
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td ff="monospace">{u.code}</Table.Td>
                  <Table.Td fw={500}>{u.name}</Table.Td>
                  <Table.Td>{nameOf(u.parentId)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(u.headcount)}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('orgUnits.editNamed', { name: u.name })}
                          onClick={() => setEditing(u)}
                        >
                          <IconPencil size={16} aria-hidden />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('orgUnits.deleteNamed', { name: u.name })}
                          onClick={() => setDeleting(u)}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <OrgUnitModal
          unit={editing === 'new' ? undefined : editing}
          units={items}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && <DeleteOrgUnitModal unit={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}
