import {
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Skill, SkillLevel } from '../../../../contracts/skills.ts';
import { isApiError } from '../../../api/client.ts';
import { errorMessage } from '../../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../../components/states.tsx';
import {
  levelLabel,
  skillsApi,
  useSkillCategories,
  useSkillLevels,
  useSkillMutation,
  useSkills,
} from './skills-api.ts';

/** The catalogue: categories and their skills, and the level scale. */
export function SkillCatalogue({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const categories = useSkillCategories();
  const skills = useSkills();
  const remove = useSkillMutation(skillsApi.deleteSkill);
  const removeCategory = useSkillMutation(skillsApi.deleteCategory);
  const [editing, setEditing] = useState<Skill | 'new' | null>(null);
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) });
  // A skill still in use: say what uses it (people, courses by code, goals, requests).
  const onRemoveError = (e: unknown, name: string) => {
    const uses = skillUsesOf(e);
    if (!uses) return onError(e);
    const parts = [
      uses.holders > 0 ? t('skills.inUse.holders', { count: uses.holders }) : null,
      uses.courses.length > 0
        ? t('skills.inUse.courses', { count: uses.courses.length, codes: uses.courses.join(', ') })
        : null,
      uses.goals > 0 ? t('skills.inUse.goals', { count: uses.goals }) : null,
      uses.requests > 0 ? t('skills.inUse.requests', { count: uses.requests }) : null,
    ].filter(Boolean);
    notifications.show({
      color: 'red',
      title: t('skills.inUse.title', { name }),
      message: parts.join(' · '),
    });
  };
  if (categories.isPending || skills.isPending) return <TableSkeleton />;
  if (categories.isError) return <ErrorState error={categories.error} />;
  if (skills.isError) return <ErrorState error={skills.error} />;
  const byCategory = new Map<string, Skill[]>();
  for (const s of skills.data.items) {
    byCategory.set(s.category.id, [...(byCategory.get(s.category.id) ?? []), s]);
  }
  return (
    <Stack>
      <LevelScale canManage={canManage} />
      {canManage && <NewCategory />}
      {canManage && categories.data.items.length > 0 && (
        <Group>
          <Button onClick={() => setEditing('new')}>{t('skills.catalogue.addSkill')}</Button>
        </Group>
      )}
      {categories.data.items.length === 0 ? (
        <EmptyState
          title={t('skills.catalogue.emptyTitle')}
          message={t('skills.catalogue.emptyMessage')}
        />
      ) : (
        categories.data.items.map((c) => (
          <Paper key={c.id} withBorder p="md" radius="md">
            <Group justify="space-between" mb="xs">
              <div>
                <Title order={3} size="h5">
                  {c.name}{' '}
                  <Badge variant="light" color="gray">
                    {c.code}
                  </Badge>
                </Title>
                {c.description && (
                  <Text size="sm" c="dimmed">
                    {c.description}
                  </Text>
                )}
              </div>
              {canManage && c.skillCount === 0 && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  onClick={() =>
                    removeCategory.mutate({ id: c.id, version: c.version }, { onError })
                  }
                  aria-label={t('skills.catalogue.removeCategory', { name: c.name })}
                >
                  {t('common.delete')}
                </Button>
              )}
            </Group>
            {(byCategory.get(c.id) ?? []).length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('skills.catalogue.noSkill')}
              </Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('skills.skill')}</Table.Th>
                    <Table.Th>{t('skills.catalogue.code')}</Table.Th>
                    <Table.Th>{t('skills.catalogue.description')}</Table.Th>
                    <Table.Th ta="right">{t('skills.catalogue.holders')}</Table.Th>
                    {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(byCategory.get(c.id) ?? []).map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td fw={500}>{s.name}</Table.Td>
                      <Table.Td>{s.code}</Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {s.description}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{s.holders}</Table.Td>
                      {canManage && (
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <Button
                              size="compact-xs"
                              variant="default"
                              onClick={() => setEditing(s)}
                              aria-label={t('skills.catalogue.editSkill', { name: s.name })}
                            >
                              {t('common.edit')}
                            </Button>
                            {s.holders === 0 && (
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                color="red"
                                onClick={() =>
                                  remove.mutate(
                                    { id: s.id, version: s.version },
                                    { onError: (e) => onRemoveError(e, s.name) },
                                  )
                                }
                                aria-label={t('skills.catalogue.removeSkill', { name: s.name })}
                              >
                                {t('common.delete')}
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        ))
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('skills.catalogue.addSkill') : t('skills.catalogue.edit')}
      >
        {editing !== null && (
          <SkillForm
            skill={editing === 'new' ? null : editing}
            categories={categories.data.items.map((c) => ({ value: c.id, label: c.name }))}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function SkillForm({
  skill,
  categories,
  onDone,
}: {
  skill: Skill | null;
  categories: { value: string; label: string }[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useSkillMutation(skillsApi.createSkill);
  const update = useSkillMutation(skillsApi.updateSkill);
  const [categoryId, setCategoryId] = useState<string | null>(
    skill?.category.id ?? categories[0]?.value ?? null,
  );
  const [code, setCode] = useState(skill?.code ?? '');
  const [name, setName] = useState(skill?.name ?? '');
  const [description, setDescription] = useState(skill?.description ?? '');
  const handlers = {
    onSuccess: onDone,
    onError: (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
  };
  const submit = () => {
    if (!categoryId) return;
    if (skill) {
      update.mutate(
        { id: skill.id, version: skill.version, categoryId, name, description },
        handlers,
      );
    } else {
      create.mutate({ categoryId, code, name, description }, handlers);
    }
  };
  return (
    <Stack>
      <Select
        label={t('skills.category')}
        data={categories}
        value={categoryId}
        onChange={setCategoryId}
        allowDeselect={false}
      />
      <TextInput
        label={t('skills.catalogue.code')}
        value={code}
        disabled={skill !== null}
        onChange={(e) => setCode(e.currentTarget.value)}
        required
      />
      <TextInput
        label={t('skills.catalogue.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        required
      />
      <Textarea
        label={t('skills.catalogue.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={create.isPending || update.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function NewCategory() {
  const { t } = useTranslation();
  const create = useSkillMutation(skillsApi.createCategory);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  return (
    <Paper withBorder p="md" radius="md">
      <Group align="flex-end">
        <TextInput
          label={t('skills.catalogue.code')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          w={120}
        />
        <TextInput
          label={t('skills.catalogue.categoryName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={260}
        />
        <Button
          variant="default"
          disabled={!code.trim() || !name.trim()}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              { code, name, description: '' },
              {
                onSuccess: () => {
                  setCode('');
                  setName('');
                },
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
              },
            )
          }
        >
          {t('skills.catalogue.addCategory')}
        </Button>
      </Group>
    </Paper>
  );
}

function LevelScale({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const levels = useSkillLevels();
  if (!levels.data) return null;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h5" mb="sm">
        {t('skills.catalogue.scale')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 5 }}>
        {levels.data.items.map((l) => (
          <LevelCard key={`${l.level}-${l.version}`} level={l} canManage={canManage} />
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function LevelCard({ level, canManage }: { level: SkillLevel; canManage: boolean }) {
  const { t } = useTranslation();
  const save = useSkillMutation(skillsApi.saveLevel);
  const [label, setLabel] = useState(level.label || levelLabel(t, undefined, level.level));
  const [description, setDescription] = useState(
    level.description || t(`skills.levelDescriptions.${level.level}`),
  );
  if (!canManage) {
    return (
      <Stack gap={2}>
        <Text fw={600} size="sm">
          {level.level} — {level.label || levelLabel(t, undefined, level.level)}
        </Text>
        <Text size="xs" c="dimmed">
          {level.description || t(`skills.levelDescriptions.${level.level}`)}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      <TextInput
        label={t('skills.catalogue.levelName', { level: level.level })}
        value={label}
        onChange={(e) => setLabel(e.currentTarget.value)}
        size="xs"
      />
      <Textarea
        aria-label={t('skills.catalogue.levelDescription', { level: level.level })}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        minRows={2}
        size="xs"
      />
      <Button
        size="compact-xs"
        variant="default"
        loading={save.isPending}
        onClick={() =>
          save.mutate(
            { level: level.level, version: level.version, label, description },
            {
              onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
            },
          )
        }
        aria-label={t('skills.catalogue.saveLevel', { level: level.level })}
      >
        {t('common.save')}
      </Button>
    </Stack>
  );
}

interface SkillUses {
  holders: number;
  courses: string[];
  goals: number;
  requests: number;
}

/** The details of a `SKILL_IN_USE` error, when the server sent them. */
function skillUsesOf(e: unknown): SkillUses | null {
  if (!isApiError(e) || e.code !== 'SKILL_IN_USE') return null;
  const d = e.details as Partial<SkillUses> | null | undefined;
  if (!d || typeof d.holders !== 'number') return null;
  return {
    holders: d.holders,
    courses: Array.isArray(d.courses) ? d.courses : [],
    goals: d.goals ?? 0,
    requests: d.requests ?? 0,
  };
}
