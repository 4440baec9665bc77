import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSkill, Skill, SkillSource } from '../../../../contracts/skills.ts';
import { DateField } from '../../../components/DateField.tsx';
import { errorMessage } from '../../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../../components/states.tsx';
import { formatDate } from '../../../format.ts';
import {
  levelLabel,
  skillsApi,
  usePersonSkills,
  useSkillLevels,
  useSkillMutation,
  useSkills,
} from './skills-api.ts';

/** Skills as grouped options of a select, one group per category. */
function groupByCategory(items: readonly Skill[]) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const s of items) {
    const group = groups.get(s.category.name) ?? [];
    group.push({ value: s.id, label: s.name });
    groups.set(s.category.name, group);
  }
  return [...groups].map(([group, options]) => ({ group, items: options }));
}

const todayIso = () => new Date().toISOString().slice(0, 10);

/** The skills of one person: the list, and the form to record or change a level. */
export function PersonSkillsPanel({
  personId,
  focusSkillId,
}: {
  personId: string;
  focusSkillId?: string | null;
}) {
  const { t } = useTranslation();
  const list = usePersonSkills(personId);
  const levels = useSkillLevels();
  const remove = useSkillMutation(skillsApi.removePersonSkill);
  const [editing, setEditing] = useState<string | null>(focusSkillId ?? null);
  if (list.isPending) return <TableSkeleton rows={4} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const { items, can, person } = list.data;
  const current = items.find((s) => s.skill.id === editing) ?? null;
  return (
    <Stack>
      {can.sources.length > 0 && (
        <AssessmentForm
          key={`${editing ?? 'new'}-${current?.version ?? 0}`}
          personId={person.id}
          sources={can.sources}
          current={current}
          skillId={editing}
          onSkill={setEditing}
        />
      )}
      {items.length === 0 ? (
        <EmptyState
          title={t('skills.person.emptyTitle')}
          message={t(
            can.sources.length ? 'skills.person.emptyMessage' : 'skills.person.emptyReadOnly',
          )}
        />
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('skills.skill')}</Table.Th>
              <Table.Th>{t('skills.level')}</Table.Th>
              <Table.Th>{t('skills.person.source')}</Table.Th>
              <Table.Th>{t('skills.person.assessedOn')}</Table.Th>
              {can.sources.length > 0 && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {s.skill.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {s.skill.category.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {s.level} — {levelLabel(t, levels.data?.items, s.level)}
                </Table.Td>
                <Table.Td>
                  <SourceBadge skill={s} />
                </Table.Td>
                <Table.Td>{formatDate(s.assessedOn)}</Table.Td>
                {can.sources.length > 0 && (
                  <Table.Td>
                    <Group gap={6}>
                      <Button
                        size="compact-xs"
                        variant="default"
                        onClick={() => setEditing(s.skill.id)}
                        aria-label={t('skills.person.editLabel', { skill: s.skill.name })}
                      >
                        {t('common.edit')}
                      </Button>
                      {can.sources.includes(s.source) && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          aria-label={t('skills.person.removeLabel', { skill: s.skill.name })}
                          onClick={() =>
                            remove.mutate(
                              { personId: person.id, skillId: s.skill.id, version: s.version },
                              {
                                onError: (e) =>
                                  notifications.show({ color: 'red', message: errorMessage(t, e) }),
                              },
                            )
                          }
                        >
                          {t('skills.person.remove')}
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
    </Stack>
  );
}

export function SourceBadge({ skill }: { skill: PersonSkill }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Badge variant="light" color={skill.expired ? 'red' : 'gray'}>
        {t(`skills.source.${skill.source}`)}
      </Badge>
      {skill.certification && <Text size="xs">{skill.certification}</Text>}
      {skill.expiresOn && (
        <Text size="xs" c={skill.expired ? 'red' : 'dimmed'}>
          {skill.expired
            ? t('skills.person.expiredOn', { date: formatDate(skill.expiresOn) })
            : t('skills.person.expiresOn', { date: formatDate(skill.expiresOn) })}
        </Text>
      )}
    </Stack>
  );
}

function AssessmentForm({
  personId,
  sources,
  current,
  skillId,
  onSkill,
}: {
  personId: string;
  sources: SkillSource[];
  current: PersonSkill | null;
  skillId: string | null;
  onSkill: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const skills = useSkills();
  const levels = useSkillLevels();
  const save = useSkillMutation(skillsApi.setPersonSkill);
  const [level, setLevel] = useState<string | null>(current ? String(current.level) : null);
  const [source, setSource] = useState<SkillSource>(
    current && sources.includes(current.source) ? current.source : sources[0]!,
  );
  const [assessedOn, setAssessedOn] = useState<string | null>(todayIso());
  const [certification, setCertification] = useState(current?.certification ?? '');
  const [expiresOn, setExpiresOn] = useState<string | null>(current?.expiresOn ?? null);
  const submit = () => {
    if (!skillId || !level || !assessedOn) return;
    save.mutate(
      {
        personId,
        skillId,
        version: current?.version ?? 0,
        body: {
          level: Number(level),
          assessedOn,
          source,
          certification: source === 'certification' ? certification : '',
          expiresOn: source === 'certification' ? expiresOn : null,
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('skills.person.saved') });
          onSkill(null);
        },
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
      },
    );
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h5" mb="sm">
        {current ? t('skills.person.editTitle') : t('skills.person.addTitle')}
      </Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('skills.skill')}
          searchable
          w={240}
          value={skillId}
          onChange={onSkill}
          data={groupByCategory(skills.data?.items ?? [])}
          nothingFoundMessage={t('skills.catalogue.emptyTitle')}
        />
        <Select
          label={t('skills.level')}
          w={200}
          value={level}
          onChange={setLevel}
          data={[1, 2, 3, 4, 5].map((n) => ({
            value: String(n),
            label: `${n} — ${levelLabel(t, levels.data?.items, n)}`,
          }))}
        />
        <Select
          label={t('skills.person.source')}
          w={250}
          value={source}
          onChange={(v) => v && setSource(v as SkillSource)}
          allowDeselect={false}
          data={sources.map((s) => ({ value: s, label: t(`skills.source.${s}`) }))}
        />
        <DateField
          label={t('skills.person.assessedOn')}
          value={assessedOn}
          onChange={(v) => setAssessedOn(v ? String(v).slice(0, 10) : null)}
          w={150}
        />
        {source === 'certification' && (
          <>
            <TextInput
              label={t('skills.person.certification')}
              value={certification}
              onChange={(e) => setCertification(e.currentTarget.value)}
              w={220}
            />
            <DateField
              label={t('skills.person.expiry')}
              value={expiresOn}
              onChange={(v) => setExpiresOn(v ? String(v).slice(0, 10) : null)}
              clearable
              w={150}
            />
          </>
        )}
        <Button
          onClick={submit}
          loading={save.isPending}
          disabled={!skillId || !level || !assessedOn}
        >
          {t('common.save')}
        </Button>
      </Group>
    </Paper>
  );
}
