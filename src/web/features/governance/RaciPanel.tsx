import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Raci } from '../../../contracts/governance.ts';
import {
  checkRaci,
  nextRaciValue,
  RACI_LETTERS,
  type RaciLetter,
} from '../../../core/governance/raci.ts';
import { apiRequest, isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { RoleLabel } from '../methods/RoleLabel.tsx';
import { governanceKeys, useRaci } from './governance-api.ts';
import './governance.css';

type Draft = Pick<Raci, 'columns' | 'rows'>;

const slug = (text: string, taken: Set<string>) => {
  const base =
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30) || 'x';
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
  return key;
};

/**
 * The RACI matrix of a project: activities × roles. A keyboard grid — arrows move, Space or
 * Enter cycles the cell (R, A, A+R, C, I, empty), the letters R A C I set it, Delete clears.
 */
export function RaciPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const raci = useRaci(projectId);
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [newRow, setNewRow] = useState('');
  const [newColumn, setNewColumn] = useState('');
  const grid = useRef<HTMLTableElement>(null);

  useEffect(() => {
    if (raci.data) {
      setDraft({ columns: raci.data.columns, rows: raci.data.rows });
      setVersion(raci.data.version);
    }
  }, [raci.data]);

  if (raci.isPending || !draft)
    return raci.isError ? <ErrorState error={raci.error} /> : <TableSkeleton rows={4} />;
  const checks = new Map(checkRaci(draft.rows).map((c) => [c.key, c.problems]));
  const dirty =
    JSON.stringify(draft) !==
    JSON.stringify({ columns: raci.data?.columns, rows: raci.data?.rows });

  const setCell = (rowKey: string, colKey: string, letters: RaciLetter[]) =>
    setDraft(
      (d) =>
        d && {
          ...d,
          rows: d.rows.map((r) =>
            r.key === rowKey ? { ...r, cells: { ...r.cells, [colKey]: letters } } : r,
          ),
        },
    );

  const focusCell = (row: number, col: number) => {
    const el = grid.current?.querySelector<HTMLButtonElement>(
      `[data-row="${row}"][data-col="${col}"]`,
    );
    el?.focus();
  };

  const onKey = (e: React.KeyboardEvent, row: number, col: number, current: RaciLetter[]) => {
    const r = draft.rows[row]!;
    const c = draft.columns[col]!;
    const key = e.key.toUpperCase();
    if (e.key === 'ArrowRight') focusCell(row, Math.min(col + 1, draft.columns.length - 1));
    else if (e.key === 'ArrowLeft') focusCell(row, Math.max(col - 1, 0));
    else if (e.key === 'ArrowDown') focusCell(Math.min(row + 1, draft.rows.length - 1), col);
    else if (e.key === 'ArrowUp') focusCell(Math.max(row - 1, 0), col);
    else if (!canEdit) return;
    else if (e.key === 'Delete' || e.key === 'Backspace') setCell(r.key, c.key, []);
    else if ((RACI_LETTERS as readonly string[]).includes(key)) {
      const letter = key as RaciLetter;
      setCell(
        r.key,
        c.key,
        current.includes(letter) ? current.filter((l) => l !== letter) : [...current, letter],
      );
    } else return;
    e.preventDefault();
  };

  const saveAll = async () => {
    setBusy(true);
    try {
      const saved = await apiRequest('PUT', `/projects/${projectId}/raci`, Raci, {
        body: draft,
        ifMatch: version,
      });
      client.setQueryData(governanceKeys.raci(projectId), saved);
      notifications.show({ color: 'teal', message: t('governance.raci.saved') });
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
      if (isApiError(e, 'VERSION_MISMATCH')) void raci.refetch();
    } finally {
      setBusy(false);
    }
  };

  const addRow = () => {
    const activity = newRow.trim();
    if (!activity) return;
    setDraft({
      ...draft,
      rows: [
        ...draft.rows,
        { key: slug(activity, new Set(draft.rows.map((r) => r.key))), activity, cells: {} },
      ],
    });
    setNewRow('');
  };
  const addColumn = () => {
    const label = newColumn.trim();
    if (!label) return;
    setDraft({
      ...draft,
      columns: [
        ...draft.columns,
        { key: slug(label, new Set(draft.columns.map((c) => c.key))), label, personId: null },
      ],
    });
    setNewColumn('');
  };

  const cellLabel = (letters: RaciLetter[]) =>
    letters.length === 0
      ? t('governance.raci.none')
      : letters.map((l) => t(`governance.raci.letters.${l}`)).join(', ');

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="raci-title">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5" id="raci-title">
          {t('governance.raci.title')}
        </Title>
        {canEdit && (
          <Button onClick={() => void saveAll()} loading={busy} disabled={!dirty}>
            {t('governance.raci.save')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {canEdit ? t('governance.raci.help') : t('governance.raci.legend')}
      </Text>
      {draft.rows.length === 0 && draft.columns.length === 0 ? (
        <Text size="sm" c="dimmed" mb="sm">
          {canEdit ? t('governance.raci.emptyEdit') : t('governance.raci.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={200 + draft.columns.length * 110}>
          <Table
            ref={grid}
            withColumnBorders
            withTableBorder
            role="grid"
            aria-labelledby="raci-title"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('governance.raci.activity')}</Table.Th>
                {draft.columns.map((c) => (
                  <Table.Th key={c.key} ta="center">
                    <Group gap={2} justify="center" wrap="nowrap">
                      <RoleLabel label={c.label} />
                      {canEdit && (
                        <ActionIcon
                          size="xs"
                          variant="subtle"
                          color="gray"
                          aria-label={t('governance.raci.removeColumn', { name: c.label })}
                          onClick={() =>
                            setDraft({
                              columns: draft.columns.filter((x) => x.key !== c.key),
                              rows: draft.rows.map((r) => {
                                const { [c.key]: _, ...cells } = r.cells;
                                return { ...r, cells };
                              }),
                            })
                          }
                        >
                          <IconTrash size={12} aria-hidden />
                        </ActionIcon>
                      )}
                    </Group>
                  </Table.Th>
                ))}
                <Table.Th>{t('governance.raci.checks')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draft.rows.map((r, i) => {
                const problems = checks.get(r.key) ?? [];
                return (
                  <Table.Tr key={r.key}>
                    <Table.Th scope="row" fw={500}>
                      <Group gap={4} wrap="nowrap" justify="space-between">
                        <span>{r.activity}</span>
                        {canEdit && (
                          <ActionIcon
                            size="xs"
                            variant="subtle"
                            color="gray"
                            aria-label={t('governance.raci.removeRow', { name: r.activity })}
                            onClick={() =>
                              setDraft({
                                ...draft,
                                rows: draft.rows.filter((x) => x.key !== r.key),
                              })
                            }
                          >
                            <IconTrash size={12} aria-hidden />
                          </ActionIcon>
                        )}
                      </Group>
                    </Table.Th>
                    {draft.columns.map((c, j) => {
                      const letters = (r.cells[c.key] ?? []) as RaciLetter[];
                      const text = [...letters].sort().reverse().join('/');
                      return (
                        <Table.Td key={c.key} p={2} ta="center">
                          <button
                            type="button"
                            className="gov-raci-cell"
                            data-row={i}
                            data-col={j}
                            data-letters={[...letters].sort().join('')}
                            tabIndex={i === 0 && j === 0 ? 0 : -1}
                            aria-label={t('governance.raci.cell', {
                              activity: r.activity,
                              role: c.label,
                              value: cellLabel(letters),
                            })}
                            aria-disabled={!canEdit}
                            onClick={() => canEdit && setCell(r.key, c.key, nextRaciValue(letters))}
                            onKeyDown={(e) => onKey(e, i, j, letters)}
                          >
                            {text}
                          </button>
                        </Table.Td>
                      );
                    })}
                    <Table.Td>
                      {problems.length === 0 ? (
                        <Badge color="teal" variant="light" size="sm">
                          {t('governance.raci.ok')}
                        </Badge>
                      ) : (
                        <Stack gap={2}>
                          {problems.map((p) => (
                            <Badge key={p} color="red" variant="light" size="sm">
                              {t(`governance.raci.problems.${p}`)}
                            </Badge>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canEdit && (
        <Group mt="sm" align="flex-end">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              addRow();
            }}
          >
            <Group gap="xs" align="flex-end">
              <TextInput
                label={t('governance.raci.newRow')}
                value={newRow}
                onChange={(e) => setNewRow(e.currentTarget.value)}
              />
              <Button
                type="submit"
                variant="default"
                leftSection={<IconPlus size={14} aria-hidden />}
              >
                {t('governance.raci.addRow')}
              </Button>
            </Group>
          </form>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              addColumn();
            }}
          >
            <Group gap="xs" align="flex-end">
              <TextInput
                label={t('governance.raci.newColumn')}
                value={newColumn}
                onChange={(e) => setNewColumn(e.currentTarget.value)}
              />
              <Button
                type="submit"
                variant="default"
                leftSection={<IconPlus size={14} aria-hidden />}
              >
                {t('governance.raci.addColumn')}
              </Button>
            </Group>
          </form>
        </Group>
      )}
      {dirty && canEdit && (
        <Alert color="blue" variant="light" mt="sm">
          {t('governance.raci.unsaved')}
        </Alert>
      )}
    </Paper>
  );
}
