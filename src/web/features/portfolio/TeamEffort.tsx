import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProjectRequest, type TeamEffort } from '../../../contracts/strategy.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { formatNumber } from '../../format.ts';
import { useTeams } from '../resources/resources-api.ts';
import { useInvalidateRequests } from '../strategy/strategy-api.ts';

export interface EffortRow {
  teamId: string | null;
  days: number | string;
}

/** The rows as the API wants them: complete lines only. */
export const toTeamEffort = (rows: readonly EffortRow[]): TeamEffort[] =>
  rows
    .filter((r) => r.teamId !== null && r.days !== '')
    .map((r) => ({ teamId: r.teamId!, days: Math.round(Number(r.days)) }));

/**
 * Lines « équipe — jours » of a request's effort split by team: a team picker (teams not yet
 * used), the days, a button to remove the line, one to add a line.
 */
export function TeamEffortEditor({
  rows,
  onChange,
}: {
  rows: EffortRow[];
  onChange: (rows: EffortRow[]) => void;
}) {
  const { t } = useTranslation();
  const teams = useTeams();
  const options = (teams.data?.items ?? []).map((x) => ({
    value: x.id,
    label: `${x.name} (${x.code})`,
  }));
  const total = rows.reduce((a, r) => a + (r.days === '' ? 0 : Number(r.days)), 0);
  const set = (k: number, row: Partial<EffortRow>) =>
    onChange(rows.map((r, i) => (i === k ? { ...r, ...row } : r)));
  return (
    <Stack gap="xs">
      <div>
        <Text size="sm" fw={500}>
          {t('portfolioSelection.teamEffort.title')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('portfolioSelection.teamEffort.help')}
        </Text>
      </div>
      {rows.map((r, k) => (
        <Group key={k} gap="xs" align="flex-end" wrap="nowrap">
          <Select
            style={{ flex: 1 }}
            label={t('portfolioSelection.teamEffort.team', { n: k + 1 })}
            placeholder={t('portfolioSelection.teamEffort.pickTeam')}
            data={options.filter(
              (o) => o.value === r.teamId || !rows.some((x) => x.teamId === o.value),
            )}
            searchable
            value={r.teamId}
            onChange={(teamId) => set(k, { teamId })}
          />
          <NumberInput
            w={130}
            label={t('portfolioSelection.teamEffort.days', { n: k + 1 })}
            min={0}
            allowDecimal={false}
            thousandSeparator=" "
            value={r.days}
            onChange={(days) => set(k, { days })}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            mb={2}
            aria-label={t('portfolioSelection.teamEffort.remove', { n: k + 1 })}
            onClick={() => onChange(rows.filter((_, i) => i !== k))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group justify="space-between">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          disabled={options.length > 0 && rows.length >= options.length}
          onClick={() => onChange([...rows, { teamId: null, days: '' }])}
        >
          {t('portfolioSelection.teamEffort.add')}
        </Button>
        {rows.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('portfolioSelection.teamEffort.total', { n: formatNumber(total) })}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

/**
 * The request page's « Charge par équipe »: the split as a table (or what is assumed without
 * one), and for the PMO a dialog to change it (If-Match on the request's version).
 */
export function TeamEffortPanel({
  request,
  editable,
}: {
  request: ProjectRequest;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const total = request.effortByTeam.reduce((a, e) => a + e.days, 0);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="req-team-effort">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="req-team-effort">
          {t('portfolioSelection.teamEffort.title')}
        </Title>
        {editable && (
          <Button variant="light" size="xs" onClick={() => setEditing(true)}>
            {t('portfolioSelection.teamEffort.edit')}
          </Button>
        )}
      </Group>
      {request.effortByTeam.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portfolioSelection.teamEffort.none')}
        </Text>
      ) : (
        <Table withTableBorder={false} maw={520}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('portfolioSelection.teamEffort.teamHeader')}</Table.Th>
              <Table.Th ta="right">{t('portfolioSelection.teamEffort.daysHeader')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {request.effortByTeam.map((e) => (
              <Table.Tr key={e.team.id}>
                <Table.Td>{e.team.name}</Table.Td>
                <Table.Td ta="right">{formatNumber(e.days)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td fw={600}>{t('portfolioSelection.teamEffort.totalHeader')}</Table.Td>
              <Table.Td ta="right" fw={600}>
                {formatNumber(total)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
      {editing && <TeamEffortModal request={request} onClose={() => setEditing(false)} />}
    </Paper>
  );
}

function TeamEffortModal({ request, onClose }: { request: ProjectRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateRequests();
  const [rows, setRows] = useState<EffortRow[]>(
    request.effortByTeam.length > 0
      ? request.effortByTeam.map((e) => ({ teamId: e.team.id, days: e.days }))
      : [{ teamId: null, days: '' }],
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setError(null);
    setSaving(true);
    try {
      const updated = await api.patch(
        `/strategy/requests/${request.id}`,
        ProjectRequest,
        { effortByTeam: toTeamEffort(rows) },
        request.version,
      );
      await invalidate(updated);
      onClose();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('portfolioSelection.teamEffort.title')} size="lg">
      <Stack>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <TeamEffortEditor rows={rows} onChange={setRows} />
        <FormActions onCancel={onClose}>
          <Button loading={saving} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </FormActions>
      </Stack>
    </Modal>
  );
}
