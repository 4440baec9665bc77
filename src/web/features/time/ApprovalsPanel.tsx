import {
  Badge,
  Button,
  Checkbox,
  Drawer,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecks } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingTimesheet } from '../../../contracts/time.ts';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { StatusBadge, formatH } from './time-format.tsx';
import { useDecisions, usePending, useTimesheet } from './time-api.ts';

/** Weeks waiting for my decision, grouped by person; approve one, reject with a comment, or approve many. */
export function ApprovalsPanel() {
  const { t } = useTranslation();
  const pending = usePending();
  const { bulk } = useDecisions();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<PendingTimesheet | null>(null);
  const items = useMemo(() => pending.data?.items ?? [], [pending.data]);
  const groups = useMemo(() => {
    const map = new Map<string, { name: string; items: PendingTimesheet[] }>();
    for (const i of items) {
      const g = map.get(i.person.id) ?? { name: i.person.name, items: [] };
      g.items.push(i);
      map.set(i.person.id, g);
    }
    return [...map.values()];
  }, [items]);

  if (pending.isError)
    return <ErrorState error={pending.error} onRetry={() => void pending.refetch()} />;
  if (!pending.data) return <TableSkeleton />;
  if (items.length === 0)
    return (
      <EmptyState
        title={t('time.approvals.emptyTitle')}
        message={t('time.approvals.emptyMessage')}
      />
    );

  const allSelected = selected.size === items.length;
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const approveSelected = () =>
    bulk.mutate(
      items.filter((i) => selected.has(i.id)).map((i) => ({ id: i.id, version: i.version })),
      {
        onSuccess: (r) => {
          setSelected(new Set());
          notifications.show({
            color: r.skipped.length ? 'yellow' : 'teal',
            message: t('skills.bulkDone', {
              approved: r.approved.length,
              skipped: r.skipped.length,
            }),
          });
        },
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
      },
    );

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Checkbox
          label={t('time.approvals.selectAll', { count: items.length })}
          checked={allSelected}
          indeterminate={selected.size > 0 && !allSelected}
          onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))}
        />
        <Button
          leftSection={<IconChecks size={16} aria-hidden />}
          disabled={selected.size === 0}
          loading={bulk.isPending}
          onClick={approveSelected}
        >
          {t('time.approvals.approveSelected', { count: selected.size })}
        </Button>
      </Group>
      {groups.map((g) => (
        <Paper withBorder radius="md" key={g.name} p={0}>
          <Group px="md" py="xs" justify="space-between">
            <Title order={3} size="h5">
              {g.name}
            </Title>
            <Text size="sm" c="dimmed">
              {t('time.approvals.weeks', { count: g.items.length })}
            </Text>
          </Group>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th style={{ width: 40 }} aria-label={t('time.approvals.select')} />
                <Table.Th>{t('time.approvals.week')}</Table.Th>
                <Table.Th>{t('time.approvals.lines')}</Table.Th>
                <Table.Th ta="right">{t('time.approvals.toDecide')}</Table.Th>
                <Table.Th ta="right">{t('time.week.total')}</Table.Th>
                <Table.Th>{t('time.approvals.submittedAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {g.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('time.approvals.selectOne', {
                        name: i.person.name,
                        week: formatDate(i.weekStart),
                      })}
                      checked={selected.has(i.id)}
                      onChange={() => toggle(i.id)}
                    />
                  </Table.Td>
                  <Table.Td>
                    {t('time.approvals.weekOf', { date: formatDate(i.weekStart) })}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {i.projects.map((p) => (
                        <Badge key={p} variant="light" color="gray" tt="none">
                          {p}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatH(i.pendingHours)}
                  </Table.Td>
                  <Table.Td ta="right">{formatH(i.total)}</Table.Td>
                  <Table.Td>{formatDateTime(i.submittedAt)}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="light" onClick={() => setOpen(i)}>
                      {t('time.approvals.review')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
      <ReviewDrawer item={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}

/** One week in detail, with approve and reject (comment required). */
function ReviewDrawer({ item, onClose }: { item: PendingTimesheet | null; onClose: () => void }) {
  const { t } = useTranslation();
  const sheet = useTimesheet(item?.id ?? null);
  const { approve, reject } = useDecisions();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const data = sheet.data;
  const done = (key: string) => () => {
    notifications.show({ color: 'teal', message: t(key) });
    setComment('');
    setError(null);
    onClose();
  };
  const fail = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) });
  return (
    <Drawer
      opened={item !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        item
          ? t('time.approvals.reviewTitle', {
              name: item.person.name,
              date: formatDate(item.weekStart),
            })
          : ''
      }
    >
      {sheet.isError && <ErrorState error={sheet.error} />}
      {data && (
        <Stack gap="md">
          <Group gap="xs">
            <StatusBadge status={data.status} />
            <Text size="sm" c="dimmed">
              {t('time.week.title', {
                week: data.isoWeek.week,
                from: formatDate(data.days[0]!.date),
                to: formatDate(data.days[6]!.date),
              })}
            </Text>
          </Group>
          <Table withTableBorder verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('time.week.line')}</Table.Th>
                {data.days.map((d) => (
                  <Table.Th key={d.date} ta="center">
                    {formatDate(d.date).slice(0, 5)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('time.week.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.lines.map((l, i) => (
                <Table.Tr
                  key={l.id ?? i}
                  bg={l.canDecide ? 'var(--mantine-color-blue-light)' : undefined}
                >
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {l.project ? `${l.project.code} — ${l.project.name}` : l.activity?.name}
                    </Text>
                    {l.task && (
                      <Text size="xs" c="dimmed">
                        {l.task.name}
                      </Text>
                    )}
                    <Text
                      size="xs"
                      c={
                        l.approval === 'approved'
                          ? 'teal.8'
                          : l.approval === 'rejected'
                            ? 'red.8'
                            : 'dimmed'
                      }
                    >
                      {t(`time.approval.${l.approval}`)}
                      {l.canDecide ? ` — ${t('time.approvals.yours')}` : ''}
                    </Text>
                  </Table.Td>
                  {l.hours.map((h, d) => (
                    <Table.Td key={d} ta="center">
                      {h ? formatH(h) : ''}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" fw={600}>
                    {formatH(l.total)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t('time.week.dayTotal')}</Table.Th>
                {data.totals.perDay.map((h, d) => (
                  <Table.Th key={d} ta="center">
                    {h ? formatH(h) : ''}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{formatH(data.totals.total)}</Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
          <Textarea
            label={t('time.approvals.comment')}
            description={t('time.approvals.commentHelp')}
            value={comment}
            onChange={(e) => {
              setComment(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button
              color="red"
              variant="light"
              loading={reject.isPending}
              onClick={() => {
                if (!comment.trim()) {
                  setError(t('time.approvals.commentRequired'));
                  return;
                }
                reject.mutate(
                  { id: data.id!, version: data.version, comment: comment.trim() },
                  { onSuccess: done('time.approvals.rejected'), onError: fail },
                );
              }}
            >
              {t('time.approvals.reject')}
            </Button>
            <Button
              color="teal"
              loading={approve.isPending}
              onClick={() =>
                approve.mutate(
                  {
                    id: data.id!,
                    version: data.version,
                    ...(comment.trim() ? { comment: comment.trim() } : {}),
                  },
                  { onSuccess: done('time.approvals.approved'), onError: fail },
                )
              }
            >
              {t('time.approvals.approve')}
            </Button>
          </Group>
        </Stack>
      )}
    </Drawer>
  );
}
