import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconArrowDown, IconArrowUp, IconPlus, IconSubtask, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GATE_APPROVERS, METHODOLOGY_KINDS } from '../../../core/governance/model.ts';
import type {
  GateApprover,
  MethodologyContent as Content,
  MethodologyKind,
  PhaseTemplate,
  WbsTemplateTask,
} from '../../../core/governance/model.ts';
import {
  assignKeys,
  type VersionChange,
  versionChanges,
  withWbsKeys,
} from '../../../core/methods/editor.ts';
import { Methodology, MethodologyContent } from '../../../contracts/governance.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { useStandards } from './methods-api.ts';

type Mode = { kind: 'create' } | { kind: 'publish'; methodology: Methodology };

const emptyPhase = (): PhaseTemplate => ({
  key: '',
  name: '',
  deliverables: [],
  gate: null,
  wbs: [],
});

/** Moves item `i` of a list by `delta`, a copy. */
function move<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

function RowTools({
  index,
  count,
  label,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  label: string;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        aria-label={t('methods.editor.moveUp', { name: label })}
        disabled={index === 0}
        onClick={() => onMove(-1)}
      >
        <IconArrowUp size={16} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        aria-label={t('methods.editor.moveDown', { name: label })}
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        <IconArrowDown size={16} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={t('methods.editor.remove', { name: label })}
        onClick={onRemove}
      >
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  );
}

function Section({
  title,
  addLabel,
  onAdd,
  children,
}: {
  title: string;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode;
}) {
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={onAdd}
        >
          {addLabel}
        </Button>
      </Group>
      {children}
    </Stack>
  );
}

/** How deep the default WBS may go under a phase (phase › task › sub-task › sub-sub-task). */
const MAX_WBS_DEPTH = 3;

/**
 * The default WBS of a phase as an outline: each task with its duration (0 = milestone; a task
 * with sub-tasks is a summary, its duration comes from them), the standard milestone a
 * milestone stands for, sub-tasks added, moved, removed at any level.
 */
function WbsRows({
  tasks,
  path,
  phaseLabel,
  milestones,
  onChange,
}: {
  tasks: WbsTemplateTask[];
  path: number[];
  phaseLabel: string;
  milestones: { value: string; label: string }[];
  onChange: (tasks: WbsTemplateTask[]) => void;
}) {
  const { t } = useTranslation();
  const depth = path.length;
  const update = (j: number, patch: Partial<WbsTemplateTask>) =>
    onChange(tasks.map((x, k) => (k === j ? { ...x, ...patch } : x)));
  return (
    <>
      {tasks.map((w, j) => {
        const n = [...path, j + 1].join('.');
        const summary = w.children.length > 0;
        return (
          <Stack key={j} gap={6}>
            <Group gap="xs" wrap="nowrap" pl={depth * 24} data-testid={`wbs-${n}`}>
              <Text size="xs" c="dimmed" w={36} ta="right">
                {n}
              </Text>
              <TextInput
                aria-label={t('methods.editor.taskName', { phase: phaseLabel, n })}
                value={w.name}
                onChange={(e) => update(j, { name: e.currentTarget.value })}
                style={{ flex: 1 }}
                fw={summary ? 600 : undefined}
              />
              {summary ? (
                <Text size="xs" c="dimmed" w={110}>
                  {t('methods.editor.summaryTask')}
                </Text>
              ) : (
                <NumberInput
                  aria-label={t('methods.editor.taskDuration', { phase: phaseLabel, n })}
                  value={w.duration}
                  min={0}
                  max={2000}
                  allowDecimal={false}
                  suffix={` ${t('methods.editor.daysSuffix')}`}
                  onChange={(v) => {
                    const duration = typeof v === 'number' ? v : 0;
                    update(j, { duration, milestone: duration === 0 ? w.milestone : null });
                  }}
                  w={110}
                />
              )}
              {!summary && w.duration === 0 && (
                <Select
                  aria-label={t('methods.editor.standardMilestone', { phase: phaseLabel, n })}
                  placeholder={t('methods.editor.standardMilestonePlaceholder')}
                  data={milestones}
                  value={w.milestone ?? null}
                  onChange={(v) => update(j, { milestone: v })}
                  clearable
                  searchable
                  w={220}
                />
              )}
              {depth < MAX_WBS_DEPTH - 1 && (
                <ActionIcon
                  variant="subtle"
                  aria-label={t('methods.editor.addSubtask', { name: w.name || n })}
                  onClick={() =>
                    update(j, {
                      milestone: null,
                      children: [...w.children, { name: '', duration: 5, children: [] }],
                    })
                  }
                >
                  <IconSubtask size={16} />
                </ActionIcon>
              )}
              <RowTools
                index={j}
                count={tasks.length}
                label={w.name || n}
                onMove={(delta) => onChange(move(tasks, j, delta))}
                onRemove={() => onChange(tasks.filter((_, k) => k !== j))}
              />
            </Group>
            {summary && (
              <WbsRows
                tasks={w.children}
                path={[...path, j]}
                phaseLabel={phaseLabel}
                milestones={milestones}
                onChange={(children) => update(j, { children })}
              />
            )}
          </Stack>
        );
      })}
    </>
  );
}

/** One phase: its name, deliverables, exit gate (criteria, approvers) and default WBS. */
function PhaseEditor({
  phase,
  index,
  count,
  onChange,
  onMove,
  onRemove,
  milestones,
}: {
  phase: PhaseTemplate;
  index: number;
  count: number;
  onChange: (p: PhaseTemplate) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  milestones: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const label = phase.name || t('methods.editor.phaseN', { n: index + 1 });
  const set = (patch: Partial<PhaseTemplate>) => onChange({ ...phase, ...patch });
  return (
    <Paper withBorder p="sm" radius="md" data-testid={`phase-${index}`}>
      <Group align="flex-end" justify="space-between" mb="xs">
        <TextInput
          label={t('methods.editor.phaseName', { n: index + 1 })}
          value={phase.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          required
          w={320}
        />
        <RowTools index={index} count={count} label={label} onMove={onMove} onRemove={onRemove} />
      </Group>
      <Stack gap="sm">
        <Section
          title={t('methods.editor.deliverables')}
          addLabel={t('methods.editor.addDeliverable')}
          onAdd={() =>
            set({ deliverables: [...phase.deliverables, { key: '', name: '', required: true }] })
          }
        >
          {phase.deliverables.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('methods.editor.noDeliverable')}
            </Text>
          )}
          {phase.deliverables.map((d, j) => (
            <Group key={j} gap="xs" wrap="nowrap" align="center">
              <TextInput
                aria-label={t('methods.editor.deliverableName', { phase: label, n: j + 1 })}
                placeholder={t('methods.editor.deliverablePlaceholder')}
                value={d.name}
                onChange={(e) => {
                  const deliverables = [...phase.deliverables];
                  deliverables[j] = { ...d, name: e.currentTarget.value };
                  set({ deliverables });
                }}
                style={{ flex: 1 }}
              />
              <Checkbox
                label={t('methods.editor.required')}
                checked={d.required}
                onChange={(e) => {
                  const deliverables = [...phase.deliverables];
                  deliverables[j] = { ...d, required: e.currentTarget.checked };
                  set({ deliverables });
                }}
              />
              <RowTools
                index={j}
                count={phase.deliverables.length}
                label={d.name || String(j + 1)}
                onMove={(delta) => set({ deliverables: move(phase.deliverables, j, delta) })}
                onRemove={() => set({ deliverables: phase.deliverables.filter((_, k) => k !== j) })}
              />
            </Group>
          ))}
        </Section>
        <Switch
          label={t('methods.editor.hasGate')}
          checked={phase.gate !== null}
          onChange={(e) =>
            set({
              gate: e.currentTarget.checked
                ? { name: `Jalon ${phase.name}`.trim(), criteria: [], approvers: ['pmo'] }
                : null,
            })
          }
        />
        {phase.gate && (
          <Paper withBorder p="xs" radius="sm" bg="var(--mantine-color-gray-0)">
            <Group align="flex-end" mb="xs">
              <TextInput
                label={t('methods.editor.gateName')}
                value={phase.gate.name}
                onChange={(e) => set({ gate: { ...phase.gate!, name: e.currentTarget.value } })}
                w={280}
              />
              <MultiSelect
                label={t('methods.editor.approvers')}
                data={GATE_APPROVERS.map((a) => ({
                  value: a,
                  label: t(`governance.approvers.${a}`),
                }))}
                value={phase.gate.approvers}
                onChange={(v) => set({ gate: { ...phase.gate!, approvers: v as GateApprover[] } })}
                w={320}
              />
            </Group>
            <Section
              title={t('methods.editor.criteria')}
              addLabel={t('methods.editor.addCriterion')}
              onAdd={() =>
                set({
                  gate: {
                    ...phase.gate!,
                    criteria: [...phase.gate!.criteria, { key: '', label: '' }],
                  },
                })
              }
            >
              {phase.gate.criteria.map((c, j) => (
                <Group key={j} gap="xs" wrap="nowrap">
                  <TextInput
                    aria-label={t('methods.editor.criterionLabel', { phase: label, n: j + 1 })}
                    value={c.label}
                    onChange={(e) => {
                      const criteria = [...phase.gate!.criteria];
                      criteria[j] = { ...c, label: e.currentTarget.value };
                      set({ gate: { ...phase.gate!, criteria } });
                    }}
                    style={{ flex: 1 }}
                  />
                  <RowTools
                    index={j}
                    count={phase.gate!.criteria.length}
                    label={c.label || String(j + 1)}
                    onMove={(delta) =>
                      set({
                        gate: { ...phase.gate!, criteria: move(phase.gate!.criteria, j, delta) },
                      })
                    }
                    onRemove={() =>
                      set({
                        gate: {
                          ...phase.gate!,
                          criteria: phase.gate!.criteria.filter((_, k) => k !== j),
                        },
                      })
                    }
                  />
                </Group>
              ))}
            </Section>
          </Paper>
        )}
        <Section
          title={t('methods.editor.wbs')}
          addLabel={t('methods.editor.addTask')}
          onAdd={() => set({ wbs: [...phase.wbs, { name: '', duration: 5, children: [] }] })}
        >
          <WbsRows
            tasks={phase.wbs}
            path={[]}
            phaseLabel={label}
            milestones={milestones}
            onChange={(wbs) => set({ wbs })}
          />
          <Text size="xs" c="dimmed">
            {t('methods.editor.wbsHelp')}
          </Text>
        </Section>
      </Stack>
    </Paper>
  );
}

function changeText(t: (k: string, o?: Record<string, unknown>) => string, c: VersionChange) {
  return t(`methods.changes.${c.kind}`, c as unknown as Record<string, unknown>);
}

/**
 * The structured methodology editor: creates a method (its version 1) or publishes a new version
 * from the one shown. Projects already on a version keep it; the changes are listed before
 * publishing, and a concurrent publication is refused (If-Match on the methodology).
 */
export function MethodEditor({
  mode,
  onClose,
  onSaved,
}: {
  mode: Mode;
  onClose: () => void;
  onSaved: (m: Methodology) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const source = mode.kind === 'publish' ? mode.methodology : null;
  const [code, setCode] = useState('');
  const [name, setName] = useState(source?.name ?? '');
  const [kind, setKind] = useState<MethodologyKind>(source?.kind ?? 'waterfall');
  const [description, setDescription] = useState(source?.description ?? '');
  const [notes, setNotes] = useState('');
  const [content, setContent] = useState<Content>(
    source
      ? // Every WBS item gets its stable key before any edit: a rename keeps it.
        withWbsKeys(structuredClone(source.content))
      : { phases: [emptyPhase()], roles: [], documents: [], ceremonies: [] },
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changes = useMemo(
    () => (source ? versionChanges(source.content, assignKeys(content)) : []),
    [source, content],
  );
  const standards = useStandards();
  const milestoneOptions = useMemo(
    () =>
      (standards.data?.milestones ?? []).map((m) => ({
        value: m.code,
        label: `${m.code} — ${m.name}`,
      })),
    [standards.data],
  );
  const kpiOptions = useMemo(
    () =>
      (standards.data?.kpis ?? [])
        .filter((k) => k.level === 'project')
        .map((k) => ({ value: k.code, label: `${k.code} — ${k.nameFr}` })),
    [standards.data],
  );
  const setPhase = (i: number, p: PhaseTemplate) =>
    setContent((c) => ({ ...c, phases: c.phases.map((x, k) => (k === i ? p : x)) }));

  const save = async () => {
    const parsed = MethodologyContent.safeParse(assignKeys(content));
    if (!parsed.success) {
      setError(
        parsed.error.issues
          .slice(0, 4)
          .map((i) => `${i.path.join(' › ')} : ${i.message}`)
          .join(' ; '),
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved =
        mode.kind === 'create'
          ? await api.post('/methodologies', Methodology, {
              code: code.trim().toUpperCase(),
              name,
              kind,
              description,
              content: parsed.data,
            })
          : await api.post(
              `/methodologies/${mode.methodology.id}/versions`,
              Methodology,
              { name, description, notes, content: parsed.data },
              { ifMatch: mode.methodology.version },
            );
      await client.invalidateQueries({ queryKey: ['methodologies'] });
      await client.invalidateQueries({ queryKey: ['methodology', saved.id] });
      notifications.show({
        color: 'teal',
        message:
          mode.kind === 'create'
            ? t('methods.editor.created', { name: saved.name })
            : t('methods.editor.published', { name: saved.name, version: saved.latestVersion }),
      });
      onSaved(saved);
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
      size="90rem"
      title={
        source
          ? t('methods.editor.publishTitle', {
              name: source.name,
              version: source.latestVersion + 1,
            })
          : t('methods.editor.createTitle')
      }
    >
      <Stack>
        <Group align="flex-end" grow>
          {mode.kind === 'create' && (
            <TextInput
              label={t('methods.editor.code')}
              description={t('methods.editor.codeHelp')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              required
            />
          )}
          <TextInput
            label={t('methods.editor.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
          />
          <Select
            label={t('methods.editor.kind')}
            data={METHODOLOGY_KINDS.map((k) => ({ value: k, label: t(`governance.kind.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as MethodologyKind)}
            allowDeselect={false}
            disabled={mode.kind === 'publish'}
          />
        </Group>
        <Textarea
          label={t('methods.editor.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <MultiSelect
          label={t('methods.editor.kpis')}
          description={t('methods.editor.kpisHelp')}
          data={kpiOptions}
          value={content.kpis ?? []}
          onChange={(kpis) => setContent((c) => ({ ...c, kpis }))}
          searchable
          clearable
        />
        <Tabs defaultValue="lifecycle" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="lifecycle">
              {t('methods.editor.tabs.lifecycle', { count: content.phases.length })}
            </Tabs.Tab>
            <Tabs.Tab value="roles">
              {t('methods.editor.tabs.roles', { count: content.roles.length })}
            </Tabs.Tab>
            <Tabs.Tab value="documents">
              {t('methods.editor.tabs.documents', { count: content.documents.length })}
            </Tabs.Tab>
            <Tabs.Tab value="ceremonies">
              {t('methods.editor.tabs.ceremonies', { count: content.ceremonies.length })}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="lifecycle" pt="sm">
            <Stack gap="sm">
              {content.phases.map((p, i) => (
                <PhaseEditor
                  key={i}
                  phase={p}
                  index={i}
                  count={content.phases.length}
                  onChange={(np) => setPhase(i, np)}
                  milestones={milestoneOptions}
                  onMove={(delta) =>
                    setContent((c) => ({ ...c, phases: move(c.phases, i, delta) }))
                  }
                  onRemove={() =>
                    setContent((c) => ({ ...c, phases: c.phases.filter((_, k) => k !== i) }))
                  }
                />
              ))}
              <Button
                variant="light"
                leftSection={<IconPlus size={16} />}
                onClick={() => setContent((c) => ({ ...c, phases: [...c.phases, emptyPhase()] }))}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('methods.editor.addPhase')}
              </Button>
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="roles" pt="sm">
            <Section
              title={t('methods.editor.rolesTitle')}
              addLabel={t('methods.editor.addRole')}
              onAdd={() =>
                setContent((c) => ({ ...c, roles: [...c.roles, { name: '', description: '' }] }))
              }
            >
              {content.roles.map((r, i) => (
                <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
                  <TextInput
                    aria-label={t('methods.editor.roleName', { n: i + 1 })}
                    placeholder={t('methods.editor.roleNamePlaceholder')}
                    value={r.name}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setContent((c) => ({
                        ...c,
                        roles: c.roles.map((x, k) => (k === i ? { ...x, name: v } : x)),
                      }));
                    }}
                    w={240}
                  />
                  <Textarea
                    aria-label={t('methods.editor.roleDescription', { n: i + 1 })}
                    value={r.description}
                    autosize
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setContent((c) => ({
                        ...c,
                        roles: c.roles.map((x, k) => (k === i ? { ...x, description: v } : x)),
                      }));
                    }}
                    style={{ flex: 1 }}
                  />
                  <RowTools
                    index={i}
                    count={content.roles.length}
                    label={r.name || String(i + 1)}
                    onMove={(d) => setContent((c) => ({ ...c, roles: move(c.roles, i, d) }))}
                    onRemove={() =>
                      setContent((c) => ({ ...c, roles: c.roles.filter((_, k) => k !== i) }))
                    }
                  />
                </Group>
              ))}
            </Section>
          </Tabs.Panel>
          <Tabs.Panel value="documents" pt="sm">
            <Section
              title={t('methods.editor.documentsTitle')}
              addLabel={t('methods.editor.addDocument')}
              onAdd={() => setContent((c) => ({ ...c, documents: [...c.documents, ''] }))}
            >
              {content.documents.map((d, i) => (
                <Group key={i} gap="xs" wrap="nowrap">
                  <TextInput
                    aria-label={t('methods.editor.documentName', { n: i + 1 })}
                    value={d}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setContent((c) => ({
                        ...c,
                        documents: c.documents.map((x, k) => (k === i ? v : x)),
                      }));
                    }}
                    style={{ flex: 1 }}
                  />
                  <RowTools
                    index={i}
                    count={content.documents.length}
                    label={d || String(i + 1)}
                    onMove={(delta) =>
                      setContent((c) => ({ ...c, documents: move(c.documents, i, delta) }))
                    }
                    onRemove={() =>
                      setContent((c) => ({
                        ...c,
                        documents: c.documents.filter((_, k) => k !== i),
                      }))
                    }
                  />
                </Group>
              ))}
            </Section>
          </Tabs.Panel>
          <Tabs.Panel value="ceremonies" pt="sm">
            <Section
              title={t('methods.editor.ceremoniesTitle')}
              addLabel={t('methods.editor.addCeremony')}
              onAdd={() =>
                setContent((c) => ({
                  ...c,
                  ceremonies: [...c.ceremonies, { name: '', frequency: '', description: '' }],
                }))
              }
            >
              {content.ceremonies.map((x, i) => {
                const patch = (p: Partial<typeof x>) =>
                  setContent((c) => ({
                    ...c,
                    ceremonies: c.ceremonies.map((y, k) => (k === i ? { ...y, ...p } : y)),
                  }));
                return (
                  <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
                    <TextInput
                      aria-label={t('methods.editor.ceremonyName', { n: i + 1 })}
                      placeholder={t('methods.editor.ceremonyNamePlaceholder')}
                      value={x.name}
                      onChange={(e) => patch({ name: e.currentTarget.value })}
                      w={200}
                    />
                    <TextInput
                      aria-label={t('methods.editor.ceremonyFrequency', { n: i + 1 })}
                      placeholder={t('methods.editor.ceremonyFrequencyPlaceholder')}
                      value={x.frequency}
                      onChange={(e) => patch({ frequency: e.currentTarget.value })}
                      w={180}
                    />
                    <Textarea
                      aria-label={t('methods.editor.ceremonyDescription', { n: i + 1 })}
                      value={x.description}
                      autosize
                      onChange={(e) => patch({ description: e.currentTarget.value })}
                      style={{ flex: 1 }}
                    />
                    <RowTools
                      index={i}
                      count={content.ceremonies.length}
                      label={x.name || String(i + 1)}
                      onMove={(d) =>
                        setContent((c) => ({ ...c, ceremonies: move(c.ceremonies, i, d) }))
                      }
                      onRemove={() =>
                        setContent((c) => ({
                          ...c,
                          ceremonies: c.ceremonies.filter((_, k) => k !== i),
                        }))
                      }
                    />
                  </Group>
                );
              })}
            </Section>
          </Tabs.Panel>
        </Tabs>
        {source && (
          <Paper withBorder p="sm" radius="md">
            <Title order={3} size="h6" mb={4}>
              {t('methods.editor.changesTitle', { version: source.latestVersion })}
            </Title>
            {changes.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('methods.editor.noChange')}
              </Text>
            ) : (
              <List
                size="sm"
                aria-label={t('methods.editor.changesTitle', { version: source.latestVersion })}
              >
                {changes.map((c, i) => (
                  <List.Item key={i}>{changeText(t, c)}</List.Item>
                ))}
              </List>
            )}
            <Text size="xs" c="dimmed" mt={6}>
              {t('methods.editor.keepHelp', { count: source.projectCount })}
            </Text>
            <Textarea
              mt="xs"
              label={t('methods.editor.notes')}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              autosize
            />
          </Paper>
        )}
        <FormActions error={error} onCancel={onClose}>
          <Button
            onClick={() => void save()}
            loading={busy}
            disabled={
              source !== null &&
              changes.length === 0 &&
              name === source.name &&
              description === source.description
            }
          >
            {source ? t('methods.editor.publishSubmit') : t('methods.editor.createSubmit')}
          </Button>
        </FormActions>
      </Stack>
    </Modal>
  );
}
