import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconArrowUpRight, IconBulb } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProjectGovernance } from '../../../contracts/governance.ts';
import { ProjectStandards } from '../../../contracts/methods.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { useGovernanceCache } from '../governance/governance-api.ts';
import { AddEvidenceButton, EvidenceList } from './MilestoneEvidence.tsx';
import { useMigrationPreview, useProjectStandards } from './methods-api.ts';

const STATE_COLOR = { reached: 'teal', late: 'red', planned: 'blue', missing: 'gray' } as const;

/**
 * In a project's Gouvernance tab: the standard milestones its method asks for (where each is
 * in the plan, reached / late / planned / missing, linked by hand when the names differ) and
 * the KPIs the method follows with their latest value.
 */
export function ProjectStandardsPanel({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const q = useProjectStandards(projectId);
  const [busy, setBusy] = useState<string | null>(null);
  const en = i18n.language.startsWith('en');
  if (q.isPending) return <TableSkeleton />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  if (s.milestones.length === 0 && s.kpis.length === 0) return null;
  const link = async (milestoneId: string, taskId: string | null) => {
    setBusy(milestoneId);
    try {
      const next = await api.post(`/projects/${projectId}/standards/links`, ProjectStandards, {
        milestoneId,
        taskId,
      });
      client.setQueryData(['standards', 'project', projectId], next);
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="std-title">
      <Title order={3} size="h5" id="std-title">
        {t('methods.standards.projectTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('methods.standards.projectHelp')}
      </Text>
      {s.milestones.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('methods.standards.milestone')}</Table.Th>
                <Table.Th>{t('methods.standards.phase')}</Table.Th>
                <Table.Th>{t('methods.standards.planTask')}</Table.Th>
                <Table.Th>{t('methods.standards.date')}</Table.Th>
                <Table.Th>{t('methods.standards.state')}</Table.Th>
                <Table.Th>{t('methods.evidence.column')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.milestones.map((m) => {
                const name = en && m.milestone.nameEn ? m.milestone.nameEn : m.milestone.name;
                return (
                  <Table.Tr key={m.milestone.id}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Badge variant="outline" size="sm">
                          {m.milestone.code}
                        </Badge>
                        <Text size="sm" fw={500} title={m.milestone.definition}>
                          {name}
                        </Text>
                      </Group>
                      {m.milestone.evidence && (
                        <Text size="xs" c="dimmed">
                          {t('methods.standards.evidenceShort', { text: m.milestone.evidence })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{m.phaseName ?? '—'}</Table.Td>
                    <Table.Td>
                      {s.canLink ? (
                        <Select
                          size="xs"
                          w={250}
                          aria-label={t('methods.standards.linkLabel', { name })}
                          placeholder={t('methods.standards.pickTask')}
                          data={s.planMilestones.map((p) => ({
                            value: p.id,
                            label: p.date ? `${p.name} (${formatDate(p.date)})` : p.name,
                          }))}
                          value={m.task?.id ?? null}
                          onChange={(v) => void link(m.milestone.id, v)}
                          clearable={m.how === 'linked'}
                          searchable
                          disabled={busy === m.milestone.id}
                          nothingFoundMessage={t('methods.standards.noPlanMilestone')}
                        />
                      ) : (
                        (m.task?.name ?? '—')
                      )}
                      {m.how === 'matched' && (
                        <Text size="xs" c="dimmed">
                          {t('methods.standards.matched')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDate(m.task?.date ?? null)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLOR[m.state]} variant="light">
                        {t(`methods.standards.states.${m.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <EvidenceList projectId={projectId} row={m} canEdit={s.canLink} />
                        {s.canLink && (
                          <AddEvidenceButton
                            projectId={projectId}
                            row={m}
                            documents={s.documents}
                          />
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {s.kpis.length > 0 && (
        <>
          <Title order={4} size="h6" mt="md" mb="xs">
            {t('methods.standards.projectKpis')}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('methods.standards.name')}</Table.Th>
                <Table.Th ta="right">{t('methods.standards.latest')}</Table.Th>
                <Table.Th ta="right">{t('methods.standards.target')}</Table.Th>
                <Table.Th>{t('methods.standards.asOf')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.kpis.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="outline" size="sm">
                        {k.code}
                      </Badge>
                      <Text size="sm">{en ? k.nameEn : k.nameFr}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    {k.latest?.value == null ? '—' : `${formatNumber(k.latest.value)} ${k.unit}`}
                  </Table.Td>
                  <Table.Td ta="right">
                    {k.target == null ? '—' : `${formatNumber(k.target)} ${k.unit}`}
                  </Table.Td>
                  <Table.Td>
                    {k.latest ? formatDate(k.latest.asOf) : t('methods.standards.notComputed')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}

/**
 * In the gate review: the standard milestones the phase requires, each with its state and,
 * when its standard requires evidence, whether it is attached (with « Joindre une preuve »).
 */
export function GateMilestones({ projectId, g }: { projectId: string; g: ProjectGovernance }) {
  const { t } = useTranslation();
  const items = g.readiness?.milestones ?? [];
  const needsEvidence = items.some((m) => m.evidence === 'missing');
  const standards = useProjectStandards(projectId);
  if (items.length === 0) return null;
  const rowOf = (code: string) =>
    needsEvidence ? standards.data?.milestones.find((r) => r.milestone.code === code) : undefined;
  return (
    <div data-testid="gate-milestones">
      <Text size="sm" fw={600} mt="md" mb={4}>
        {t('methods.standards.gateMilestones')}
      </Text>
      <List size="sm" spacing={4}>
        {items.map((m) => (
          <List.Item key={m.key}>
            <Group gap="xs">
              <Text size="sm">{m.label}</Text>
              <Badge color={STATE_COLOR[m.state]} variant="light">
                {t(`methods.standards.states.${m.state}`)}
              </Badge>
              {m.evidence !== 'not_required' && (
                <Badge color={m.evidence === 'present' ? 'teal' : 'orange'} variant="outline">
                  {t(`methods.evidence.gate.${m.evidence}`)}
                </Badge>
              )}
              {m.evidence === 'missing' &&
                standards.data?.canLink &&
                (() => {
                  const row = rowOf(m.key);
                  return row ? (
                    <AddEvidenceButton
                      projectId={projectId}
                      row={row}
                      documents={standards.data.documents}
                    />
                  ) : null;
                })()}
            </Group>
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** At the closure gate: the lessons learned (REX) the gate needs, with a link to record them. */
export function ClosureRexAlert({ projectId, g }: { projectId: string; g: ProjectGovernance }) {
  const { t } = useTranslation();
  if (!g.closure.closureGate) return null;
  const ok = g.closure.lessonCount > 0;
  return (
    <Alert
      mt="md"
      color={ok ? 'teal' : 'orange'}
      variant="light"
      icon={<IconBulb aria-hidden />}
      title={t('methods.closure.title')}
    >
      <Group justify="space-between" align="center">
        <Text size="sm">
          {ok
            ? t('methods.closure.ok', { count: g.closure.lessonCount })
            : t('methods.closure.missing')}
        </Text>
        <Button
          component={Link}
          to={`/projects/${projectId}/lessons`}
          size="xs"
          variant="light"
          rightSection={<IconArrowUpRight size={14} aria-hidden />}
        >
          {t('methods.closure.open')}
        </Button>
      </Group>
    </Alert>
  );
}

/** "Passer à la version N": the preview of what the newer version changes, then the move. */
export function MethodMigrationButton({
  projectId,
  g,
}: {
  projectId: string;
  g: ProjectGovernance;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (g.latestVersion <= g.methodologyVersion) return null;
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpen(true)}>
        {t('methods.migration.open', { version: g.latestVersion })}
      </Button>
      {open && <MigrationModal projectId={projectId} g={g} onClose={() => setOpen(false)} />}
    </>
  );
}

function MigrationModal({
  projectId,
  g,
  onClose,
}: {
  projectId: string;
  g: ProjectGovernance;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [phaseKey, setPhaseKey] = useState<string | null>(null);
  const preview = useMigrationPreview(projectId, true, phaseKey);
  const setGovernance = useGovernanceCache(projectId);
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = preview.data;
  const move = async () => {
    if (!p) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api.post(
        `/projects/${projectId}/method-migration`,
        ProjectGovernance,
        { version: p.toVersion, phaseKey: p.phaseKey ?? undefined },
        { ifMatch: g.version },
      );
      setGovernance(next);
      void client.invalidateQueries({ queryKey: ['standards', 'project', projectId] });
      notifications.show({
        color: 'teal',
        message: t('methods.migration.done', { version: p.toVersion }),
      });
      onClose();
    } catch (e) {
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
      title={t('methods.migration.title', {
        name: g.methodology.name,
        from: g.methodologyVersion,
        to: g.latestVersion,
      })}
    >
      {preview.isPending ? (
        <TableSkeleton />
      ) : preview.isError ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        p && (
          <Stack>
            <div>
              <Title order={4} size="h6">
                {t('methods.migration.changes')}
              </Title>
              {p.changes.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('methods.migration.noChanges')}
                </Text>
              ) : (
                <List size="sm" spacing={2}>
                  {p.changes.map((c, i) => (
                    <List.Item key={i}>
                      {t(`methods.changes.${String(c.kind)}`, c as Record<string, string>)}
                    </List.Item>
                  ))}
                </List>
              )}
            </div>
            {p.phaseKept ? (
              <Text size="sm">
                {t('methods.migration.phaseKept', {
                  phase: p.phases.find((x) => x.key === p.currentPhaseKey)?.name ?? '',
                })}
              </Text>
            ) : (
              <Select
                label={t('methods.migration.pickPhase')}
                description={t('methods.migration.phaseGone')}
                data={p.phases.map((x) => ({ value: x.key, label: x.name }))}
                value={phaseKey ?? p.phaseKey}
                onChange={setPhaseKey}
                required
              />
            )}
            <div>
              <Title order={4} size="h6">
                {t('methods.migration.deliverables')}
              </Title>
              <List size="sm" spacing={2}>
                <List.Item>
                  {t('methods.migration.added', { count: p.added.length })}
                  {p.added.length > 0 && ` : ${p.added.map((d) => d.name).join(', ')}`}
                </List.Item>
                <List.Item>{t('methods.migration.kept', { count: p.kept.length })}</List.Item>
                {p.outside.length > 0 && (
                  <List.Item>
                    {t('methods.migration.outside', { count: p.outside.length })} :{' '}
                    {p.outside.map((d) => d.name).join(', ')}
                  </List.Item>
                )}
                {p.milestones.added.length > 0 && (
                  <List.Item>
                    {t('methods.migration.milestonesAdded', {
                      list: p.milestones.added.join(', '),
                    })}
                  </List.Item>
                )}
                {p.kpis.added.length > 0 && (
                  <List.Item>
                    {t('methods.migration.kpisAdded', { list: p.kpis.added.join(', ') })}
                  </List.Item>
                )}
              </List>
            </div>
            <div>
              <Text fw={600} size="sm">
                {t('methods.migration.wbs')}
              </Text>
              {p.wbs.tasks === 0 && p.wbs.moves.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('methods.migration.wbsNone')}
                </Text>
              )}
              {p.wbs.tasks > 0 && (
                <>
                  <Text size="sm">{t('methods.migration.wbsAdded', { count: p.wbs.tasks })}</Text>
                  <List size="sm" data-testid="migration-wbs">
                    {p.wbs.groups.flatMap((g) =>
                      g.items.map((i) => (
                        <List.Item key={`${g.parentPath.join('/')}/${i.name}`}>
                          {g.parentPath.length > 0
                            ? t('methods.migration.wbsUnder', {
                                name: i.name,
                                parent: g.parentPath.join(' › '),
                              })
                            : t('methods.migration.wbsPhase', { name: i.name })}
                          {i.milestone && ` (${t('methods.migration.wbsMilestone')})`}
                          {i.tasks > 1 &&
                            ` — ${t('methods.migration.wbsTasks', { count: i.tasks })}`}
                        </List.Item>
                      )),
                    )}
                  </List>
                </>
              )}
              {p.wbs.moves.length > 0 && (
                <>
                  <Text size="sm" mt={p.wbs.tasks > 0 ? 'xs' : 0}>
                    {t('methods.migration.wbsMoved', { count: p.wbs.moves.length })}
                  </Text>
                  <List size="sm" data-testid="migration-wbs-moves">
                    {p.wbs.moves.map((m) => (
                      <List.Item key={`${m.fromPath.join('/')}/${m.name}`}>
                        {t('methods.migration.wbsMove', {
                          name: m.name,
                          from: m.fromPath.join(' › '),
                          to: m.toPath.join(' › '),
                        })}
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
            </div>
            <Text size="xs" c="dimmed">
              {t(p.wbs.moves.length > 0 ? 'methods.migration.noteMoves' : 'methods.migration.note')}
            </Text>
            <FormActions error={error} onCancel={onClose}>
              <Button
                onClick={() => void move()}
                loading={busy}
                disabled={!p.phaseKey && !phaseKey}
              >
                {t('methods.migration.confirm', { version: p.toVersion })}
              </Button>
            </FormActions>
          </Stack>
        )
      )}
    </Modal>
  );
}
