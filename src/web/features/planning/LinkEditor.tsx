import { TaskAssignments } from '../resources/TaskAssignments.tsx';
import { Button, Group, Modal, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan, PlanLink, PlanTask } from '../../../contracts/planning.ts';
import type { usePlanMutations } from './planning-api.ts';

const TYPES = ['FS', 'SS', 'FF', 'SF'] as const;
type LinkType = (typeof TYPES)[number];

/** Type and lag of one link, with save and delete: the arrow popover and the links dialog. */
export function LinkEditor({
  link,
  tasks,
  canEdit,
  onSave,
  onDelete,
}: {
  link: PlanLink;
  tasks: ReadonlyMap<string, PlanTask>;
  canEdit: boolean;
  onSave: (body: { type: LinkType; lag: number }) => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const [type, setType] = useState<LinkType>(link.type);
  const [lag, setLag] = useState<number>(link.lag);
  const from = tasks.get(link.fromTaskId);
  const to = tasks.get(link.toTaskId);
  return (
    <Stack gap="xs" maw={320}>
      <Text size="sm" fw={600}>
        {link.fromProject
          ? t('planning.links.external', {
              code: link.fromProject.code,
              name: link.fromProject.name,
            })
          : `${from?.wbs ?? ''} ${from?.name ?? '?'}`}{' '}
        → {to?.wbs} {to?.name}
      </Text>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          label={t('planning.links.type')}
          data={TYPES.map((v) => ({ value: v, label: t(`planning.linkTypes.${v}`) }))}
          value={type}
          onChange={(v) => v && setType(v as LinkType)}
          allowDeselect={false}
          disabled={!canEdit}
          size="xs"
          w={170}
          comboboxProps={{ withinPortal: false }}
        />
        <NumberInput
          label={t('planning.links.lag')}
          description={t('planning.links.lagHelp')}
          value={lag}
          onChange={(v) => setLag(typeof v === 'number' ? v : Number(v) || 0)}
          allowDecimal={false}
          min={-10000}
          max={10000}
          disabled={!canEdit}
          size="xs"
          w={110}
        />
      </Group>
      {canEdit && (
        <Group justify="space-between">
          <Button size="xs" color="red" variant="subtle" onClick={onDelete}>
            {t('planning.links.delete')}
          </Button>
          <Button
            size="xs"
            onClick={() => onSave({ type, lag })}
            disabled={type === link.type && lag === link.lag}
          >
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** All links of a task, editable, and a form to link it to another task: the keyboard path. */
export function LinksDialog({
  task,
  plan,
  tasks,
  canEdit,
  mutations,
  onClose,
}: {
  task: PlanTask;
  plan: Plan;
  tasks: ReadonlyMap<string, PlanTask>;
  canEdit: boolean;
  mutations: ReturnType<typeof usePlanMutations>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<'successor' | 'predecessor'>('successor');
  const [other, setOther] = useState<string | null>(null);
  const [type, setType] = useState<LinkType>('FS');
  const [lag, setLag] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const mine = plan.links.filter((l) => l.fromTaskId === task.id || l.toTaskId === task.id);
  const candidates = plan.tasks
    .filter((x) => x.kind !== 'summary' && x.id !== task.id)
    .map((x) => ({ value: x.id, label: `${x.wbs} ${x.name}` }));
  const leaf = task.kind !== 'summary';
  const describe = (link: PlanLink) => {
    const otherId = link.fromTaskId === task.id ? link.toTaskId : link.fromTaskId;
    const o = tasks.get(otherId);
    const name =
      link.fromProject && link.toTaskId === task.id
        ? `${link.fromProject.code} · ${link.fromProject.name}`
        : `${o?.wbs ?? ''} ${o?.name ?? '?'}`;
    return name;
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('planning.links.title', { name: task.name })}
      size="lg"
    >
      <Stack>
        {mine.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('planning.links.none')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('planning.links.direction')}</Table.Th>
                <Table.Th>{t('planning.links.task')}</Table.Th>
                <Table.Th>{t('planning.links.type')}</Table.Th>
                <Table.Th>{t('planning.links.lag')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mine.map((link) => (
                <Table.Tr key={link.id}>
                  <Table.Td>
                    {link.toTaskId === task.id
                      ? t('planning.links.predecessor')
                      : t('planning.links.successor')}
                  </Table.Td>
                  <Table.Td>{describe(link)}</Table.Td>
                  <Table.Td>{t(`planning.linkTypes.${link.type}`)}</Table.Td>
                  <Table.Td>{t('planning.days', { n: link.lag })}</Table.Td>
                  <Table.Td>
                    {canEdit && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setEditing(editing === link.id ? null : link.id)}
                      >
                        {t('common.edit')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {editing && mine.find((l) => l.id === editing) && (
          <LinkEditor
            key={editing}
            link={mine.find((l) => l.id === editing)!}
            tasks={tasks}
            canEdit={canEdit}
            onSave={(body) => {
              const link = mine.find((l) => l.id === editing)!;
              mutations.updateLink.mutate(
                { id: link.id, version: link.version, body },
                { onSuccess: () => setEditing(null) },
              );
            }}
            onDelete={() => {
              const link = mine.find((l) => l.id === editing)!;
              mutations.deleteLink.mutate(
                { id: link.id, version: link.version },
                { onSuccess: () => setEditing(null) },
              );
            }}
          />
        )}
        {canEdit && leaf && (
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t('planning.links.add')}
            </Text>
            <Group gap="xs" align="flex-end">
              <Select
                label={t('planning.links.direction')}
                data={[
                  { value: 'successor', label: t('planning.links.successor') },
                  { value: 'predecessor', label: t('planning.links.predecessor') },
                ]}
                value={direction}
                onChange={(v) => v && setDirection(v as 'successor' | 'predecessor')}
                allowDeselect={false}
                w={140}
              />
              <Select
                label={t('planning.links.task')}
                data={candidates}
                value={other}
                onChange={setOther}
                searchable
                limit={50}
                nothingFoundMessage={t('common.noResults')}
                w={260}
              />
              <Select
                label={t('planning.links.type')}
                data={TYPES.map((v) => ({ value: v, label: t(`planning.linkTypes.${v}`) }))}
                value={type}
                onChange={(v) => v && setType(v as LinkType)}
                allowDeselect={false}
                w={170}
              />
              <NumberInput
                label={t('planning.links.lag')}
                value={lag}
                onChange={(v) => setLag(typeof v === 'number' ? v : Number(v) || 0)}
                allowDecimal={false}
                w={90}
              />
              <Button
                disabled={!other}
                loading={mutations.createLink.isPending}
                onClick={() => {
                  if (!other) return;
                  const [fromTaskId, toTaskId] =
                    direction === 'successor' ? [task.id, other] : [other, task.id];
                  mutations.createLink.mutate(
                    { fromTaskId, toTaskId, type, lag },
                    { onSuccess: () => setOther(null) },
                  );
                }}
              >
                {t('planning.links.create')}
              </Button>
            </Group>
          </Stack>
        )}
        <TaskAssignments projectId={plan.projectId} task={task} canEdit={canEdit} />
      </Stack>
    </Modal>
  );
}
