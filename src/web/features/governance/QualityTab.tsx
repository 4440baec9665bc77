import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClipboardCheck, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ActionStatus,
  CorrectiveAction,
  type FindingSeverity,
  QualityAudit,
  QualityFinding,
} from '../../../contracts/governance.ts';
import type { Project } from '../../../contracts/portfolio.ts';
import {
  ACTION_STATUSES,
  AUDIT_KINDS,
  type AuditKind,
  CHECK_RESULTS,
  type CheckResult,
  FINDING_SEVERITIES,
} from '../../../core/governance/quality.ts';
import { api, isApiError } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { useCan } from '../auth/auth-api.ts';
import { PersonSelect } from '../org/pickers.tsx';
import { useChecklists, useQualityAudits, useQualityRefresh } from './quality-api.ts';
import { ActionStatusBadge, AuditStatusBadge, ScoreBar, SeverityBadge } from './quality-badges.tsx';

/** "Qualité" tab of a project: its audits and reviews, findings and corrective actions. */
export function QualityTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const can = useCan();
  const canAudit = can('governance.manage');
  const audits = useQualityAudits(project.id);
  const [planning, setPlanning] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('governance.quality.title')}
        </Title>
        {canAudit && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setPlanning(true)}
          >
            {t('governance.quality.plan')}
          </Button>
        )}
      </Group>
      {audits.isPending ? (
        <TableSkeleton rows={6} />
      ) : audits.isError ? (
        <ErrorState error={audits.error} onRetry={() => void audits.refetch()} />
      ) : audits.data.items.length === 0 ? (
        <EmptyState
          title={t('governance.quality.noAudits')}
          message={t(
            canAudit ? 'governance.quality.noAuditsHelp' : 'governance.quality.noAuditsReadOnly',
          )}
        />
      ) : (
        audits.data.items.map((a) => (
          <AuditCard
            key={a.id}
            project={project}
            audit={a}
            canAudit={canAudit}
            canAct={project.can.update}
          />
        ))
      )}
      {planning && <PlanAuditModal project={project} onClose={() => setPlanning(false)} />}
    </Stack>
  );
}

function PlanAuditModal({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useTranslation();
  const checklists = useChecklists();
  const refresh = useQualityRefresh(project.id);
  const [kind, setKind] = useState<AuditKind>('audit');
  const [title, setTitle] = useState('');
  const [checklistId, setChecklistId] = useState<string | null>(null);
  const [auditorId, setAuditorId] = useState<string | null>(null);
  const [plannedDate, setPlannedDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!title.trim() || !checklistId || !plannedDate) {
      setError(t('governance.quality.planMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/projects/${project.id}/quality-audits`, QualityAudit, {
        kind,
        title: title.trim(),
        checklistId,
        auditorId,
        plannedDate,
      });
      refresh();
      notifications.show({ color: 'teal', message: t('governance.quality.planned') });
      onClose();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('governance.quality.plan')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <SegmentedControl
            aria-label={t('governance.quality.kindLabel')}
            value={kind}
            onChange={(v) => setKind(v as AuditKind)}
            data={AUDIT_KINDS.map((k) => ({ value: k, label: t(`governance.quality.kind.${k}`) }))}
          />
          <TextInput
            label={t('governance.quality.auditTitle')}
            placeholder={t('governance.quality.auditTitlePlaceholder')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
          />
          <Select
            label={t('governance.quality.checklist')}
            data={(checklists.data?.items ?? [])
              .filter((c) => !c.archived)
              .map((c) => ({ value: c.id, label: `${c.name} (${c.items.length})` }))}
            value={checklistId}
            onChange={setChecklistId}
            nothingFoundMessage={t('governance.quality.noChecklists')}
            required
          />
          <Group grow>
            <PersonSelect
              label={t('governance.quality.auditor')}
              value={auditorId}
              onChange={setAuditorId}
              clearable
            />
            <DateField
              label={t('governance.quality.plannedDate')}
              value={plannedDate}
              onChange={(v) => setPlannedDate(v ? String(v).slice(0, 10) : null)}
              required
            />
          </Group>
          <FormActions error={error} onCancel={onClose}>
            <Button type="submit" loading={busy}>
              {t('governance.quality.planSubmit')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}

type Draft = Record<string, { result: CheckResult | null; comment: string }>;

const draftOf = (audit: QualityAudit): Draft =>
  Object.fromEntries(audit.items.map((i) => [i.key, { result: i.result, comment: i.comment }]));

function AuditCard({
  project,
  audit,
  canAudit,
  canAct,
}: {
  project: Project;
  audit: QualityAudit;
  canAudit: boolean;
  canAct: boolean;
}) {
  const { t } = useTranslation();
  const refresh = useQualityRefresh(project.id);
  const editable = canAudit && audit.completedOn === null;
  const [draft, setDraft] = useState<Draft>(() => draftOf(audit));
  const [summary, setSummary] = useState(audit.summary);
  const [seen, setSeen] = useState(audit.version);
  if (seen !== audit.version) {
    setSeen(audit.version);
    setDraft(draftOf(audit));
    setSummary(audit.summary);
  }
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reporting, setReporting] = useState(false);
  const url = `/projects/${project.id}/quality-audits/${audit.id}`;

  const save = async (completed?: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api.patch(
        url,
        QualityAudit,
        {
          summary,
          ...(editable
            ? {
                results: audit.items.map((i) => ({
                  key: i.key,
                  result: draft[i.key]?.result ?? null,
                  comment: draft[i.key]?.comment ?? '',
                })),
              }
            : {}),
          ...(completed === undefined ? {} : { completed }),
        },
        audit.version,
      );
      refresh();
      notifications.show({
        color: 'teal',
        message: t(
          completed === true
            ? 'governance.quality.completed'
            : completed === false
              ? 'governance.quality.reopened'
              : 'governance.quality.saved',
        ),
      });
    } catch (e) {
      if (isApiError(e, 'VERSION_MISMATCH')) refresh();
      if (isApiError(e, 'VALIDATION_FAILED')) setError(t('governance.quality.completeMissing'));
      else setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  const labelOf = (key: string | null) => audit.items.find((i) => i.key === key)?.label ?? null;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={audit.title}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Group gap="xs">
              <IconClipboardCheck size={20} aria-hidden />
              <Title order={3} size="h5">
                {audit.title}
              </Title>
              <Badge variant="outline" color="gray">
                {t(`governance.quality.kind.${audit.kind}`)}
              </Badge>
              <AuditStatusBadge status={audit.status} />
            </Group>
            <Text size="sm" c="dimmed" mt={4}>
              {t('governance.quality.meta', {
                checklist: audit.checklist.name,
                date: formatDate(audit.plannedDate),
                auditor: audit.auditor?.name ?? t('governance.quality.noAuditor'),
              })}
              {audit.completedOn &&
                ` — ${t('governance.quality.completedOn', { date: formatDate(audit.completedOn) })}`}
            </Text>
          </div>
          <div style={{ minWidth: 260 }}>
            <ScoreBar score={audit.score} />
          </div>
        </Group>
        <Table.ScrollContainer minWidth={700}>
          <Table aria-label={t('governance.quality.itemsTable', { title: audit.title })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('governance.quality.item')}</Table.Th>
                <Table.Th w={320}>{t('governance.quality.resultLabel')}</Table.Th>
                <Table.Th>{t('governance.quality.comment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.items.map((i) => {
                const d = draft[i.key] ?? { result: null, comment: '' };
                return (
                  <Table.Tr key={i.key}>
                    <Table.Td>{i.label}</Table.Td>
                    <Table.Td>
                      {editable ? (
                        <SegmentedControl
                          size="xs"
                          aria-label={t('governance.quality.resultFor', { item: i.label })}
                          value={d.result ?? ''}
                          onChange={(v) =>
                            setDraft((x) => ({
                              ...x,
                              [i.key]: { ...d, result: v === '' ? null : (v as CheckResult) },
                            }))
                          }
                          data={[
                            { value: '', label: '—' },
                            ...CHECK_RESULTS.map((r) => ({
                              value: r,
                              label: t(`governance.quality.result.${r}`),
                            })),
                          ]}
                        />
                      ) : (
                        <ResultText result={i.result} />
                      )}
                    </Table.Td>
                    <Table.Td>
                      {editable ? (
                        <TextInput
                          size="xs"
                          aria-label={t('governance.quality.commentFor', { item: i.label })}
                          value={d.comment}
                          onChange={(e) => {
                            const comment = e.currentTarget.value;
                            setDraft((x) => ({ ...x, [i.key]: { ...d, comment } }));
                          }}
                          error={d.result === 'non_conform' && d.comment.trim() === ''}
                        />
                      ) : (
                        <Text size="sm">{i.comment || '—'}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {canAudit ? (
          <Textarea
            label={t('governance.quality.summary')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            autosize
            minRows={2}
          />
        ) : (
          audit.summary && (
            <Text size="sm">
              <strong>{t('governance.quality.summary')} : </strong>
              {audit.summary}
            </Text>
          )
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {canAudit && (
          <Group gap="xs">
            <Button variant="default" loading={busy} onClick={() => void save()}>
              {t('governance.quality.save')}
            </Button>
            {audit.completedOn === null ? (
              <Button loading={busy} onClick={() => void save(true)}>
                {t('governance.quality.complete')}
              </Button>
            ) : (
              <Button variant="subtle" loading={busy} onClick={() => void save(false)}>
                {t('governance.quality.reopen')}
              </Button>
            )}
          </Group>
        )}

        <Group justify="space-between" mt="sm">
          <Title order={4} size="h6">
            {t('governance.quality.findings', { count: audit.findings.length })}
          </Title>
          {canAudit && !reporting && (
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setReporting(true)}
            >
              {t('governance.quality.addFinding')}
            </Button>
          )}
        </Group>
        {reporting && (
          <FindingForm project={project} audit={audit} onDone={() => setReporting(false)} />
        )}
        {audit.findings.length === 0 && !reporting ? (
          <Text size="sm" c="dimmed">
            {t('governance.quality.noFindings')}
          </Text>
        ) : (
          audit.findings.map((f) => (
            <FindingBlock
              key={f.id}
              project={project}
              finding={f}
              itemLabel={labelOf(f.itemKey)}
              canAudit={canAudit}
              canAct={canAct}
            />
          ))
        )}
      </Stack>
    </Paper>
  );
}

function ResultText({ result }: { result: CheckResult | null }) {
  const { t } = useTranslation();
  if (result === null)
    return (
      <Text size="sm" c="dimmed">
        {t('governance.quality.notAssessed')}
      </Text>
    );
  const color = result === 'conform' ? 'teal' : result === 'non_conform' ? 'red' : 'gray';
  return (
    <Badge color={color} variant="light">
      {t(`governance.quality.result.${result}`)}
    </Badge>
  );
}

function FindingForm({
  project,
  audit,
  onDone,
}: {
  project: Project;
  audit: QualityAudit;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useQualityRefresh(project.id);
  const nonConform = audit.items.filter((i) => i.result === 'non_conform');
  const [itemKey, setItemKey] = useState<string | null>(nonConform[0]?.key ?? null);
  const [severity, setSeverity] = useState<FindingSeverity>('major');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!description.trim()) {
      setError(t('governance.quality.findingMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(
        `/projects/${project.id}/quality-audits/${audit.id}/findings`,
        QualityFinding,
        { itemKey, severity, description: description.trim() },
      );
      refresh();
      onDone();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-0)">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="xs">
          <Group grow align="flex-start">
            <Select
              label={t('governance.quality.findingItem')}
              data={audit.items.map((i) => ({ value: i.key, label: i.label }))}
              value={itemKey}
              onChange={setItemKey}
              clearable
            />
            <Select
              label={t('governance.quality.severityLabel')}
              data={FINDING_SEVERITIES.map((s) => ({
                value: s,
                label: t(`governance.quality.severity.${s}`),
              }))}
              value={severity}
              onChange={(v) => v && setSeverity(v as FindingSeverity)}
              allowDeselect={false}
            />
          </Group>
          <Textarea
            label={t('governance.quality.findingDescription')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={2}
            required
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" size="xs" loading={busy}>
              {t('governance.quality.addFindingSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function FindingBlock({
  project,
  finding,
  itemLabel,
  canAudit,
  canAct,
}: {
  project: Project;
  finding: QualityFinding;
  itemLabel: string | null;
  canAudit: boolean;
  canAct: boolean;
}) {
  const { t } = useTranslation();
  const refresh = useQualityRefresh(project.id);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const setStatus = async (status: 'open' | 'closed') => {
    setError(null);
    try {
      await api.patch(
        `/projects/${project.id}/quality-findings/${finding.id}`,
        QualityFinding,
        { status },
        finding.version,
      );
      refresh();
    } catch (e) {
      if (isApiError(e, 'VERSION_MISMATCH')) refresh();
      if (isApiError(e, 'FINDING_NOT_CLOSABLE')) {
        const reason = (e.details as { reason?: string } | undefined)?.reason ?? 'actions_open';
        setError(t(`governance.quality.notClosable.${reason}`));
      } else setError(errorMessage(t, e));
    }
  };
  const setActionStatus = async (a: CorrectiveAction, status: ActionStatus) => {
    setError(null);
    try {
      await api.patch(
        `/projects/${project.id}/corrective-actions/${a.id}`,
        CorrectiveAction,
        { status },
        a.version,
      );
      refresh();
    } catch (e) {
      if (isApiError(e, 'VERSION_MISMATCH')) refresh();
      setError(errorMessage(t, e));
    }
  };
  return (
    <Paper withBorder p="sm" radius="sm">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Group gap="xs">
              <SeverityBadge severity={finding.severity} />
              <Badge color={finding.status === 'open' ? 'orange' : 'teal'} variant="outline">
                {t(`governance.quality.findingStatus.${finding.status}`)}
              </Badge>
              {itemLabel && (
                <Text size="xs" c="dimmed">
                  {itemLabel}
                </Text>
              )}
            </Group>
            <Text size="sm" mt={4}>
              {finding.description}
            </Text>
          </div>
          {canAudit && (
            <Button
              size="xs"
              variant={finding.status === 'open' ? 'light' : 'subtle'}
              onClick={() => void setStatus(finding.status === 'open' ? 'closed' : 'open')}
            >
              {t(
                finding.status === 'open'
                  ? 'governance.quality.closeFinding'
                  : 'governance.quality.reopenFinding',
              )}
            </Button>
          )}
        </Group>
        {finding.actions.length > 0 && (
          <Table aria-label={t('governance.quality.actionsTable')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('governance.quality.action')}</Table.Th>
                <Table.Th>{t('governance.quality.owner')}</Table.Th>
                <Table.Th>{t('governance.quality.dueDate')}</Table.Th>
                <Table.Th>{t('governance.quality.statusLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {finding.actions.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.description}</Table.Td>
                  <Table.Td>{a.owner?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {formatDate(a.dueDate)}
                      {a.overdue && (
                        <Badge color="red" size="xs" variant="filled">
                          {t('governance.conditions.overdue')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {canAct ? (
                      <Select
                        size="xs"
                        w={150}
                        aria-label={t('governance.quality.actionStatusFor', {
                          action: a.description,
                        })}
                        data={ACTION_STATUSES.map((s) => ({
                          value: s,
                          label: t(`governance.quality.actionStatus.${s}`),
                        }))}
                        value={a.status}
                        allowDeselect={false}
                        onChange={(v) =>
                          v && v !== a.status && void setActionStatus(a, v as ActionStatus)
                        }
                      />
                    ) : (
                      <ActionStatusBadge status={a.status} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {canAct &&
          finding.status === 'open' &&
          (adding ? (
            <ActionForm project={project} finding={finding} onDone={() => setAdding(false)} />
          ) : (
            <Group>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => setAdding(true)}
              >
                {t('governance.quality.addAction')}
              </Button>
            </Group>
          ))}
      </Stack>
    </Paper>
  );
}

function ActionForm({
  project,
  finding,
  onDone,
}: {
  project: Project;
  finding: QualityFinding;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useQualityRefresh(project.id);
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(project.manager?.id ?? null);
  const [dueDate, setDueDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!description.trim() || !ownerId || !dueDate) {
      setError(t('governance.quality.actionMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(
        `/projects/${project.id}/quality-findings/${finding.id}/actions`,
        CorrectiveAction,
        { description: description.trim(), ownerId, dueDate },
      );
      refresh();
      onDone();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        <Group align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label={t('governance.quality.action')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            style={{ flex: 2, minWidth: 220 }}
            required
          />
          <PersonSelect
            label={t('governance.quality.owner')}
            initial={project.manager}
            value={ownerId}
            onChange={setOwnerId}
            style={{ flex: 1, minWidth: 180 }}
            required
          />
          <DateField
            label={t('governance.quality.dueDate')}
            value={dueDate}
            onChange={(v) => setDueDate(v ? String(v).slice(0, 10) : null)}
            w={150}
            required
          />
          <Button type="submit" size="sm" loading={busy}>
            {t('governance.quality.addActionSubmit')}
          </Button>
          <Button variant="default" size="sm" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
