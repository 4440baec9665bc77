import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FindingsExport } from '../methods/FindingsExport.tsx';
import {
  type FindingSeverity,
  QualityChecklist,
  type QualityChecklist as Checklist,
} from '../../../contracts/governance.ts';
import { FINDING_SEVERITIES } from '../../../core/governance/quality.ts';
import { api, isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { useCan } from '../auth/auth-api.ts';
import { PortfolioSelect } from '../portfolio/pickers.tsx';
import {
  type FindingFilters,
  keyOf,
  useChecklists,
  useFindings,
  useQualityRefresh,
} from './quality-api.ts';
import { SeverityBadge } from './quality-badges.tsx';

/** "Qualité" on the governance page: the PMO's follow-up of findings, and the checklist templates. */
export function QualityPanel() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Stack gap="xl">
      <FindingsFollowUp />
      <Stack>
        <Title order={2} size="h4">
          {t('governance.quality.checklists')}
        </Title>
        <ChecklistsSection canManage={can('governance.manage')} />
      </Stack>
    </Stack>
  );
}

function FindingsFollowUp() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k);
  const status = get('status');
  const filters: FindingFilters = {
    portfolioId: get('portfolio'),
    status: status === 'closed' ? 'closed' : status === 'all' ? null : 'open',
    severity: (FINDING_SEVERITIES as readonly string[]).includes(get('severity') ?? '')
      ? (get('severity') as FindingSeverity)
      : null,
    overdue: get('overdue') === 'true' ? 'true' : null,
  };
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const list = useFindings(filters);
  const s = list.data?.summary;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        {FINDING_SEVERITIES.slice()
          .reverse()
          .map((sev) => (
            <Tile
              key={sev}
              label={t(`governance.quality.openBy.${sev}`)}
              value={s?.open[sev]}
              color={sev === 'critical' ? 'red' : sev === 'major' ? 'orange' : undefined}
            />
          ))}
        <Tile label={t('governance.quality.openActions')} value={s?.openActions} />
        <Tile
          label={t('governance.quality.overdueActions')}
          value={s?.overdueActions}
          color={s && s.overdueActions > 0 ? 'red' : undefined}
        />
      </SimpleGrid>
      <Group gap="sm" align="flex-end">
        <PortfolioSelect
          label={t('governance.filters.portfolio')}
          value={filters.portfolioId}
          onChange={(v) => set('portfolio', v)}
          clearable
          w={240}
        />
        <Select
          label={t('governance.quality.statusLabel')}
          data={[
            { value: 'open', label: t('governance.quality.findingStatus.open') },
            { value: 'closed', label: t('governance.quality.findingStatus.closed') },
            { value: 'all', label: t('governance.quality.allFindings') },
          ]}
          value={status ?? 'open'}
          onChange={(v) => set('status', v === 'open' ? null : v)}
          allowDeselect={false}
          w={180}
        />
        <Select
          label={t('governance.quality.severityLabel')}
          data={FINDING_SEVERITIES.map((x) => ({
            value: x,
            label: t(`governance.quality.severity.${x}`),
          }))}
          value={filters.severity}
          onChange={(v) => set('severity', v)}
          clearable
          w={180}
        />
        <Select
          label={t('governance.quality.actionsFilter')}
          data={[{ value: 'true', label: t('governance.quality.withOverdue') }]}
          value={filters.overdue}
          onChange={(v) => set('overdue', v)}
          clearable
          w={240}
        />
        <FindingsExport filters={filters} />
      </Group>
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={t('governance.quality.noOpenFindings')}
          message={t('governance.quality.noOpenFindingsHelp')}
        />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover aria-label={t('governance.quality.findingsTable')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('governance.page.project')}</Table.Th>
                  <Table.Th>{t('governance.quality.audit')}</Table.Th>
                  <Table.Th>{t('governance.quality.severityLabel')}</Table.Th>
                  <Table.Th>{t('governance.quality.findingDescription')}</Table.Th>
                  <Table.Th>{t('governance.quality.actionsColumn')}</Table.Th>
                  <Table.Th>{t('governance.quality.nextDue')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((f) => {
                  const open = f.actions.filter((a) => a.status !== 'done');
                  const late = open.filter((a) => a.overdue);
                  const next = open.map((a) => a.dueDate).sort()[0];
                  return (
                    <Table.Tr key={f.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/projects/${f.project.id}/quality`} size="sm">
                          {f.project.code} — {f.project.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{f.audit.title}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <SeverityBadge severity={f.severity} />
                          {f.status === 'closed' && (
                            <Badge color="teal" variant="outline" size="sm">
                              {t('governance.quality.findingStatus.closed')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td maw={360}>
                        <Text size="sm" lineClamp={2}>
                          {f.description}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {f.actions.length === 0 ? (
                          <Text size="sm" c="orange">
                            {t('governance.quality.noActionYet')}
                          </Text>
                        ) : (
                          t('governance.quality.actionsDone', {
                            done: f.actions.length - open.length,
                            total: f.actions.length,
                          })
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {next ? formatDate(next) : '—'}
                          {late.length > 0 && (
                            <Badge color="red" size="xs" variant="filled">
                              {t('governance.page.overdueCount', { count: late.length })}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {list.data && list.data.total > list.data.items.length && (
        <Text size="xs" c="dimmed">
          {t('governance.quality.truncated', {
            shown: list.data.items.length,
            total: list.data.total,
          })}
        </Text>
      )}
    </Stack>
  );
}

function Tile({ label, value, color }: { label: string; value?: number; color?: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={value ? color : undefined}>
        {value ?? '—'}
      </Text>
    </Paper>
  );
}

function ChecklistsSection({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const list = useChecklists();
  const [editing, setEditing] = useState<Checklist | 'new' | null>(null);
  return (
    <Stack>
      {canManage && (
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            {t('governance.quality.newChecklist')}
          </Button>
        </Group>
      )}
      {list.isPending ? (
        <TableSkeleton rows={3} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={t('governance.quality.noChecklists')}
          message={t('governance.quality.noChecklistsHelp')}
        />
      ) : (
        <Paper withBorder radius="md">
          <Table aria-label={t('governance.quality.checklists')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('governance.quality.checklistName')}</Table.Th>
                <Table.Th ta="right">{t('governance.quality.itemCount')}</Table.Th>
                <Table.Th ta="right">{t('governance.quality.auditCount')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text size="sm" fw={500} c={c.archived ? 'dimmed' : undefined}>
                      {c.name}{' '}
                      {c.archived && (
                        <Badge size="xs" color="gray" variant="outline">
                          {t('governance.quality.archived')}
                        </Badge>
                      )}
                    </Text>
                    {c.description && (
                      <Text size="xs" c="dimmed">
                        {c.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{c.items.length}</Table.Td>
                  <Table.Td ta="right">{c.auditCount}</Table.Td>
                  <Table.Td ta="right">
                    {canManage && (
                      <Button size="xs" variant="subtle" onClick={() => setEditing(c)}>
                        {t('common.edit')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && (
        <ChecklistModal
          checklist={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function ChecklistModal({
  checklist,
  onClose,
}: {
  checklist: Checklist | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useQualityRefresh();
  const [name, setName] = useState(checklist?.name ?? '');
  const [description, setDescription] = useState(checklist?.description ?? '');
  const [items, setItems] = useState<{ key: string | null; label: string }[]>(
    checklist?.items ?? [{ key: null, label: '' }],
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (archived?: boolean) => {
    const filled = items.filter((i) => i.label.trim() !== '');
    if (!name.trim() || filled.length === 0) {
      setError(t('governance.quality.checklistMissing'));
      return;
    }
    const taken = new Set(filled.flatMap((i) => (i.key ? [i.key] : [])));
    const body = {
      name: name.trim(),
      description: description.trim(),
      items: filled.map((i) => {
        if (i.key) return { key: i.key, label: i.label.trim() };
        const key = keyOf(i.label, taken);
        taken.add(key);
        return { key, label: i.label.trim() };
      }),
      ...(archived === undefined ? {} : { archived }),
    };
    setBusy(true);
    setError(null);
    try {
      if (checklist)
        await api.patch(
          `/quality/checklists/${checklist.id}`,
          QualityChecklist,
          body,
          checklist.version,
        );
      else await api.post('/quality/checklists', QualityChecklist, body);
      refresh();
      notifications.show({ color: 'teal', message: t('governance.quality.checklistSaved') });
      onClose();
    } catch (e) {
      if (isApiError(e, 'VERSION_MISMATCH')) refresh();
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={checklist ? checklist.name : t('governance.quality.newChecklist')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <TextInput
            label={t('governance.quality.checklistName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
          />
          <Textarea
            label={t('governance.quality.checklistDescription')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
          />
          <Text size="sm" fw={500}>
            {t('governance.quality.items')}
          </Text>
          {items.map((item, i) => (
            <Group key={item.key ?? `new-${i}`} gap="xs" wrap="nowrap">
              <TextInput
                aria-label={t('governance.quality.itemN', { n: i + 1 })}
                placeholder={t('governance.quality.itemPlaceholder')}
                value={item.label}
                onChange={(e) => {
                  const label = e.currentTarget.value;
                  setItems((xs) => xs.map((x, j) => (j === i ? { ...x, label } : x)));
                }}
                style={{ flex: 1 }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('governance.quality.removeItem', { n: i + 1 })}
                onClick={() => setItems((xs) => xs.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setItems((xs) => [...xs, { key: null, label: '' }])}
            >
              {t('governance.quality.addItem')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('governance.quality.itemsHelp')}
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="space-between">
            {checklist ? (
              <Button
                variant="subtle"
                color={checklist.archived ? 'blue' : 'gray'}
                onClick={() => void submit(!checklist.archived)}
                loading={busy}
              >
                {t(
                  checklist.archived
                    ? 'governance.quality.unarchive'
                    : 'governance.quality.archive',
                )}
              </Button>
            ) : (
              <span />
            )}
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
