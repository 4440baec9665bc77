import { Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SkillGaps } from '../../../contracts/staffing.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { formatNumber } from '../../format.ts';
import { PersonSelect } from '../org/pickers.tsx';
import { levelLabel, useSkillLevels } from '../resources/skills/skills-api.ts';
import { trainingApi, useCourses, useTrainingMutation } from '../staffing/training-api.ts';
import { usePlannablePeople } from './training-extra-api.ts';

export interface GapChoice {
  row: SkillGaps['rows'][number];
  /** The quarter the gap shows in: its last day is the default due date. */
  quarter: SkillGaps['quarters'][number];
  gapHours: number;
}

/**
 * A development goal from a skill gap: a person to bring to the level asked by the date the
 * gap opens, with a course of the catalogue teaching the skill at that level when there is one.
 */
export function GapGoalForm({ choice, onDone }: { choice: GapChoice; onDone: () => void }) {
  const { t } = useTranslation();
  const levels = useSkillLevels();
  const plannable = usePlannablePeople();
  const courses = useCourses();
  const create = useTrainingMutation(trainingApi.createGoal);
  const { row, quarter } = choice;
  const [personId, setPersonId] = useState<string | null>(null);
  const [target, setTarget] = useState(String(row.minLevel));
  const [dueOn, setDueOn] = useState<string | null>(quarter.finish);
  const teaching = (courses.data?.items ?? []).filter(
    (c) => c.skill.id === row.skill.id && c.targetLevel >= Number(target),
  );
  const [courseId, setCourseId] = useState<string | null>(null);
  const chosenCourse = courseId ?? teaching[0]?.id ?? null;
  const [note, setNote] = useState(() =>
    t(choice.gapHours > 0 ? 'skills.gapGoal.defaultNote' : 'skills.gapGoal.defaultNoteCovered', {
      quarter: t('staffing.gaps.quarter', { year: quarter.year, quarter: quarter.quarter }),
      hours: formatNumber(Math.abs(choice.gapHours)),
    }),
  );
  return (
    <Stack>
      <Text size="sm">
        {t(choice.gapHours > 0 ? 'skills.gapGoal.intro' : 'skills.gapGoal.introCovered', {
          skill: row.skill.name,
          level: row.minLevel,
          quarter: t('staffing.gaps.quarter', { year: quarter.year, quarter: quarter.quarter }),
        })}
      </Text>
      {plannable.data && !plannable.data.all ? (
        <Select
          label={t('skills.gapGoal.person')}
          description={t('skills.gapGoal.reportsOnly')}
          searchable
          value={personId}
          onChange={setPersonId}
          data={plannable.data.items.map((p) => ({ value: p.id, label: p.name }))}
        />
      ) : (
        <PersonSelect label={t('skills.gapGoal.person')} value={personId} onChange={setPersonId} />
      )}
      <Group grow>
        <Select
          label={t('staffing.training.targetLevel')}
          allowDeselect={false}
          value={target}
          onChange={(v) => v && setTarget(v)}
          data={[1, 2, 3, 4, 5].map((n) => ({
            value: String(n),
            label: `${n} — ${levelLabel(t, levels.data?.items, n)}`,
          }))}
        />
        <DateField
          label={t('staffing.training.dueOn')}
          value={dueOn}
          onChange={(v) => setDueOn(v ? String(v).slice(0, 10) : null)}
          clearable={false}
        />
      </Group>
      <Select
        label={t('staffing.training.course')}
        description={teaching.length === 0 ? t('skills.gapGoal.noCourse') : undefined}
        clearable
        value={chosenCourse}
        onChange={(v) => setCourseId(v)}
        data={teaching.map((c) => ({ value: c.id, label: `${c.code} — ${c.title}` }))}
      />
      <Textarea
        label={t('skills.gapGoal.note')}
        value={note}
        maxLength={1000}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <FormActions onCancel={onDone}>
        <Button
          disabled={!personId || !dueOn}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              {
                personId: personId!,
                body: {
                  skillId: row.skill.id,
                  targetLevel: Number(target),
                  dueOn: dueOn!,
                  courseId: chosenCourse,
                  note,
                },
              },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('skills.gapGoal.created') });
                  onDone();
                },
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
              },
            )
          }
        >
          {t('skills.gapGoal.create')}
        </Button>
      </FormActions>
    </Stack>
  );
}
