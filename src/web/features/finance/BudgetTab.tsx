import {
  Alert,
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
import { IconDownload, IconPlus, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BUDGET_CATEGORIES,
  type Budget,
  type BudgetCategory,
  type BudgetLine,
  type BudgetRevision,
  type CostNature,
} from '../../../contracts/finance.ts';
import type { Project } from '../../../contracts/portfolio.ts';
import { parseMinorUnits } from '../../../core/tabular/csv.ts';
import { API_BASE } from '../../api/client.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { BudgetGrid } from './BudgetGrid.tsx';
import { CostsPanel } from './CostsPanel.tsx';
import { ForecastPanel } from '../evm/ForecastPanel.tsx';
import { EvmPanel } from './EvmPanel.tsx';
import { minorToInput } from './finance-format.ts';
import { TaskPicker } from './TaskPicker.tsx';
import { useBudget, useBudgetMutations } from './finance-api.ts';

// The light alert colours give titles too little contrast (WCAG AA): titles use the text colour.
const READABLE_TITLE = { title: { color: 'var(--mantine-color-text)' } };

/** The project's "Budget" tab: figures, the budget grid, revisions, forecasts, earned value, costs. */
export function BudgetTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const budget = useBudget(project.id);
  const m = useBudgetMutations(project.id);
  const [adding, setAdding] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  if (budget.isPending) return <TableSkeleton rows={8} />;
  if (budget.isError)
    return <ErrorState error={budget.error} onRetry={() => void budget.refetch()} />;
  const b = budget.data;
  const pending = b.revisions.find((r) => r.status === 'submitted') ?? null;
  return (
    <Stack gap="lg">
      <Figures budget={b} />
      {b.can.edit && b.pendingChange && !pending && (
        <Alert color="yellow" title={t('finance.revision.changedTitle')} styles={READABLE_TITLE}>
          <Group justify="space-between">
            <Text size="sm">{t('finance.revision.changedMessage')}</Text>
            <Button
              size="xs"
              leftSection={<IconSend size={14} aria-hidden />}
              onClick={() => setSubmitting(true)}
            >
              {t('finance.revision.submit')}
            </Button>
          </Group>
        </Alert>
      )}
      {pending && (
        <PendingRevision
          revision={pending}
          canApprove={b.can.approve}
          onDecide={(decision, comment) =>
            m.decide.mutate({ revision: pending, decision, comment })
          }
        />
      )}
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('finance.grid.title')}
          </Title>
          <Group gap="xs">
            {(['xlsx', 'csv'] as const).map((format) => (
              <Button
                key={format}
                size="xs"
                component="a"
                variant="default"
                href={`${API_BASE}/projects/${project.id}/budget/export?format=${format}`}
                leftSection={<IconDownload size={14} aria-hidden />}
                aria-label={t('finance.grid.export', { format: format.toUpperCase() })}
              >
                {format.toUpperCase()}
              </Button>
            ))}
            {b.can.edit && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => setAdding(true)}
              >
                {t('finance.line.add')}
              </Button>
            )}
          </Group>
        </Group>
        {b.lines.length === 0 ? (
          <EmptyState
            title={t('finance.grid.emptyTitle')}
            message={t(b.can.edit ? 'finance.grid.emptyEdit' : 'finance.grid.emptyRead')}
          />
        ) : (
          <>
            {b.can.edit && (
              <Text size="xs" c="dimmed">
                {t('finance.grid.help')}
              </Text>
            )}
            <BudgetGrid
              budget={b}
              onSetAmount={(line, month, amount) =>
                m.updateLine.mutate({ line, body: { amounts: [{ month, amount }] } })
              }
              onDelete={(line) => m.deleteLine.mutate(line)}
            />
          </>
        )}
      </Stack>
      {b.lines.length > 0 && (
        <ForecastTable
          budget={b}
          projectId={project.id}
          onForecast={(line, etc, comment) =>
            m.updateLine.mutate({ line, body: { etc, forecastComment: comment } })
          }
          onTask={(line, taskId) => m.updateLine.mutate({ line, body: { taskId } })}
        />
      )}
      <EvmPanel projectId={project.id} />
      <ForecastPanel projectId={project.id} />
      <CostsPanel projectId={project.id} lines={b.lines} />
      <RevisionHistory revisions={b.revisions} />
      <AddLineModal
        projectId={project.id}
        opened={adding}
        onClose={() => setAdding(false)}
        months={b.months}
        onSubmit={(body) => m.createLine.mutate(body, { onSuccess: () => setAdding(false) })}
        busy={m.createLine.isPending}
      />
      <SubmitModal
        opened={submitting}
        onClose={() => setSubmitting(false)}
        busy={m.submit.isPending}
        onSubmit={(reason) => m.submit.mutate(reason, { onSuccess: () => setSubmitting(false) })}
      />
    </Stack>
  );
}

function Figure({ label, value, tone }: { label: string; value: string; tone?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700} c={tone} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Paper>
  );
}

function Figures({ budget }: { budget: Budget }) {
  const { t } = useTranslation();
  const s = budget.totals;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
      <Figure label={t('finance.figures.budget')} value={formatMoney(s.total)} />
      <Figure label={t('finance.figures.baseline')} value={formatMoney(s.baseline)} />
      <Figure label={t('finance.figures.committed')} value={formatMoney(s.committed)} />
      <Figure label={t('finance.figures.actual')} value={formatMoney(s.actual)} />
      <Figure label={t('finance.figures.eac')} value={formatMoney(s.eac)} />
      <Figure
        label={t('finance.figures.variance')}
        value={formatMoney(s.variance)}
        tone={s.variance < 0 ? 'red' : 'teal'}
      />
      <Figure label={t('finance.nature.capex')} value={formatMoney(s.capex)} />
      <Figure label={t('finance.nature.opex')} value={formatMoney(s.opex)} />
    </SimpleGrid>
  );
}

function PendingRevision({
  revision,
  canApprove,
  onDecide,
}: {
  revision: BudgetRevision;
  canApprove: boolean;
  onDecide: (d: 'approve' | 'reject', comment: string) => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  return (
    <Alert
      color="blue"
      title={t('finance.revision.pendingTitle', { number: revision.number })}
      styles={READABLE_TITLE}
    >
      <Stack gap="xs">
        <Text size="sm">
          {t('finance.revision.pendingMessage', {
            who: revision.submittedBy?.name ?? '—',
            when: formatDateTime(revision.submittedAt),
            total: formatMoney(revision.total),
          })}
        </Text>
        <Text size="sm" fs="italic">
          « {revision.reason} »
        </Text>
        {canApprove && (
          <Group align="flex-end">
            <TextInput
              label={t('finance.revision.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button color="teal" onClick={() => onDecide('approve', comment)}>
              {t('finance.revision.approve')}
            </Button>
            <Button color="red" variant="light" onClick={() => onDecide('reject', comment)}>
              {t('finance.revision.reject')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

function RevisionHistory({ revisions }: { revisions: BudgetRevision[] }) {
  const { t } = useTranslation();
  if (revisions.length === 0) return null;
  const color = { submitted: 'blue', approved: 'teal', rejected: 'red' } as const;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('finance.revision.history')}
      </Title>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('finance.revision.number')}</Table.Th>
            <Table.Th scope="col">{t('finance.revision.status')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('finance.figures.budget')}
            </Table.Th>
            <Table.Th scope="col">{t('finance.revision.reason')}</Table.Th>
            <Table.Th scope="col">{t('finance.revision.submittedBy')}</Table.Th>
            <Table.Th scope="col">{t('finance.revision.decidedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {revisions.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.number}</Table.Td>
              <Table.Td>
                <Badge color={color[r.status]} variant="light">
                  {t(`finance.revision.statuses.${r.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{formatMoney(r.total)}</Table.Td>
              <Table.Td>{r.reason}</Table.Td>
              <Table.Td>
                {r.submittedBy?.name ?? '—'} · {formatDateTime(r.submittedAt)}
              </Table.Td>
              <Table.Td>
                {r.decidedBy
                  ? `${r.decidedBy.name} · ${formatDateTime(r.decidedAt)}${r.decisionComment ? ` — ${r.decisionComment}` : ''}`
                  : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function ForecastTable({
  budget,
  projectId,
  onForecast,
  onTask,
}: {
  budget: Budget;
  projectId: string;
  onForecast: (line: BudgetLine, etc: number | null, comment: string) => void;
  onTask: (line: BudgetLine, taskId: string | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('finance.forecast.title')}
      </Title>
      <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('finance.grid.line')}</Table.Th>
            <Table.Th scope="col">{t('finance.lineTask.label')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('finance.figures.budget')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('finance.figures.committed')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('finance.figures.actual')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('finance.forecast.etc')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('finance.figures.eac')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('finance.figures.variance')}
            </Table.Th>
            <Table.Th scope="col">{t('finance.forecast.comment')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {budget.lines.map((l) => (
            <ForecastRow
              key={`${l.id}-${l.version}`}
              line={l}
              projectId={projectId}
              editable={budget.can.edit}
              onForecast={onForecast}
              onTask={onTask}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function ForecastRow({
  line,
  projectId,
  editable,
  onForecast,
  onTask,
}: {
  line: BudgetLine;
  projectId: string;
  editable: boolean;
  onForecast: (line: BudgetLine, etc: number | null, comment: string) => void;
  onTask: (line: BudgetLine, taskId: string | null) => void;
}) {
  const { t } = useTranslation();
  const [etc, setEtc] = useState(line.etc === null ? '' : minorToInput(line.etc));
  const [comment, setComment] = useState(line.forecastComment);
  const parsed = etc.trim() === '' ? null : parseMinorUnits(etc);
  const invalid = etc.trim() !== '' && (parsed === null || parsed < 0);
  const save = () => {
    if (invalid) return;
    if (parsed !== line.etc || comment !== line.forecastComment) onForecast(line, parsed, comment);
  };
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {line.label}
      </Table.Th>
      <Table.Td miw={200}>
        {editable ? (
          <TaskPicker
            projectId={projectId}
            size="xs"
            // The long placeholder « Aucune (avancement du projet) » was cut in this column.
            placeholder={t('finance.lineTask.placeholderShort')}
            title={t('finance.lineTask.placeholder')}
            aria-label={t('finance.lineTask.edit', { line: line.label })}
            value={line.task?.id ?? null}
            onChange={(taskId) => {
              if (taskId !== (line.task?.id ?? null)) onTask(line, taskId);
            }}
          />
        ) : line.task ? (
          `${line.task.wbs} ${line.task.name}`
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td ta="right">{formatMoney(line.total)}</Table.Td>
      <Table.Td ta="right">{formatMoney(line.committed)}</Table.Td>
      <Table.Td ta="right">{formatMoney(line.actual)}</Table.Td>
      <Table.Td ta="right" miw={120}>
        {editable ? (
          <TextInput
            size="xs"
            value={etc}
            placeholder={formatMoney(Math.max(0, line.total - line.actual))}
            aria-label={t('finance.forecast.etcOf', { line: line.label })}
            error={invalid}
            onChange={(e) => setEtc(e.currentTarget.value)}
            onBlur={save}
            styles={{ input: { textAlign: 'right' } }}
          />
        ) : line.etc === null ? (
          '—'
        ) : (
          formatMoney(line.etc)
        )}
      </Table.Td>
      <Table.Td ta="right">{formatMoney(line.eac)}</Table.Td>
      <Table.Td ta="right" c={line.variance < 0 ? 'red' : undefined}>
        {formatMoney(line.variance)}
      </Table.Td>
      <Table.Td>
        {editable ? (
          <TextInput
            size="xs"
            value={comment}
            aria-label={t('finance.forecast.commentOf', { line: line.label })}
            onChange={(e) => setComment(e.currentTarget.value)}
            onBlur={save}
          />
        ) : (
          line.forecastComment
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function AddLineModal({
  projectId,
  opened,
  onClose,
  onSubmit,
  months,
  busy,
}: {
  projectId: string;
  opened: boolean;
  onClose: () => void;
  onSubmit: (body: {
    label: string;
    category: BudgetCategory;
    nature: CostNature;
    costCentre: string;
    taskId: string | null;
    spread?: { amount: number; from: string; to: string };
  }) => void;
  months: string[];
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [category, setCategory] = useState<BudgetCategory>('external_services');
  const [nature, setNature] = useState<CostNature>('opex');
  const [costCentre, setCostCentre] = useState('');
  const [taskId, setTaskId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [from, setFrom] = useState(months[0] ?? '');
  const [to, setTo] = useState(months[months.length - 1] ?? '');
  const minor = amount.trim() === '' ? 0 : parseMinorUnits(amount);
  const monthValid = (m: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(m);
  const valid =
    label.trim() !== '' &&
    minor !== null &&
    minor >= 0 &&
    monthValid(from) &&
    monthValid(to) &&
    from <= to;
  return (
    <Modal opened={opened} onClose={onClose} title={t('finance.line.add')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          onSubmit({
            label: label.trim(),
            category,
            nature,
            costCentre: costCentre.trim(),
            taskId,
            ...(minor ? { spread: { amount: minor, from, to } } : {}),
          });
        }}
      >
        <Stack>
          <TextInput
            label={t('finance.line.label')}
            required
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            data-autofocus
          />
          <Group grow>
            <Select
              label={t('finance.line.category')}
              value={category}
              allowDeselect={false}
              onChange={(v) => v && setCategory(v as BudgetCategory)}
              data={BUDGET_CATEGORIES.map((c) => ({ value: c, label: t(`finance.category.${c}`) }))}
            />
            <Select
              label={t('finance.line.nature')}
              value={nature}
              allowDeselect={false}
              onChange={(v) => v && setNature(v as CostNature)}
              data={(['capex', 'opex'] as const).map((n) => ({
                value: n,
                label: t(`finance.nature.${n}`),
              }))}
            />
          </Group>
          <TextInput
            label={t('finance.line.costCentre')}
            value={costCentre}
            onChange={(e) => setCostCentre(e.currentTarget.value)}
          />
          {opened && (
            <TaskPicker
              projectId={projectId}
              label={t('finance.lineTask.label')}
              description={t('finance.lineTask.help')}
              value={taskId}
              onChange={setTaskId}
            />
          )}
          <TextInput
            label={t('finance.line.amount')}
            description={t('finance.line.amountHelp')}
            value={amount}
            error={minor === null ? t('finance.line.badAmount') : undefined}
            onChange={(e) => setAmount(e.currentTarget.value)}
          />
          <Group grow>
            <TextInput
              label={t('finance.line.from')}
              placeholder="2026-01"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput
              label={t('finance.line.to')}
              placeholder="2026-12"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
            />
          </Group>
          <FormActions onCancel={onClose}>
            <Button type="submit" disabled={!valid} loading={busy}>
              {t('finance.line.create')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}

function SubmitModal({
  opened,
  onClose,
  onSubmit,
  busy,
}: {
  opened: boolean;
  onClose: () => void;
  onSubmit: (reason: string) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={t('finance.revision.submit')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onSubmit(reason.trim());
        }}
      >
        <Stack>
          <Textarea
            label={t('finance.revision.reason')}
            description={t('finance.revision.reasonHelp')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          <FormActions onCancel={onClose}>
            <Button type="submit" disabled={!reason.trim()} loading={busy}>
              {t('finance.revision.send')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}
