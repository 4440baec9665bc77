import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLockOpen, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type TimeSettings } from '../../../contracts/time.ts';
import { isApiError } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { useActivities, useLocks, useSettingsActions, useTimeSettings } from './time-api.ts';

/** Rules and approval policy, the activity list, and the locked periods. */
export function TimeSettingsPanel({
  canManage,
  canLock,
}: {
  canManage: boolean;
  canLock: boolean;
}) {
  return (
    <Stack gap="lg">
      <RulesCard canManage={canManage} />
      <LocksCard canLock={canLock} />
      <ActivitiesCard canManage={canManage} />
    </Stack>
  );
}

function RulesCard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const settings = useTimeSettings();
  const { update } = useSettingsActions();
  const [form, setForm] = useState<TimeSettings | null>(null);
  useEffect(() => {
    if (settings.data) setForm(settings.data);
  }, [settings.data]);
  if (settings.isError) return <ErrorState error={settings.error} />;
  if (!form) return <TableSkeleton rows={3} />;
  const save = () =>
    update.mutate(
      {
        version: form.version,
        body: {
          maxHoursPerDay: form.maxHoursPerDay,
          maxHoursPerWeek: form.maxHoursPerWeek,
          approverPolicy: form.approverPolicy,
          lateAfterDays: form.lateAfterDays,
          remindersEnabled: form.remindersEnabled,
        },
      },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('common.saved') }),
        onError: (e) => {
          if (isApiError(e, 'VERSION_MISMATCH')) void settings.refetch();
          notifications.show({ color: 'red', message: errorMessage(t, e) });
        },
      },
    );
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('time.settings.rules')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('time.settings.maxDay')}
            description={t('time.settings.maxDayHelp')}
            min={1}
            max={24}
            step={0.5}
            decimalSeparator=","
            value={form.maxHoursPerDay}
            disabled={!canManage}
            onChange={(v) => setForm({ ...form, maxHoursPerDay: Number(v) || 0 })}
          />
          <NumberInput
            label={t('time.settings.maxWeek')}
            min={1}
            max={168}
            step={1}
            decimalSeparator=","
            value={form.maxHoursPerWeek}
            disabled={!canManage}
            onChange={(v) => setForm({ ...form, maxHoursPerWeek: Number(v) || 0 })}
          />
          <NumberInput
            label={t('time.settings.lateAfter')}
            description={t('time.settings.lateAfterHelp')}
            min={0}
            max={60}
            value={form.lateAfterDays}
            disabled={!canManage}
            onChange={(v) => setForm({ ...form, lateAfterDays: Number(v) || 0 })}
          />
        </SimpleGrid>
        <Radio.Group
          label={t('time.settings.approver')}
          value={form.approverPolicy}
          onChange={(v) =>
            setForm({ ...form, approverPolicy: v as TimeSettings['approverPolicy'] })
          }
        >
          <Stack gap={6} mt={6}>
            <Radio
              value="resource_manager"
              label={t('time.settings.policyResource')}
              disabled={!canManage}
            />
            <Radio
              value="project_manager"
              label={t('time.settings.policyProject')}
              disabled={!canManage}
            />
          </Stack>
        </Radio.Group>
        <Switch
          label={t('time.settings.reminders')}
          checked={form.remindersEnabled}
          disabled={!canManage}
          onChange={(e) => setForm({ ...form, remindersEnabled: e.currentTarget.checked })}
        />
        {canManage && (
          <Group justify="flex-end">
            <Button onClick={save} loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function LocksCard({ canLock }: { canLock: boolean }) {
  const { t } = useTranslation();
  const locks = useLocks();
  const { lock, unlock } = useSettingsActions();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const fail = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) });
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('time.locks.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('time.locks.help')}
        </Text>
        {locks.data && locks.data.items.length === 0 && (
          <Text size="sm">{t('time.locks.empty')}</Text>
        )}
        {locks.data && locks.data.items.length > 0 && (
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('time.locks.period')}</Table.Th>
                <Table.Th>{t('time.locks.label')}</Table.Th>
                <Table.Th>{t('time.locks.by')}</Table.Th>
                {canLock && <Table.Th aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {locks.data.items.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>
                    {formatDate(l.from)} → {formatDate(l.to)}
                  </Table.Td>
                  <Table.Td>{l.label}</Table.Td>
                  <Table.Td>
                    {l.lockedBy?.name ?? t('skills.bySystem')} · {formatDateTime(l.lockedAt)}
                  </Table.Td>
                  {canLock && (
                    <Table.Td ta="right">
                      <ActionIcon
                        variant="subtle"
                        color="grape"
                        aria-label={t('time.locks.reopen', {
                          label: l.label || `${formatDate(l.from)} → ${formatDate(l.to)}`,
                        })}
                        onClick={() => unlock.mutate(l.id, { onError: fail })}
                      >
                        <IconLockOpen size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canLock && (
          <Group align="flex-end" gap="sm">
            <DateField
              label={t('time.locks.from')}
              value={from}
              onChange={(v) => setFrom(v as string | null)}
              w={170}
            />
            <DateField
              label={t('time.locks.to')}
              value={to}
              onChange={(v) => setTo(v as string | null)}
              w={170}
            />
            <TextInput
              label={t('time.locks.label')}
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              w={260}
            />
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              disabled={!from || !to}
              loading={lock.isPending}
              onClick={() =>
                lock.mutate(
                  { from: from!, to: to!, label },
                  {
                    onSuccess: () => {
                      setFrom(null);
                      setTo(null);
                      setLabel('');
                    },
                    onError: fail,
                  },
                )
              }
            >
              {t('time.locks.add')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function ActivitiesCard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const activities = useActivities();
  const { createActivity, updateActivity } = useSettingsActions();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string | null>('internal');
  const fail = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) });
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('time.activities.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('time.activities.help')}
        </Text>
        {activities.data && (
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('time.activities.code')}</Table.Th>
                <Table.Th>{t('time.activities.name')}</Table.Th>
                <Table.Th>{t('time.activities.kind')}</Table.Th>
                <Table.Th>{t('time.activities.active')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {activities.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.code}</Table.Td>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>{t(`time.kinds.${a.kind}`)}</Table.Td>
                  <Table.Td>
                    <Switch
                      checked={a.active}
                      disabled={!canManage}
                      aria-label={t('time.activities.activeFor', { name: a.name })}
                      onChange={(e) =>
                        updateActivity.mutate(
                          {
                            id: a.id,
                            version: a.version,
                            body: { active: e.currentTarget.checked },
                          },
                          { onError: fail },
                        )
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canManage && (
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('time.activities.code')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              w={140}
            />
            <TextInput
              label={t('time.activities.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              w={260}
            />
            <Select
              label={t('time.activities.kind')}
              value={kind}
              onChange={setKind}
              data={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`time.kinds.${k}`) }))}
              w={180}
            />
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              disabled={!code.trim() || !name.trim() || !kind}
              loading={createActivity.isPending}
              onClick={() =>
                createActivity.mutate(
                  {
                    code: code.trim(),
                    name: name.trim(),
                    kind: kind as (typeof ACTIVITY_KINDS)[number],
                  },
                  {
                    onSuccess: () => {
                      setCode('');
                      setName('');
                    },
                    onError: fail,
                  },
                )
              }
            >
              {t('time.activities.add')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
