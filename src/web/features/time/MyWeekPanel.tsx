import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconArrowRight,
  IconCopy,
  IconDeviceFloppy,
  IconLock,
  IconPlus,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Timesheet } from '../../../contracts/time.ts';
import { mondayOfDate, shiftWeek, weekTotals } from '../../../core/time/timesheet.ts';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { currentLocale } from '../../i18n.ts';
import { formatDate } from '../../format.ts';
import { formatHours, moveFor, parseHours } from './grid.ts';
import { StatusBadge, formatH } from './time-format.tsx';
import { useMyWeek, useTargets, useWeekActions } from './time-api.ts';
import { WeekFollowUps, useWeekAbsences } from '../whatif/WeekFollowUps.tsx';
import { sickOnTrainingDays } from '../../../core/whatif/cra.ts';

interface Row {
  key: string;
  projectId: string | null;
  taskId: string | null;
  activityId: string | null;
  label: string;
  detail: string | null;
  texts: string[];
}

interface Violation {
  code: string;
  line: number | null;
  day: number | null;
  value?: number;
  limit?: number;
  kind?: string;
}

const today = () => new Date().toISOString().slice(0, 10);

function rowsOf(sheet: Timesheet, decimal: ',' | '.'): Row[] {
  return sheet.lines.map((l, i) => ({
    key: `${l.id ?? 'new'}-${i}`,
    projectId: l.project?.id ?? null,
    taskId: l.task?.id ?? null,
    activityId: l.activity?.id ?? null,
    label: l.project ? `${l.project.code} — ${l.project.name}` : (l.activity?.name ?? ''),
    detail: l.task?.name ?? null,
    texts: l.hours.map((h) => formatHours(h, decimal)),
  }));
}

/** "Mon CRA": the signed-in person's week as a grid filled with the keyboard. */
export function MyWeekPanel() {
  const { t } = useTranslation();
  const decimal = currentLocale() === 'fr' ? ',' : '.';
  const [week, setWeek] = useState(() => mondayOfDate(today()));
  const query = useMyWeek(week);
  const targets = useTargets();
  const actions = useWeekActions(week);
  const [rows, setRows] = useState<Row[]>([]);
  const [dirty, setDirty] = useState(false);
  const [violations, setViolations] = useState<Violation[]>([]);
  const cells = useRef(new Map<string, HTMLInputElement>());
  const sheet = query.data;
  const absences = useWeekAbsences(week);

  useEffect(() => {
    if (!sheet || sheet.weekStart !== week) return;
    setRows(rowsOf(sheet, decimal));
    setDirty(false);
    setViolations([]);
  }, [sheet, week, decimal]);

  const parsed = rows.map((r) => r.texts.map(parseHours));
  const totals = weekTotals(parsed.map((hs) => hs.map((h) => h ?? 0)));
  const invalid = parsed.some((hs) => hs.some((h) => h === null));
  const editable = sheet?.editable ?? false;
  // A sick day on a training day: no training followed, nothing to charge to it (said, not a bare 0 h).
  const sickOnTraining = sheet
    ? sickOnTrainingDays(
        sheet.days.map((d) => d.date),
        absences.data?.items ?? [],
      )
    : [];

  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!sheet) return <TableSkeleton rows={5} />;

  const body = () => ({
    lines: rows.map((r, i) => ({
      projectId: r.projectId,
      taskId: r.taskId,
      activityId: r.activityId,
      hours: parsed[i]!.map((h) => h ?? 0),
    })),
  });

  const onError = (error: unknown) => {
    if (isApiError(error, 'TIMESHEET_INVALID')) {
      const v = (error.details as { violations?: Violation[] }).violations ?? [];
      setViolations(v);
      notifications.show({ color: 'red', message: t('time.week.invalid', { count: v.length }) });
      return;
    }
    if (isApiError(error, 'VERSION_MISMATCH')) void query.refetch();
    notifications.show({ color: 'red', message: errorMessage(t, error) });
  };

  const save = () => {
    if (invalid) return;
    actions.save.mutate(
      { body: body(), version: sheet.version },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('time.week.saved') }),
        onError,
      },
    );
  };
  const submit = () => {
    if (invalid) return;
    actions.submit.mutate(
      { body: body(), version: sheet.version },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: t('time.week.submittedToast') }),
        onError,
      },
    );
  };
  const copy = () =>
    actions.copy.mutate(sheet.version, {
      onSuccess: (s) =>
        notifications.show({
          color: 'teal',
          message: s.lines.length ? t('time.week.copied') : t('time.week.nothingToCopy'),
        }),
      onError,
    });

  const setText = (row: number, col: number, text: string) => {
    setRows((rs) =>
      rs.map((r, i) =>
        i === row ? { ...r, texts: r.texts.map((x, c) => (c === col ? text : x)) } : r,
      ),
    );
    setDirty(true);
  };

  const focusCell = (row: number, col: number) => {
    const el = cells.current.get(`${row}:${col}`);
    if (el) {
      el.focus();
      el.select();
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      save();
      return;
    }
    const input = e.currentTarget;
    const caret = {
      atStart: input.selectionStart === 0,
      atEnd: input.selectionEnd === input.value.length,
    };
    const to = moveFor(e.key, { row, col }, { rows: rows.length, cols: 7 }, caret);
    if (to) {
      e.preventDefault();
      focusCell(to.row, to.col);
    }
  };

  const addRow = (row: Omit<Row, 'key' | 'texts'>) => {
    const exists = rows.some(
      (r) =>
        r.projectId === row.projectId && r.taskId === row.taskId && r.activityId === row.activityId,
    );
    if (exists) return;
    setRows((rs) => [
      ...rs,
      { ...row, key: `added-${Date.now()}`, texts: ['', '', '', '', '', '', ''] },
    ]);
    setDirty(true);
    window.setTimeout(() => focusCell(rows.length, 0), 0);
  };

  const cellViolation = (line: number, day: number) =>
    violations.find(
      (v) =>
        (v.line === line && (v.day === day || v.day === null)) ||
        (v.line === null && v.day === day),
    );
  const dayOver = (d: number) => totals.perDay[d]! > sheet.rules.maxHoursPerDay;
  const weekDays = sheet.days.map((d) =>
    new Intl.DateTimeFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', {
      weekday: 'short',
      timeZone: 'UTC',
    }).format(new Date(`${d.date}T00:00:00Z`)),
  );
  const busy = actions.save.isPending || actions.submit.isPending || actions.copy.isPending;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="xs" wrap="nowrap">
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('time.week.previous')}
            onClick={() => setWeek(shiftWeek(week, -1))}
          >
            <IconArrowLeft size={18} aria-hidden />
          </ActionIcon>
          <Stack gap={0}>
            <Text fw={600} data-testid="week-title">
              {t('time.week.title', {
                week: sheet.isoWeek.week,
                from: formatDate(sheet.days[0]!.date),
                to: formatDate(sheet.days[6]!.date),
              })}
            </Text>
            <Group gap={6}>
              <StatusBadge status={sheet.status} />
              {dirty && (
                <Text size="xs" fw={600} c="red.9">
                  {t('time.week.unsaved')}
                </Text>
              )}
            </Group>
          </Stack>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('time.week.next')}
            onClick={() => setWeek(shiftWeek(week, 1))}
          >
            <IconArrowRight size={18} aria-hidden />
          </ActionIcon>
          <Button variant="subtle" size="xs" onClick={() => setWeek(mondayOfDate(today()))}>
            {t('time.week.thisWeek')}
          </Button>
        </Group>
        {editable && (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconCopy size={16} aria-hidden />}
              onClick={copy}
              loading={actions.copy.isPending}
              disabled={busy}
            >
              {t('time.week.copyPrevious')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconDeviceFloppy size={16} aria-hidden />}
              onClick={save}
              loading={actions.save.isPending}
              disabled={busy || invalid}
            >
              {t('common.save')}
            </Button>
            <Button
              leftSection={<IconSend size={16} aria-hidden />}
              onClick={submit}
              loading={actions.submit.isPending}
              disabled={busy || invalid || totals.total === 0}
            >
              {t('time.week.submit')}
            </Button>
          </Group>
        )}
      </Group>

      <WeekFollowUps week={week} sheet={sheet} />
      {sheet.status === 'rejected' && sheet.comment && (
        <Alert color="red" title={t('time.week.rejectedTitle')}>
          {sheet.comment}
        </Alert>
      )}
      {violations.length > 0 && (
        <Alert
          color="red"
          title={t('time.week.invalid', { count: violations.length })}
          role="alert"
        >
          <Stack gap={2}>
            {violations.map((v, i) => (
              <Text size="sm" key={i}>
                {violationText(t, v, rows, sheet)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}

      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table className="cra-grid" verticalSpacing={4} horizontalSpacing="xs" miw={860}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" style={{ minWidth: 260 }}>
                {t('time.week.line')}
              </Table.Th>
              {sheet.days.map((d, i) => (
                <Table.Th
                  key={d.date}
                  scope="col"
                  ta="center"
                  style={{ width: 78 }}
                  bg={d.weekend || d.holiday ? 'var(--mantine-color-default-hover)' : undefined}
                >
                  <Stack gap={0} align="center">
                    <Text size="xs" fw={700} tt="capitalize">
                      {weekDays[i]} {formatDate(d.date).slice(0, 5)}
                    </Text>
                    {d.holiday && (
                      <Text size="xs" c="grape.8">
                        {t('time.week.holiday')}
                      </Text>
                    )}
                    {sickOnTraining[i] && (
                      <Tooltip
                        label={t('time.week.sickOnTrainingHelp')}
                        multiline
                        w={260}
                        events={{ hover: true, focus: true, touch: true }}
                      >
                        <Text size="xs" c="orange.9" tabIndex={0} ta="center">
                          {t('time.week.sickOnTraining')}
                        </Text>
                      </Tooltip>
                    )}
                    {d.locked && (
                      <Tooltip label={t('time.week.locked')}>
                        <IconLock size={12} aria-label={t('time.week.locked')} />
                      </Tooltip>
                    )}
                  </Stack>
                </Table.Th>
              ))}
              <Table.Th scope="col" ta="right" style={{ width: 70 }}>
                {t('time.week.total')}
              </Table.Th>
              {editable && <Table.Th style={{ width: 40 }} aria-label={t('common.actions')} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={10}>
                  <Text size="sm" c="dimmed" py="md" ta="center">
                    {t('time.week.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {rows.map((r, i) => {
              const line = sheet.lines[i];
              return (
                <Table.Tr key={r.key}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm" fw={500} lineClamp={1}>
                      {r.label}
                    </Text>
                    {(r.detail || (r.activityId && !r.detail)) && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {r.detail ?? t('time.week.activity')}
                      </Text>
                    )}
                    {line && sheet.status !== 'draft' && line.approval !== 'pending' && (
                      <Text size="xs" c={line.approval === 'approved' ? 'teal.8' : 'red.8'}>
                        {t(`time.approval.${line.approval}`)}
                        {line.decidedBy ? ` — ${line.decidedBy.name}` : ''}
                      </Text>
                    )}
                  </Table.Th>
                  {r.texts.map((text, d) => {
                    const bad = parsed[i]![d] === null || cellViolation(i, d) !== undefined;
                    const day = sheet.days[d]!;
                    return (
                      <Table.Td
                        key={d}
                        p={2}
                        bg={
                          day.weekend || day.holiday
                            ? 'var(--mantine-color-default-hover)'
                            : undefined
                        }
                      >
                        <input
                          ref={(el) => {
                            if (el) cells.current.set(`${i}:${d}`, el);
                            else cells.current.delete(`${i}:${d}`);
                          }}
                          className="cra-cell"
                          data-invalid={bad || undefined}
                          inputMode="decimal"
                          autoComplete="off"
                          value={text}
                          readOnly={!editable}
                          aria-invalid={bad || undefined}
                          aria-label={t('time.week.cellLabel', {
                            line: r.detail ? `${r.label} / ${r.detail}` : r.label,
                            day: `${weekDays[d]} ${formatDate(day.date)}`,
                          })}
                          onChange={(e) => setText(i, d, e.currentTarget.value)}
                          onKeyDown={(e) => onKeyDown(e, i, d)}
                          onFocus={(e) => e.currentTarget.select()}
                        />
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="right" fw={600}>
                    {formatH(totals.perLine[i] ?? 0)}
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('time.week.removeLine', { line: r.label })}
                        onClick={() => {
                          setRows((rs) => rs.filter((_, k) => k !== i));
                          setDirty(true);
                        }}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">{t('time.week.dayTotal')}</Table.Th>
              {totals.perDay.map((h, d) => (
                <Table.Td
                  key={d}
                  ta="center"
                  fw={700}
                  c={dayOver(d) ? 'red.8' : undefined}
                  data-testid={`day-total-${d}`}
                >
                  {formatH(h)}
                </Table.Td>
              ))}
              <Table.Td
                ta="right"
                fw={700}
                c={totals.total > sheet.rules.maxHoursPerWeek ? 'red.8' : undefined}
                data-testid="week-total"
              >
                {formatH(totals.total)}
              </Table.Td>
              {editable && <Table.Td />}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Paper>
      <Text size="xs" c="dimmed">
        {t('time.week.keyboardHelp', {
          day: formatH(sheet.rules.maxHoursPerDay),
          week: formatH(sheet.rules.maxHoursPerWeek),
        })}
      </Text>

      {editable && <AddLine targets={targets.data} onAdd={addRow} />}
    </Stack>
  );
}

function violationText(
  t: (k: string, o?: Record<string, unknown>) => string,
  v: Violation,
  rows: Row[],
  sheet: Timesheet,
): string {
  const line = v.line !== null ? (rows[v.line]?.label ?? '') : '';
  const day = v.day !== null ? formatDate(sheet.days[v.day]?.date) : '';
  return t(`time.violations.${v.code}`, {
    line,
    day,
    value: v.value === undefined ? '' : formatH(v.value),
    limit: v.limit === undefined ? '' : formatH(v.limit),
    kind: v.kind ? t(`resources.absences.kinds.${v.kind}`) : '',
  });
}

/** Add a line: a project then (optionally) one of its tasks, or a non-project activity. */
function AddLine({
  targets,
  onAdd,
}: {
  targets: ReturnType<typeof useTargets>['data'];
  onAdd: (row: Omit<Row, 'key' | 'texts'>) => void;
}) {
  const { t } = useTranslation();
  const [projectId, setProjectId] = useState<string | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [activityId, setActivityId] = useState<string | null>(null);
  const project = targets?.projects.find((p) => p.id === projectId);
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap="sm">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('time.add.project')}
            placeholder={t('time.add.projectPlaceholder')}
            searchable
            clearable
            w={300}
            data={(targets?.projects ?? []).map((p) => ({
              value: p.id,
              label: `${p.code} — ${p.name}`,
            }))}
            value={projectId}
            onChange={(v) => {
              setProjectId(v);
              setTaskId(null);
            }}
            nothingFoundMessage={t('time.add.noProject')}
          />
          <Select
            label={t('time.add.task')}
            placeholder={t('time.add.taskPlaceholder')}
            searchable
            clearable
            w={280}
            disabled={!project}
            data={(project?.tasks ?? []).map((x) => ({ value: x.id, label: `${x.wbs} ${x.name}` }))}
            value={taskId}
            onChange={setTaskId}
          />
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={!project}
            onClick={() => {
              if (!project) return;
              const task = project.tasks.find((x) => x.id === taskId);
              onAdd({
                projectId: project.id,
                taskId: task?.id ?? null,
                activityId: null,
                label: `${project.code} — ${project.name}`,
                detail: task?.name ?? null,
              });
              setProjectId(null);
              setTaskId(null);
            }}
          >
            {t('time.add.addProject')}
          </Button>
        </Group>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('time.add.activity')}
            placeholder={t('time.add.activityPlaceholder')}
            w={240}
            data={(targets?.activities ?? [])
              .map((a) => ({
                value: a.id,
                label: a.name,
                group: t(`time.kinds.${a.kind}`),
              }))
              .reduce<{ group: string; items: { value: string; label: string }[] }[]>((acc, a) => {
                const g = acc.find((x) => x.group === a.group);
                if (g) g.items.push({ value: a.value, label: a.label });
                else acc.push({ group: a.group, items: [{ value: a.value, label: a.label }] });
                return acc;
              }, [])}
            value={activityId}
            onChange={setActivityId}
          />
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={!activityId}
            onClick={() => {
              const a = targets?.activities.find((x) => x.id === activityId);
              if (!a) return;
              onAdd({
                projectId: null,
                taskId: null,
                activityId: a.id,
                label: a.name,
                detail: null,
              });
              setActivityId(null);
            }}
          >
            {t('time.add.addActivity')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
