import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
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
import type { DevelopmentGoal, Enrolment, TrainingSession } from '../../../contracts/staffing.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatMoney, formatNumber } from '../../format.ts';
import { useCan, useCurrentUser } from '../auth/auth-api.ts';
import { PersonSelect } from '../org/pickers.tsx';
import { levelLabel, useSkillLevels, useSkills } from '../resources/skills/skills-api.ts';
import { formatSpans, trainingErrorMessage } from '../skills/absence-error.ts';
import { usePostings } from '../skills/postings-api.ts';
import { SessionBudget } from '../skills/SessionBudget.tsx';
import { SessionCancelForm, SessionEditForm } from '../skills/SessionDialogs.tsx';
import { TrainingCostsView } from '../skills/TrainingCostsView.tsx';
import {
  trainingApi,
  useCourses,
  useEnrolments,
  useGoals,
  useSessions,
  useTrainingMutation,
} from './training-api.ts';

const ENROLMENT_COLOR: Record<Enrolment['status'], string> = {
  requested: 'blue',
  approved: 'teal',
  attended: 'grape',
  completed: 'green',
  rejected: 'red',
  cancelled: 'gray',
};
const GOAL_COLOR: Record<DevelopmentGoal['status'], string> = {
  planned: 'blue',
  in_progress: 'orange',
  done: 'green',
  cancelled: 'gray',
};

function useOnError() {
  const { t } = useTranslation();
  return (e: unknown) => notifications.show({ color: 'red', message: trainingErrorMessage(t, e) });
}

/** Training: the catalogue and its sessions, enrolments, development plans. */
export function TrainingTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [view, setView] = useState('catalogue');
  // Costs show every department's spending: resource roles only.
  const canRead = useCan()('resource.read');
  const views = canRead
    ? ['catalogue', 'enrolments', 'plans', 'costs']
    : ['catalogue', 'enrolments', 'plans'];
  return (
    <Stack>
      <SegmentedControl
        w="fit-content"
        aria-label={t('staffing.training.views')}
        value={view}
        onChange={setView}
        data={views.map((v) => ({
          value: v,
          label: v === 'costs' ? t('skills.costs.title') : t(`staffing.training.view.${v}`),
        }))}
      />
      {view === 'catalogue' && <Catalogue canManage={canManage} />}
      {view === 'enrolments' && <Enrolments canManage={canManage} />}
      {view === 'plans' && <Plans />}
      {view === 'costs' && canRead && <TrainingCostsView />}
    </Stack>
  );
}

function Catalogue({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const courses = useCourses();
  const sessions = useSessions();
  const mine = useEnrolments(true);
  const enrol = useTrainingMutation(trainingApi.enrol);
  const onError = useOnError();
  const [creating, setCreating] = useState<'course' | 'session' | null>(null);
  const [enrolling, setEnrolling] = useState<TrainingSession | null>(null);
  const [dialog, setDialog] = useState<{
    kind: 'edit' | 'cancel';
    session: TrainingSession;
  } | null>(null);
  const can = useCan();
  // Training costs posted to project budgets: seen by resource roles, posted by finance.
  const seesPostings = can('resource.read');
  const postings = usePostings(seesPostings);
  const postingOf = new Map((postings.data?.items ?? []).map((p) => [p.sessionId, p]));
  const enrolled = new Set((mine.data?.items ?? []).map((e) => e.session.id));
  const today = new Date().toISOString().slice(0, 10);
  if (courses.isPending || sessions.isPending) return <TableSkeleton />;
  if (courses.isError)
    return <ErrorState error={courses.error} onRetry={() => void courses.refetch()} />;
  if (sessions.isError) {
    return <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;
  }
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('staffing.training.courses')}
        </Title>
        {canManage && (
          <Group>
            <Button variant="default" onClick={() => setCreating('course')}>
              {t('staffing.training.newCourse')}
            </Button>
            <Button
              variant="default"
              disabled={courses.data.items.length === 0}
              onClick={() => setCreating('session')}
            >
              {t('staffing.training.newSession')}
            </Button>
          </Group>
        )}
      </Group>
      {courses.data.items.length === 0 ? (
        <EmptyState
          title={t('staffing.training.emptyCoursesTitle')}
          message={t('staffing.training.emptyCourses')}
        />
      ) : (
        <Table striped aria-label={t('staffing.training.courses')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('staffing.training.course')}</Table.Th>
              <Table.Th>{t('staffing.training.skill')}</Table.Th>
              <Table.Th>{t('staffing.training.provider')}</Table.Th>
              <Table.Th>{t('staffing.training.format')}</Table.Th>
              <Table.Th ta="right">{t('staffing.training.duration')}</Table.Th>
              <Table.Th ta="right">{t('staffing.training.cost')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {courses.data.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {c.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {c.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {t('staffing.training.skillLevel', { skill: c.skill.name, level: c.targetLevel })}
                </Table.Td>
                <Table.Td>{c.provider}</Table.Td>
                <Table.Td>{t(`staffing.training.formats.${c.format}`)}</Table.Td>
                <Table.Td ta="right">
                  {t('staffing.hours', { value: formatNumber(c.durationHours) })}
                </Table.Td>
                <Table.Td ta="right">{formatMoney(c.costMinor, c.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={3} size="h5">
        {t('staffing.training.sessions')}
      </Title>
      {sessions.data.items.length === 0 ? (
        <EmptyState
          title={t('staffing.training.emptySessionsTitle')}
          message={t('staffing.training.emptySessions')}
        />
      ) : (
        <Table striped aria-label={t('staffing.training.sessions')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('staffing.training.course')}</Table.Th>
              <Table.Th>{t('staffing.training.dates')}</Table.Th>
              <Table.Th>{t('staffing.training.place')}</Table.Th>
              <Table.Th ta="right">{t('staffing.training.seats')}</Table.Th>
              {seesPostings && <Table.Th>{t('skills.posting.column')}</Table.Th>}
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {s.course.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('staffing.training.skillLevel', {
                      skill: s.course.skill.name,
                      level: s.course.targetLevel,
                    })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {formatDate(s.start)} – {formatDate(s.finish)}
                </Table.Td>
                <Table.Td>{s.place}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t('skills.seats', { taken: s.taken, seats: s.seats })}
                  {s.waiting > 0 && (
                    <Text size="xs" c="orange.9">
                      {t('skills.seatsWaiting', { count: s.waiting })}
                    </Text>
                  )}
                </Table.Td>
                {seesPostings && (
                  <Table.Td>
                    <SessionBudget
                      session={s}
                      posting={postingOf.get(s.id)}
                      canPost={can('finance.manage')}
                      costPerParticipant={
                        courses.data.items.find((c) => c.id === s.course.id)?.costMinor ?? 0
                      }
                      currency={
                        courses.data.items.find((c) => c.id === s.course.id)?.currency ?? 'EUR'
                      }
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {me.personId &&
                      (enrolled.has(s.id) ? (
                        <Badge variant="light">{t('staffing.training.enrolled')}</Badge>
                      ) : (
                        <Button
                          size="compact-xs"
                          disabled={
                            s.status === 'cancelled' || s.taken >= s.seats || s.start <= today
                          }
                          loading={enrol.isPending}
                          aria-label={t('staffing.training.enrolMeLabel', {
                            course: s.course.title,
                            date: formatDate(s.start),
                          })}
                          onClick={() =>
                            enrol.mutate(
                              { sessionId: s.id },
                              {
                                onSuccess: () =>
                                  notifications.show({
                                    color: 'green',
                                    message: t('staffing.training.enrolDone'),
                                  }),
                                onError,
                              },
                            )
                          }
                        >
                          {t('staffing.training.enrolMe')}
                        </Button>
                      ))}
                    {canManage && s.status === 'planned' && (
                      <>
                        <Button size="compact-xs" variant="light" onClick={() => setEnrolling(s)}>
                          {t('staffing.training.enrolSomeone')}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="default"
                          aria-label={t('skills.session.editLabel', {
                            course: s.course.title,
                            date: formatDate(s.start),
                          })}
                          onClick={() => setDialog({ kind: 'edit', session: s })}
                        >
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          aria-label={t('skills.session.cancelLabel', {
                            course: s.course.title,
                            date: formatDate(s.start),
                          })}
                          onClick={() => setDialog({ kind: 'cancel', session: s })}
                        >
                          {t('skills.session.cancel')}
                        </Button>
                      </>
                    )}
                    {s.status === 'cancelled' && (
                      <Badge color="gray" variant="light">
                        {t('skills.session.cancelledBadge')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={creating === 'course'}
        onClose={() => setCreating(null)}
        title={t('staffing.training.newCourse')}
      >
        <CourseForm onDone={() => setCreating(null)} />
      </Modal>
      <Modal
        opened={creating === 'session'}
        onClose={() => setCreating(null)}
        title={t('staffing.training.newSession')}
      >
        <SessionForm onDone={() => setCreating(null)} />
      </Modal>
      <Modal
        opened={dialog?.kind === 'edit'}
        onClose={() => setDialog(null)}
        title={t('skills.session.editTitle')}
      >
        {dialog?.kind === 'edit' && (
          <SessionEditForm session={dialog.session} onDone={() => setDialog(null)} />
        )}
      </Modal>
      <Modal
        opened={dialog?.kind === 'cancel'}
        onClose={() => setDialog(null)}
        title={t('skills.session.cancelTitle')}
      >
        {dialog?.kind === 'cancel' && (
          <SessionCancelForm session={dialog.session} onDone={() => setDialog(null)} />
        )}
      </Modal>
      <Modal
        opened={enrolling !== null}
        onClose={() => setEnrolling(null)}
        title={t('staffing.training.enrolSomeone')}
      >
        {enrolling && <EnrolForm session={enrolling} onDone={() => setEnrolling(null)} />}
      </Modal>
    </Stack>
  );
}

function CourseForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const skills = useSkills();
  const levels = useSkillLevels();
  const create = useTrainingMutation(trainingApi.createCourse);
  const onError = useOnError();
  const [f, setF] = useState({
    code: '',
    title: '',
    provider: '',
    skillId: null as string | null,
    targetLevel: '3',
    durationHours: 14 as number | string,
    cost: 0 as number | string,
    format: 'presentiel',
  });
  const set = (p: Partial<typeof f>) => setF((x) => ({ ...x, ...p }));
  return (
    <Stack>
      <Group grow>
        <TextInput
          label={t('staffing.training.code')}
          required
          value={f.code}
          onChange={(e) => set({ code: e.currentTarget.value.toUpperCase() })}
        />
        <TextInput
          label={t('staffing.training.provider')}
          value={f.provider}
          onChange={(e) => set({ provider: e.currentTarget.value })}
        />
      </Group>
      <TextInput
        label={t('staffing.training.title')}
        required
        value={f.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
      />
      <Group grow>
        <Select
          label={t('staffing.training.skill')}
          required
          searchable
          value={f.skillId}
          onChange={(v) => set({ skillId: v })}
          data={(skills.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          label={t('staffing.training.targetLevel')}
          allowDeselect={false}
          value={f.targetLevel}
          onChange={(v) => v && set({ targetLevel: v })}
          data={[1, 2, 3, 4, 5].map((n) => ({
            value: String(n),
            label: `${n} — ${levelLabel(t, levels.data?.items, n)}`,
          }))}
        />
      </Group>
      <Group grow>
        <Select
          label={t('staffing.training.format')}
          allowDeselect={false}
          value={f.format}
          onChange={(v) => v && set({ format: v })}
          data={['presentiel', 'distanciel', 'elearning', 'mixte'].map((v) => ({
            value: v,
            label: t(`staffing.training.formats.${v}`),
          }))}
        />
        <NumberInput
          label={t('staffing.training.durationHours')}
          min={0}
          decimalSeparator=","
          value={f.durationHours}
          onChange={(v) => set({ durationHours: v })}
        />
        <NumberInput
          label={t('staffing.training.costEuros')}
          min={0}
          decimalSeparator=","
          thousandSeparator=" "
          value={f.cost}
          onChange={(v) => set({ cost: v })}
        />
      </Group>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!f.code || !f.title || !f.skillId || !Number(f.durationHours)}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              {
                code: f.code,
                title: f.title,
                provider: f.provider,
                skillId: f.skillId!,
                targetLevel: Number(f.targetLevel),
                durationHours: Number(f.durationHours),
                costMinor: Math.round(Number(f.cost) * 100),
                format: f.format as 'presentiel',
              },
              { onSuccess: onDone, onError },
            )
          }
        >
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function SessionForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const courses = useCourses();
  const create = useTrainingMutation(trainingApi.createSession);
  const onError = useOnError();
  const [courseId, setCourseId] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const [finish, setFinish] = useState<string | null>(null);
  const [seats, setSeats] = useState<number | string>(8);
  const [place, setPlace] = useState('');
  return (
    <Stack>
      <Select
        label={t('staffing.training.course')}
        required
        searchable
        value={courseId}
        onChange={setCourseId}
        data={(courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
      />
      <Group grow>
        <DateField
          label={t('staffing.bench.from')}
          value={start}
          onChange={(v) => setStart(v ? String(v).slice(0, 10) : null)}
        />
        <DateField
          label={t('staffing.bench.to')}
          value={finish}
          onChange={(v) => setFinish(v ? String(v).slice(0, 10) : null)}
        />
      </Group>
      <Group grow>
        <NumberInput
          label={t('staffing.training.seats')}
          min={1}
          value={seats}
          onChange={setSeats}
        />
        <TextInput
          label={t('staffing.training.place')}
          value={place}
          onChange={(e) => setPlace(e.currentTarget.value)}
        />
      </Group>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!courseId || !start || !finish || !Number(seats)}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              { courseId: courseId!, start: start!, finish: finish!, seats: Number(seats), place },
              { onSuccess: onDone, onError },
            )
          }
        >
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function EnrolForm({ session, onDone }: { session: TrainingSession; onDone: () => void }) {
  const { t } = useTranslation();
  const enrol = useTrainingMutation(trainingApi.enrol);
  const onError = useOnError();
  const [personId, setPersonId] = useState<string | null>(null);
  return (
    <Stack>
      <Text size="sm">
        {session.course.title} — {formatDate(session.start)}
      </Text>
      <PersonSelect label={t('staffing.ranking.person')} value={personId} onChange={setPersonId} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!personId}
          loading={enrol.isPending}
          onClick={() =>
            enrol.mutate(
              { sessionId: session.id, personId: personId! },
              { onSuccess: onDone, onError },
            )
          }
        >
          {t('staffing.training.enrol')}
        </Button>
      </Group>
    </Stack>
  );
}

function Enrolments({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const list = useEnrolments(false);
  const move = useTrainingMutation(trainingApi.transition);
  const onError = useOnError();
  const [evaluation, setEvaluation] = useState<Record<string, string>>({});
  if (list.isPending) return <TableSkeleton />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) {
    return (
      <EmptyState
        title={t('staffing.training.emptyEnrolmentsTitle')}
        message={t('staffing.training.emptyEnrolments')}
      />
    );
  }
  const act = (e: Enrolment, action: 'approve' | 'reject' | 'attend' | 'complete' | 'cancel') =>
    move.mutate(
      {
        id: e.id,
        version: e.version,
        action,
        evaluation:
          action === 'complete' && evaluation[e.id] ? Number(evaluation[e.id]) : undefined,
      },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            message: t(`staffing.training.done.${action}`, { name: e.person.name }),
          }),
        onError,
      },
    );
  // Attendance and completion are recorded once the session has started.
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Table striped aria-label={t('staffing.training.view.enrolments')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('staffing.ranking.person')}</Table.Th>
          <Table.Th>{t('staffing.training.course')}</Table.Th>
          <Table.Th>{t('staffing.training.dates')}</Table.Th>
          <Table.Th>{t('staffing.training.status')}</Table.Th>
          <Table.Th>{t('common.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.data.items.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{e.person.name}</Table.Td>
            <Table.Td>
              <Text size="sm">{e.session.course.title}</Text>
              <Text size="xs" c="dimmed">
                {t('staffing.training.skillLevel', {
                  skill: e.session.course.skill.name,
                  level: e.session.course.targetLevel,
                })}
              </Text>
            </Table.Td>
            <Table.Td>
              {formatDate(e.session.start)} – {formatDate(e.session.finish)}
            </Table.Td>
            <Table.Td>
              <Badge color={ENROLMENT_COLOR[e.status]} variant="light">
                {t(`staffing.training.statuses.${e.status}`)}
              </Badge>
              {e.evaluation !== null && (
                <Text size="xs">{t('staffing.training.evaluation', { value: e.evaluation })}</Text>
              )}
              {canManage && e.status === 'approved' && e.session.start > today && (
                <Text size="xs" c="dimmed">
                  {t('skills.attendanceFrom', { date: formatDate(e.session.start) })}
                </Text>
              )}
              {e.missedDays.length > 0 && (
                <Text size="xs" c="orange.9" title={t('skills.missedDaysHelp')}>
                  {t('skills.missedDays', { days: formatSpans(e.missedDays) })}
                </Text>
              )}
              {e.missedDays.length > 0 &&
                e.attendedDays.length > 0 &&
                (e.status === 'attended' || e.status === 'completed') && (
                  <Text size="xs" c="green.9" title={t('skills.attendedDaysHelp')}>
                    {t('skills.attendedDays', { days: formatSpans(e.attendedDays) })}
                  </Text>
                )}
            </Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                {canManage && e.status === 'requested' && (
                  <>
                    <Button size="compact-xs" onClick={() => act(e, 'approve')}>
                      {t('staffing.training.actions.approve')}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => act(e, 'reject')}
                    >
                      {t('staffing.training.actions.reject')}
                    </Button>
                  </>
                )}
                {canManage &&
                  e.status === 'approved' &&
                  e.session.start <= today &&
                  e.attendedDays.length > 0 && (
                    <Button size="compact-xs" variant="light" onClick={() => act(e, 'attend')}>
                      {t('staffing.training.actions.attend')}
                    </Button>
                  )}
                {canManage &&
                  e.attendedDays.length > 0 &&
                  (e.status === 'attended' ||
                    (e.status === 'approved' && e.session.start <= today)) && (
                    <>
                      <Select
                        size="xs"
                        w={130}
                        aria-label={t('staffing.training.evaluationLabel', { name: e.person.name })}
                        placeholder={t('staffing.training.evaluationPlaceholder')}
                        value={evaluation[e.id] ?? null}
                        onChange={(v) => setEvaluation((x) => ({ ...x, [e.id]: v ?? '' }))}
                        data={['1', '2', '3', '4', '5'].map((n) => ({
                          value: n,
                          label: `${n} / 5`,
                        }))}
                      />
                      <Button
                        size="compact-xs"
                        color="green"
                        aria-label={t('staffing.training.completeLabel', { name: e.person.name })}
                        onClick={() => act(e, 'complete')}
                      >
                        {t('staffing.training.actions.complete')}
                      </Button>
                    </>
                  )}
                {(e.status === 'requested' || e.status === 'approved') && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    onClick={() => act(e, 'cancel')}
                  >
                    {t('staffing.training.actions.cancel')}
                  </Button>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Plans() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [personId, setPersonId] = useState<string | null>(me.personId);
  const goals = useGoals(personId);
  const skills = useSkills();
  const courses = useCourses();
  const levels = useSkillLevels();
  const create = useTrainingMutation(trainingApi.createGoal);
  const update = useTrainingMutation(trainingApi.updateGoal);
  const onError = useOnError();
  const [skillId, setSkillId] = useState<string | null>(null);
  const [target, setTarget] = useState('3');
  const [dueOn, setDueOn] = useState<string | null>(null);
  const [courseId, setCourseId] = useState<string | null>(null);
  const courseChoices = (courses.data?.items ?? []).filter(
    (c) => !skillId || c.skill.id === skillId,
  );
  return (
    <Stack>
      <PersonSelect
        label={t('staffing.training.planOf')}
        value={personId}
        onChange={setPersonId}
        w={320}
      />
      {personId === null ? (
        <EmptyState
          title={t('staffing.training.pickTitle')}
          message={t('staffing.training.pick')}
        />
      ) : goals.isPending ? (
        <TableSkeleton />
      ) : goals.isError ? (
        <ErrorState error={goals.error} onRetry={() => void goals.refetch()} />
      ) : (
        <>
          {goals.data.items.length === 0 ? (
            <EmptyState
              title={t('staffing.training.emptyPlanTitle')}
              message={t('staffing.training.emptyPlan')}
            />
          ) : (
            <Table striped aria-label={t('staffing.training.view.plans')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('staffing.training.skill')}</Table.Th>
                  <Table.Th>{t('staffing.training.levels')}</Table.Th>
                  <Table.Th>{t('staffing.training.dueOn')}</Table.Th>
                  <Table.Th>{t('staffing.training.course')}</Table.Th>
                  <Table.Th>{t('staffing.training.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {goals.data.items.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>{g.skill.name}</Table.Td>
                    <Table.Td>
                      {t('staffing.training.fromTo', {
                        from: g.currentLevel ?? '—',
                        to: g.targetLevel,
                      })}
                    </Table.Td>
                    <Table.Td>{formatDate(g.dueOn)}</Table.Td>
                    <Table.Td>{g.course?.name ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge color={GOAL_COLOR[g.status]} variant="light">
                        {t(`staffing.training.goalStatuses.${g.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {goals.data.canPlan && g.status === 'planned' && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() =>
                            update.mutate(
                              { id: g.id, version: g.version, body: { status: 'in_progress' } },
                              { onError },
                            )
                          }
                        >
                          {t('staffing.training.start')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {goals.data.canPlan && (
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t('staffing.training.skill')}
                searchable
                w={240}
                value={skillId}
                onChange={setSkillId}
                data={(skills.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
              <Select
                label={t('staffing.training.targetLevel')}
                w={200}
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
                w={150}
                value={dueOn}
                onChange={(v) => setDueOn(v ? String(v).slice(0, 10) : null)}
              />
              <Select
                label={t('staffing.training.course')}
                clearable
                w={240}
                value={courseId}
                onChange={setCourseId}
                data={courseChoices.map((c) => ({ value: c.id, label: c.title }))}
              />
              <Button
                disabled={!skillId || !dueOn}
                loading={create.isPending}
                onClick={() =>
                  create.mutate(
                    {
                      personId,
                      body: {
                        skillId: skillId!,
                        targetLevel: Number(target),
                        dueOn: dueOn!,
                        courseId,
                      },
                    },
                    {
                      onSuccess: () => {
                        setSkillId(null);
                        setCourseId(null);
                      },
                      onError,
                    },
                  )
                }
              >
                {t('staffing.training.addGoal')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
