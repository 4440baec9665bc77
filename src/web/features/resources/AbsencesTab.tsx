import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ABSENCE_KINDS, type Absence } from '../../../contracts/resources.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { absenceErrorMessage } from '../skills/absence-error.ts';
import { resourcesApi, useAbsences, useResourceMutation } from './resources-api.ts';

const KIND_COLOR: Record<string, string> = {
  conges: '#1971c2',
  rtt: '#0c8599',
  formation: '#6741d9',
  maladie: '#c92a2a',
  autre: '#495057',
};
const STATUS_COLOR: Record<string, string> = {
  requested: 'yellow',
  approved: 'green',
  rejected: 'red',
  cancelled: 'gray',
};

const iso = (d: Date) => d.toISOString().slice(0, 10);
function monthStart(offset: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
}

/** Absences: request one, decide on the team's, and the month calendar. */
export function AbsencesTab({ canReadAll }: { canReadAll: boolean }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<'mine' | 'team' | 'all'>(canReadAll ? 'all' : 'mine');
  const [month, setMonth] = useState(0);
  const start = monthStart(month);
  const end = monthStart(month + 1);
  const last = new Date(end.getTime() - 86_400_000);
  const calendar = useAbsences({ scope, from: iso(start), to: iso(last) });
  const pending = useAbsences({ scope: canReadAll ? 'all' : 'team' });
  const toDecide = (pending.data?.items ?? []).filter((a) => a.can.decide);

  return (
    <Stack>
      <RequestForm />
      {toDecide.length > 0 && (
        <Paper withBorder p="sm" radius="md">
          <Title order={3} size="h5" mb="xs">
            {t('resources.absences.toDecide', { count: toDecide.length })}
          </Title>
          <AbsenceTable items={toDecide} />
        </Paper>
      )}
      <Group justify="space-between">
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            onClick={() => setMonth((m) => m - 1)}
            aria-label={t('resources.absences.previous')}
          >
            ‹
          </Button>
          <Title order={3} size="h5" miw={160} ta="center">
            {new Intl.DateTimeFormat(undefined, {
              month: 'long',
              year: 'numeric',
              timeZone: 'UTC',
            }).format(start)}
          </Title>
          <Button
            variant="default"
            size="xs"
            onClick={() => setMonth((m) => m + 1)}
            aria-label={t('resources.absences.next')}
          >
            ›
          </Button>
        </Group>
        <SegmentedControl
          aria-label={t('resources.absences.scope')}
          value={scope}
          onChange={(v) => setScope(v as typeof scope)}
          data={[
            { value: 'mine', label: t('resources.absences.mine') },
            { value: 'team', label: t('resources.absences.team') },
            ...(canReadAll ? [{ value: 'all', label: t('resources.absences.all') }] : []),
          ]}
        />
      </Group>
      {calendar.isPending ? (
        <TableSkeleton />
      ) : calendar.isError ? (
        <ErrorState error={calendar.error} onRetry={() => void calendar.refetch()} />
      ) : calendar.data.items.length === 0 ? (
        <EmptyState
          title={t('resources.absences.emptyTitle')}
          message={t('resources.absences.emptyMessage')}
        />
      ) : (
        <>
          <MonthCalendar
            items={calendar.data.items}
            start={start}
            days={Math.round((end.getTime() - start.getTime()) / 86_400_000)}
          />
          <AbsenceTable items={calendar.data.items} />
        </>
      )}
    </Stack>
  );
}

function RequestForm() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string | null>('conges');
  const [start, setStart] = useState<string | null>(null);
  const [finish, setFinish] = useState<string | null>(null);
  const [half, setHalf] = useState(false);
  const [comment, setComment] = useState('');
  const request = useResourceMutation(resourcesApi.requestAbsence);
  const submit = () => {
    if (!kind || !start || !finish) return;
    request.mutate(
      {
        kind: kind as Absence['kind'],
        start,
        finish,
        dayFraction: half ? 0.5 : 1,
        comment,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('resources.absences.requested') });
          setStart(null);
          setFinish(null);
          setComment('');
        },
        onError: (e) => notifications.show({ color: 'red', message: absenceErrorMessage(t, e) }),
      },
    );
  };
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={3} size="h5" mb="xs">
        {t('resources.absences.request')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('resources.absences.kind')}
          data={ABSENCE_KINDS.map((k) => ({ value: k, label: t(`resources.absences.kinds.${k}`) }))}
          value={kind}
          onChange={setKind}
          allowDeselect={false}
          w={170}
        />
        <DateField
          label={t('resources.absences.start')}
          value={start}
          onChange={(v) => setStart(v ? String(v).slice(0, 10) : null)}
          w={150}
        />
        <DateField
          label={t('resources.absences.finish')}
          value={finish}
          onChange={(v) => setFinish(v ? String(v).slice(0, 10) : null)}
          w={150}
        />
        <Checkbox
          label={t('resources.absences.halfDays')}
          checked={half}
          onChange={(e) => setHalf(e.currentTarget.checked)}
          mb={8}
        />
        <TextInput
          label={t('resources.absences.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          w={220}
        />
        <Button onClick={submit} loading={request.isPending} disabled={!kind || !start || !finish}>
          {t('resources.absences.submit')}
        </Button>
      </Group>
    </Paper>
  );
}

function AbsenceTable({ items }: { items: Absence[] }) {
  const { t } = useTranslation();
  const decide = useResourceMutation(resourcesApi.decideAbsence);
  const cancel = useResourceMutation(resourcesApi.cancelAbsence);
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) });
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('resources.absences.person')}</Table.Th>
          <Table.Th>{t('resources.absences.kind')}</Table.Th>
          <Table.Th>{t('resources.absences.period')}</Table.Th>
          <Table.Th ta="right">{t('resources.absences.hours')}</Table.Th>
          <Table.Th>{t('resources.absences.status')}</Table.Th>
          <Table.Th>{t('common.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>{a.person.name}</Table.Td>
            <Table.Td>{t(`resources.absences.kinds.${a.kind}`)}</Table.Td>
            <Table.Td>
              {formatDate(a.start)} – {formatDate(a.finish)}
              {a.dayFraction < 1 ? ` (${t('resources.absences.halfDays')})` : ''}
            </Table.Td>
            <Table.Td ta="right">{formatNumber(a.hours)} h</Table.Td>
            <Table.Td>
              <Badge color={STATUS_COLOR[a.status]} variant="light">
                {t(`resources.absences.statuses.${a.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Group gap={6}>
                {a.can.decide && (
                  <>
                    <Button
                      size="compact-xs"
                      onClick={() =>
                        decide.mutate(
                          { id: a.id, version: a.version, decision: 'approve' },
                          { onError },
                        )
                      }
                      aria-label={t('resources.absences.approveLabel', { person: a.person.name })}
                    >
                      {t('resources.absences.approve')}
                    </Button>
                    <Button
                      size="compact-xs"
                      color="red"
                      variant="light"
                      onClick={() =>
                        decide.mutate(
                          { id: a.id, version: a.version, decision: 'reject' },
                          { onError },
                        )
                      }
                      aria-label={t('resources.absences.rejectLabel', { person: a.person.name })}
                    >
                      {t('resources.absences.reject')}
                    </Button>
                  </>
                )}
                {a.can.cancel && !a.can.decide && (
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => cancel.mutate({ id: a.id, version: a.version }, { onError })}
                  >
                    {t('resources.absences.cancel')}
                  </Button>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** People × days of the month; a coloured square per day off (hatched while requested). */
function MonthCalendar({ items, start, days }: { items: Absence[]; start: Date; days: number }) {
  const { t } = useTranslation();
  const rows = useMemo(() => {
    const by = new Map<string, { name: string; list: Absence[] }>();
    for (const a of items) {
      if (a.status === 'rejected' || a.status === 'cancelled') continue;
      let r = by.get(a.person.id);
      if (!r) by.set(a.person.id, (r = { name: a.person.name, list: [] }));
      r.list.push(a);
    }
    return [...by.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [items]);
  const CELL = 22;
  const NAME = 180;
  const dayIso = (i: number) => iso(new Date(start.getTime() + i * 86_400_000));
  const weekend = (i: number) =>
    [0, 6].includes(new Date(start.getTime() + i * 86_400_000).getUTCDay());
  const width = NAME + days * CELL;
  const height = 24 + rows.length * CELL;
  return (
    <div style={{ overflowX: 'auto' }}>
      <svg width={width} height={height} role="img" aria-label={t('resources.absences.calendar')}>
        <defs>
          <pattern
            id="abs-hatch"
            width="4"
            height="4"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="2" height="4" fill="currentColor" />
          </pattern>
        </defs>
        {Array.from({ length: days }, (_, i) => (
          <g key={i}>
            {weekend(i) && (
              <rect
                x={NAME + i * CELL}
                y={20}
                width={CELL}
                height={height - 20}
                fill="var(--mantine-color-gray-1)"
              />
            )}
            <text
              x={NAME + i * CELL + CELL / 2}
              y={14}
              fontSize={10}
              textAnchor="middle"
              fill="currentColor"
            >
              {i + 1}
            </text>
          </g>
        ))}
        {rows.map((r, k) => (
          <g key={r.name} transform={`translate(0, ${24 + k * CELL})`}>
            <text x={4} y={15} fontSize={12} fill="currentColor">
              {r.name}
            </text>
            {Array.from({ length: days }, (_, i) => {
              const d = dayIso(i);
              const a = r.list.find((x) => x.start <= d && x.finish >= d);
              if (!a || weekend(i)) return null;
              return (
                <rect
                  key={i}
                  x={NAME + i * CELL + 2}
                  y={2}
                  width={CELL - 4}
                  height={(CELL - 4) * (a.dayFraction < 1 ? 0.5 : 1)}
                  rx={3}
                  fill={a.status === 'requested' ? 'url(#abs-hatch)' : KIND_COLOR[a.kind]}
                  color={KIND_COLOR[a.kind]}
                  stroke={KIND_COLOR[a.kind]}
                >
                  <title>{`${r.name} — ${t(`resources.absences.kinds.${a.kind}`)} (${t(`resources.absences.statuses.${a.status}`)})`}</title>
                </rect>
              );
            })}
          </g>
        ))}
      </svg>
      <Group gap="md" mt={4}>
        {ABSENCE_KINDS.map((k) => (
          <Group key={k} gap={4}>
            <span className="heatmap-swatch" style={{ background: KIND_COLOR[k] }} aria-hidden />
            <Text size="xs">{t(`resources.absences.kinds.${k}`)}</Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          {t('resources.absences.hatched')}
        </Text>
      </Group>
    </div>
  );
}
