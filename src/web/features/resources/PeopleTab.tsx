import {
  Button,
  Drawer,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResourceDetail } from '../../../contracts/resources.ts';
import { isApiError } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatMoney, formatNumber } from '../../format.ts';
import {
  resourcesApi,
  useResource,
  useResourceMutation,
  useResources,
  useRoles,
  useTeams,
} from './resources-api.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** People as resources: working week, FTE, role, team, current cost rate; generic roles. */
export function PeopleTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [teamId, setTeamId] = useState<string | null>(null);
  const [roleId, setRoleId] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const list = useResources({ q, teamId, roleId });
  const teams = useTeams();
  const roles = useRoles();
  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          label={t('resources.people.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={220}
        />
        <Select
          label={t('resources.groupBy.team')}
          data={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={teamId}
          onChange={setTeamId}
          clearable
          w={240}
        />
        <Select
          label={t('resources.groupBy.role')}
          data={(roles.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={roleId}
          onChange={setRoleId}
          clearable
          w={200}
        />
      </Group>
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={t('resources.people.emptyTitle')}
          message={t('resources.people.emptyMessage')}
        />
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('resources.drill.person')}</Table.Th>
              <Table.Th>{t('resources.groupBy.role')}</Table.Th>
              <Table.Th>{t('resources.groupBy.team')}</Table.Th>
              <Table.Th ta="right">{t('resources.people.weekly')}</Table.Th>
              <Table.Th ta="right">{t('resources.people.fte')}</Table.Th>
              <Table.Th ta="right">{t('resources.people.rate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((p) => (
              <Table.Tr key={p.personId}>
                <Table.Td>
                  <UnstyledButton onClick={() => setOpen(p.personId)} fw={500} c="blue.8">
                    {p.name}
                  </UnstyledButton>
                  {p.jobTitle && (
                    <Text size="xs" c="dimmed">
                      {p.jobTitle}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{p.role?.name ?? '—'}</Table.Td>
                <Table.Td>{p.team?.name ?? '—'}</Table.Td>
                <Table.Td ta="right">{formatNumber(p.weeklyHours)} h</Table.Td>
                <Table.Td ta="right">{formatNumber(p.fte)}</Table.Td>
                <Table.Td ta="right">
                  {p.currentRate ? (
                    <>
                      {formatMoney(p.currentRate.rateMinor, p.currentRate.currency)}
                      {p.currentRate.source === 'role' && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          ({t('resources.people.roleRate')})
                        </Text>
                      )}
                    </>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RolesPanel canManage={canManage} />
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="lg"
        title={t('resources.people.profile')}
      >
        {open && <ProfileEditor personId={open} canManage={canManage} />}
      </Drawer>
    </Stack>
  );
}

function ProfileEditor({ personId, canManage }: { personId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const detail = useResource(personId);
  if (detail.isPending) return <TableSkeleton rows={4} />;
  if (detail.isError) return <ErrorState error={detail.error} />;
  return <ProfileForm key={detail.data.version} detail={detail.data} canManage={canManage} t={t} />;
}

function ProfileForm({
  detail,
  canManage,
  t,
}: {
  detail: ResourceDetail;
  canManage: boolean;
  t: ReturnType<typeof useTranslation>['t'];
}) {
  const roles = useRoles();
  const teams = useTeams();
  const [week, setWeek] = useState<number[]>(detail.weekHours);
  const [roleId, setRoleId] = useState<string | null>(detail.role?.id ?? null);
  const [teamId, setTeamId] = useState<string | null>(detail.team?.id ?? null);
  const [rateFrom, setRateFrom] = useState<string | null>(null);
  const [rate, setRate] = useState<number | ''>('');
  const save = useResourceMutation(resourcesApi.saveProfile);
  const setRateM = useResourceMutation(resourcesApi.setRate);
  const total = week.reduce((s, h) => s + h, 0);
  return (
    <Stack>
      <Title order={3} size="h4">
        {detail.name}
      </Title>
      <Text size="sm" c="dimmed">
        {[
          detail.jobTitle,
          detail.orgUnit?.name,
          detail.manager && t('resources.people.managedBy', { name: detail.manager.name }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      <Paper withBorder p="sm">
        <Text fw={500} size="sm" mb="xs">
          {t('resources.people.week')}
        </Text>
        <SimpleGrid cols={7} spacing={6}>
          {DAYS.map((d, i) => (
            <NumberInput
              key={d}
              label={t(`resources.days.${d}`)}
              value={week[i]}
              min={0}
              max={24}
              step={0.5}
              decimalSeparator=","
              disabled={!canManage}
              onChange={(v) =>
                setWeek((w) => w.map((x, j) => (j === i ? (typeof v === 'number' ? v : 0) : x)))
              }
            />
          ))}
        </SimpleGrid>
        <Text size="sm" mt="xs">
          {t('resources.people.weekTotal', {
            hours: formatNumber(total),
            fte: formatNumber(Math.round((total / 35) * 100) / 100),
          })}
        </Text>
      </Paper>
      <Group grow>
        <Select
          label={t('resources.groupBy.role')}
          data={(roles.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={roleId}
          onChange={setRoleId}
          clearable
          disabled={!canManage}
        />
        <Select
          label={t('resources.groupBy.team')}
          data={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={teamId}
          onChange={setTeamId}
          clearable
          disabled={!canManage}
        />
      </Group>
      {canManage && (
        <Button
          w="fit-content"
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              {
                personId: detail.personId,
                version: detail.version,
                body: { weekHours: week, roleId, teamId },
              },
              {
                onSuccess: () => notifications.show({ color: 'green', message: t('common.saved') }),
                onError: (e) =>
                  notifications.show({
                    color: 'red',
                    message: isApiError(e, 'VERSION_MISMATCH')
                      ? t('errors.VERSION_MISMATCH')
                      : errorMessage(t, e),
                  }),
              },
            )
          }
        >
          {t('common.save')}
        </Button>
      )}
      {detail.rates.length > 0 || canManage ? (
        <Paper withBorder p="sm">
          <Text fw={500} size="sm" mb="xs">
            {t('resources.people.rates')}
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('resources.people.validFrom')}</Table.Th>
                <Table.Th ta="right">{t('resources.people.hourly')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.rates.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatDate(r.validFrom)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.rateMinor, r.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {canManage && (
            <Group align="flex-end" mt="xs">
              <DateField
                label={t('resources.people.validFrom')}
                value={rateFrom}
                onChange={(v) => setRateFrom(v ? String(v).slice(0, 10) : null)}
                w={150}
              />
              <NumberInput
                label={t('resources.people.hourly')}
                value={rate}
                onChange={(v) => setRate(typeof v === 'number' ? v : '')}
                min={0}
                decimalScale={2}
                decimalSeparator=","
                suffix=" €"
                w={140}
              />
              <Button
                variant="default"
                disabled={!rateFrom || rate === ''}
                loading={setRateM.isPending}
                onClick={() =>
                  setRateM.mutate(
                    {
                      personId: detail.personId,
                      validFrom: rateFrom!,
                      rateMinor: Math.round(Number(rate) * 100),
                    },
                    {
                      onError: (e) =>
                        notifications.show({ color: 'red', message: errorMessage(t, e) }),
                    },
                  )
                }
              >
                {t('resources.people.addRate')}
              </Button>
            </Group>
          )}
        </Paper>
      ) : null}
    </Stack>
  );
}

function RolesPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const update = useResourceMutation(resourcesApi.updateRole);
  if (!roles.data || roles.data.items.length === 0) return null;
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={3} size="h5" mb="xs">
        {t('resources.roles.title')}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('resources.roles.name')}</Table.Th>
            <Table.Th ta="right">{t('resources.roles.headcount')}</Table.Th>
            <Table.Th ta="right">{t('resources.roles.rate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roles.data.items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td ta="right">{r.headcount}</Table.Td>
              <Table.Td ta="right">
                {canManage ? (
                  <NumberInput
                    aria-label={t('resources.roles.rateOf', { name: r.name })}
                    defaultValue={r.defaultRateMinor / 100}
                    min={0}
                    decimalScale={2}
                    decimalSeparator=","
                    suffix=" €"
                    w={130}
                    ml="auto"
                    onBlur={(e) => {
                      const v = Math.round(
                        Number(e.currentTarget.value.replace(/[^\d,]/g, '').replace(',', '.')) *
                          100,
                      );
                      if (Number.isFinite(v) && v !== r.defaultRateMinor)
                        update.mutate(
                          { id: r.id, version: r.version, defaultRateMinor: v },
                          {
                            onError: (err) =>
                              notifications.show({ color: 'red', message: errorMessage(t, err) }),
                          },
                        );
                    }}
                  />
                ) : (
                  formatMoney(r.defaultRateMinor, r.currency)
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
