import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconBulb, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { CatalogueFormModal } from './CatalogueFormModal.tsx';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Project } from '../../../contracts/portfolio.ts';
import { Lesson, type LessonCategory, type LessonKind } from '../../../contracts/methods.ts';
import { LESSON_CATEGORIES, LESSON_KINDS } from '../../../core/methods/lessons.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { useMethodologies, useProjectGovernance } from '../governance/governance-api.ts';
import { useLessons, useLessonSuggestions, useProjectLessons } from './methods-api.ts';

/** One lesson learned: what happened, the recommendation, where it comes from. */
export function LessonCard({
  lesson,
  showProject,
  note,
  onEdit,
  onDelete,
}: {
  lesson: Lesson;
  showProject?: boolean;
  note?: string;
  onEdit?: () => void;
  onDelete?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="sm" component="article" aria-label={lesson.title}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ flex: 1 }}>
          <Group gap={6}>
            <Badge color={lesson.kind === 'worked' ? 'teal' : 'orange'} variant="light">
              {t(`methods.lessons.kind.${lesson.kind}`)}
            </Badge>
            <Badge color="gray" variant="outline">
              {t(`methods.lessons.category.${lesson.category}`)}
            </Badge>
            {lesson.tags.map((tag) => (
              <Badge key={tag} size="sm" variant="dot" color="blue">
                {tag}
              </Badge>
            ))}
          </Group>
          <Text fw={600}>{lesson.title}</Text>
          {lesson.description && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {lesson.description}
            </Text>
          )}
          {lesson.recommendation && (
            <Text size="sm">
              <b>{t('methods.lessons.recommendation')} :</b> {lesson.recommendation}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {showProject && (
              <>
                <Anchor component={Link} to={`/projects/${lesson.project.id}/lessons`} size="xs">
                  {lesson.project.code} · {lesson.project.name}
                </Anchor>
                {lesson.methodology && ` · ${lesson.methodology.name}`}
                {' · '}
              </>
            )}
            {t('methods.lessons.by', {
              author: lesson.author ?? '—',
              date: formatDate(lesson.updatedAt.slice(0, 10)),
            })}
            {note && ` · ${note}`}
          </Text>
        </Stack>
        {(onEdit || onDelete) && (
          <Group gap={2} wrap="nowrap">
            {onEdit && (
              <ActionIcon
                variant="subtle"
                aria-label={t('methods.lessons.edit', { title: lesson.title })}
                onClick={onEdit}
              >
                <IconPencil size={16} />
              </ActionIcon>
            )}
            {onDelete && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('methods.lessons.delete', { title: lesson.title })}
                onClick={onDelete}
              >
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        )}
      </Group>
    </Paper>
  );
}

const kindOptions = (t: (k: string) => string) =>
  LESSON_KINDS.map((k) => ({ value: k, label: t(`methods.lessons.kind.${k}`) }));
const categoryOptions = (t: (k: string) => string) =>
  LESSON_CATEGORIES.map((c) => ({ value: c, label: t(`methods.lessons.category.${c}`) }));

/** Records or edits a lesson of a project. */
function LessonForm({
  projectId,
  phases,
  lesson,
  onClose,
}: {
  projectId: string;
  phases: { key: string; name: string }[];
  lesson: Lesson | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<LessonKind>(lesson?.kind ?? 'improve');
  const [category, setCategory] = useState<LessonCategory | null>(lesson?.category ?? null);
  const [phaseKey, setPhaseKey] = useState<string | null>(lesson?.phaseKey ?? null);
  const [title, setTitle] = useState(lesson?.title ?? '');
  const [description, setDescription] = useState(lesson?.description ?? '');
  const [recommendation, setRecommendation] = useState(lesson?.recommendation ?? '');
  const [tags, setTags] = useState<string[]>(lesson?.tags ?? []);
  const save = async () => {
    if (!category) return t('methods.lessons.categoryRequired');
    const body = { kind, category, phaseKey, title, description, recommendation, tags };
    if (lesson)
      await api.patch(`/projects/${projectId}/lessons/${lesson.id}`, Lesson, body, lesson.version);
    else await api.post(`/projects/${projectId}/lessons`, Lesson, body);
    await client.invalidateQueries({ queryKey: ['lessons'] });
    void client.invalidateQueries({ queryKey: ['history', projectId] });
    notifications.show({ color: 'teal', message: t('methods.lessons.saved') });
    onClose();
  };
  return (
    <CatalogueFormModal
      onClose={onClose}
      onSave={save}
      title={lesson ? t('methods.lessons.editTitle') : t('methods.lessons.newTitle')}
    >
      <SegmentedControl
        value={kind}
        onChange={(v) => setKind(v as LessonKind)}
        data={kindOptions(t)}
        aria-label={t('methods.lessons.kindLabel')}
      />
      <Group grow>
        <Select
          label={t('methods.lessons.categoryLabel')}
          data={categoryOptions(t)}
          value={category}
          onChange={(v) => setCategory(v as LessonCategory | null)}
          required
        />
        <Select
          label={t('methods.lessons.phase')}
          data={phases.map((p) => ({ value: p.key, label: p.name }))}
          value={phaseKey}
          onChange={setPhaseKey}
          clearable
        />
      </Group>
      <TextInput
        label={t('methods.lessons.title')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        required
      />
      <Textarea
        label={t('methods.lessons.description')}
        description={t('methods.lessons.descriptionHelp')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        minRows={3}
      />
      <Textarea
        label={t('methods.lessons.recommendation')}
        description={t('methods.lessons.recommendationHelp')}
        value={recommendation}
        onChange={(e) => setRecommendation(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <TagsInput
        label={t('methods.lessons.tags')}
        description={t('methods.lessons.tagsHelp')}
        value={tags}
        onChange={setTags}
        maxTags={10}
      />
    </CatalogueFormModal>
  );
}

/** The project's "REX" tab: its lessons learned, and what similar projects learned before it. */
export function ProjectLessonsTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useProjectLessons(project.id);
  const suggestions = useLessonSuggestions(project.id);
  const governance = useProjectGovernance(project.id);
  const phases = governance.data?.phases.map((p) => ({ key: p.key, name: p.name })) ?? [];
  const phaseName = (key: string | null) => phases.find((p) => p.key === key)?.name;
  const canEdit = project.can.update && !project.archived;
  const [editing, setEditing] = useState<Lesson | 'new' | null>(null);
  const remove = async (lesson: Lesson) => {
    if (!window.confirm(t('methods.lessons.deleteConfirm', { title: lesson.title }))) return;
    try {
      await api.delete(`/projects/${project.id}/lessons/${lesson.id}`, lesson.version);
      await client.invalidateQueries({ queryKey: ['lessons'] });
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
    }
  };
  if (list.isPending) return <TableSkeleton />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const worked = list.data.items.filter((l) => l.kind === 'worked');
  const improve = list.data.items.filter((l) => l.kind === 'improve');
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>
          {t('methods.lessons.projectHelp')}
        </Text>
        {canEdit && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('methods.lessons.add')}
          </Button>
        )}
      </Group>
      {list.data.items.length === 0 ? (
        <EmptyState
          title={t('methods.lessons.emptyProject')}
          message={canEdit ? t('methods.lessons.emptyProjectHelp') : undefined}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {(
            [
              ['worked', worked],
              ['improve', improve],
            ] as const
          ).map(([kind, items]) => (
            <Stack key={kind} gap="xs">
              <Title order={3} size="h5">
                {t(`methods.lessons.columns.${kind}`, { count: items.length })}
              </Title>
              {items.map((l) => (
                <LessonCard
                  key={l.id}
                  lesson={l}
                  note={phaseName(l.phaseKey)}
                  onEdit={canEdit ? () => setEditing(l) : undefined}
                  onDelete={canEdit ? () => void remove(l) : undefined}
                />
              ))}
            </Stack>
          ))}
        </SimpleGrid>
      )}
      <Paper withBorder radius="md" p="md" bg="var(--mantine-color-yellow-0)">
        <Group gap={6} mb="xs">
          <IconBulb size={18} aria-hidden />
          <Title order={3} size="h5">
            {t('methods.lessons.suggestionsTitle')}
          </Title>
        </Group>
        {suggestions.isPending ? (
          <TableSkeleton rows={2} />
        ) : suggestions.isError ? (
          <ErrorState error={suggestions.error} />
        ) : suggestions.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('methods.lessons.noSuggestion')}
          </Text>
        ) : (
          <Stack gap="xs">
            {suggestions.data.items.map((s) => (
              <LessonCard
                key={s.lesson.id}
                lesson={s.lesson}
                showProject
                note={[
                  s.sameMethod ? t('methods.lessons.sameMethod') : null,
                  s.sharedTags.length
                    ? t('methods.lessons.sharedTags', { tags: s.sharedTags.join(', ') })
                    : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            ))}
          </Stack>
        )}
      </Paper>
      {editing && (
        <LessonForm
          projectId={project.id}
          phases={phases}
          lesson={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

/** "Gouvernance › REX": the lessons learned of every visible project, searchable and filtered. */
export function LessonsPanel() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 250);
  const methods = useMethodologies();
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
  const kind = params.get('kind');
  const category = params.get('category');
  const methodologyId = params.get('method');
  const list = useLessons({
    q: debounced.trim(),
    kind: (LESSON_KINDS as readonly string[]).includes(kind ?? '') ? kind : null,
    category: (LESSON_CATEGORIES as readonly string[]).includes(category ?? '') ? category : null,
    methodologyId,
  });
  return (
    <Stack>
      <Group align="flex-end" gap="sm">
        <TextInput
          type="search"
          label={t('methods.lessons.search')}
          placeholder={t('methods.lessons.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            set('q', e.currentTarget.value || null);
          }}
          w={340}
        />
        <Select
          label={t('methods.lessons.kindLabel')}
          data={kindOptions(t)}
          value={kind}
          onChange={(v) => set('kind', v)}
          clearable
          w={180}
        />
        <Select
          label={t('methods.lessons.categoryLabel')}
          data={categoryOptions(t)}
          value={category}
          onChange={(v) => set('category', v)}
          clearable
          w={200}
        />
        <Select
          label={t('methods.lessons.method')}
          data={(methods.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
          value={methodologyId}
          onChange={(v) => set('method', v)}
          clearable
          w={240}
        />
      </Group>
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={t('methods.lessons.emptySearch')}
          message={t('methods.lessons.emptySearchHelp')}
        />
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {list.data.total > list.data.items.length
              ? t('methods.lessons.countCut', {
                  shown: list.data.items.length,
                  count: list.data.total,
                })
              : t('methods.lessons.count', { count: list.data.total })}
          </Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {list.data.items.map((l) => (
              <LessonCard key={l.id} lesson={l} showProject />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
