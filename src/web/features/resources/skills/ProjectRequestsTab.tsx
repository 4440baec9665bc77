import {
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../components/DateField.tsx';
import { errorMessage } from '../../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../../components/states.tsx';
import { PersonSelect } from '../../org/pickers.tsx';
import { useRoles } from '../resources-api.ts';
import { RequestTable } from './RequestTable.tsx';
import { requestsApi, useProjectRequests, useRequestMutation } from './requests-api.ts';
import { levelLabel, useSkillLevels, useSkills } from './skills-api.ts';

/** A project's resource requests: raise one, submit it, follow its staffing. */
export function ProjectRequestsTab({
  project,
}: {
  project: { id: string; can: { update: boolean } };
}) {
  const { t } = useTranslation();
  const list = useProjectRequests(project.id);
  const move = useRequestMutation(requestsApi.transition);
  const [creating, setCreating] = useState(false);
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) });
  return (
    <Stack>
      {project.can.update &&
        (creating ? (
          <RequestForm projectId={project.id} onDone={() => setCreating(false)} />
        ) : (
          <Group>
            <Button onClick={() => setCreating(true)}>{t('skills.requests.new')}</Button>
          </Group>
        ))}
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={t('skills.requests.emptyTitle')}
          message={t('skills.requests.emptyProject')}
        />
      ) : (
        <RequestTable
          items={list.data.items}
          showProject={false}
          actions={(r) =>
            project.can.update ? (
              <Group gap={6} wrap="nowrap">
                {r.status === 'draft' && (
                  <Button
                    size="compact-xs"
                    onClick={() =>
                      move.mutate({ id: r.id, version: r.version, action: 'submit' }, { onError })
                    }
                  >
                    {t('skills.requests.submit')}
                  </Button>
                )}
                {(r.status === 'rejected' || r.status === 'cancelled') && (
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() =>
                      move.mutate({ id: r.id, version: r.version, action: 'reopen' }, { onError })
                    }
                  >
                    {t('skills.requests.reopen')}
                  </Button>
                )}
                {r.status !== 'rejected' && r.status !== 'cancelled' && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() =>
                      move.mutate({ id: r.id, version: r.version, action: 'cancel' }, { onError })
                    }
                  >
                    {t('skills.requests.cancel')}
                  </Button>
                )}
              </Group>
            ) : null
          }
        />
      )}
    </Stack>
  );
}

function RequestForm({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const skills = useSkills();
  const levels = useSkillLevels();
  const create = useRequestMutation(requestsApi.create);
  const [roleId, setRoleId] = useState<string | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const [needs, setNeeds] = useState<{ skillId: string; minLevel: number }[]>([]);
  const [skillId, setSkillId] = useState<string | null>(null);
  const [minLevel, setMinLevel] = useState<string | null>('3');
  const [start, setStart] = useState<string | null>(null);
  const [finish, setFinish] = useState<string | null>(null);
  const [unit, setUnit] = useState<'fte' | 'hours'>('fte');
  const [amount, setAmount] = useState<number | string>(1);
  const [priority, setPriority] = useState<string>('medium');
  const [comment, setComment] = useState('');
  const skillName = new Map((skills.data?.items ?? []).map((s) => [s.id, s.name]));
  const submit = (submitNow: boolean) => {
    if (!start || !finish) return;
    create.mutate(
      {
        projectId,
        body: {
          roleId,
          personId,
          skills: needs,
          start,
          finish,
          unit,
          amount: Number(amount),
          priority: priority as 'medium',
          comment,
          submit: submitNow,
        },
      },
      {
        onSuccess: onDone,
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
      },
    );
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h5" mb="sm">
        {t('skills.requests.new')}
      </Title>
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('skills.requests.role')}
            clearable
            w={220}
            value={roleId}
            onChange={setRoleId}
            data={(roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
          />
          <PersonSelect
            label={t('staffing.namedPerson')}
            value={personId}
            onChange={setPersonId}
            w={260}
          />
          <DateField
            label={t('skills.requests.start')}
            value={start}
            onChange={(v) => setStart(v ? String(v).slice(0, 10) : null)}
            w={150}
          />
          <DateField
            label={t('skills.requests.finish')}
            value={finish}
            onChange={(v) => setFinish(v ? String(v).slice(0, 10) : null)}
            w={150}
          />
          <Select
            label={t('skills.requests.unit')}
            w={150}
            value={unit}
            allowDeselect={false}
            onChange={(v) => v && setUnit(v as typeof unit)}
            data={[
              { value: 'fte', label: t('skills.requests.fteUnit') },
              { value: 'hours', label: t('skills.requests.hoursPerWeek') },
            ]}
          />
          <NumberInput
            label={t('skills.requests.amount')}
            w={110}
            value={amount}
            onChange={setAmount}
            min={0}
            decimalSeparator=","
          />
          <Select
            label={t('skills.requests.priority')}
            w={140}
            value={priority}
            allowDeselect={false}
            onChange={(v) => v && setPriority(v)}
            data={['low', 'medium', 'high', 'critical'].map((p) => ({
              value: p,
              label: t(`skills.requests.priorities.${p}`),
            }))}
          />
        </Group>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('skills.skill')}
            searchable
            w={240}
            value={skillId}
            onChange={setSkillId}
            data={(skills.data?.items ?? [])
              .filter((s) => !needs.some((n) => n.skillId === s.id))
              .map((s) => ({ value: s.id, label: s.name }))}
          />
          <Select
            label={t('skills.matrix.minLevel')}
            w={200}
            value={minLevel}
            allowDeselect={false}
            onChange={setMinLevel}
            data={[1, 2, 3, 4, 5].map((n) => ({
              value: String(n),
              label: `${n} — ${levelLabel(t, levels.data?.items, n)}`,
            }))}
          />
          <Button
            variant="default"
            disabled={!skillId}
            onClick={() => {
              setNeeds([...needs, { skillId: skillId!, minLevel: Number(minLevel) }]);
              setSkillId(null);
            }}
          >
            {t('skills.requests.addSkill')}
          </Button>
          {needs.map((n) => (
            <Badge
              key={n.skillId}
              variant="light"
              rightSection={
                <button
                  type="button"
                  style={{ border: 0, background: 'none', cursor: 'pointer' }}
                  aria-label={t('skills.requests.removeSkill', { skill: skillName.get(n.skillId) })}
                  onClick={() => setNeeds(needs.filter((x) => x.skillId !== n.skillId))}
                >
                  ×
                </button>
              }
            >
              {skillName.get(n.skillId)} ≥ {n.minLevel}
            </Badge>
          ))}
        </Group>
        <TextInput
          label={t('skills.requests.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="default"
            disabled={!start || !finish}
            loading={create.isPending}
            onClick={() => submit(false)}
          >
            {t('skills.requests.saveDraft')}
          </Button>
          <Button
            disabled={!start || !finish}
            loading={create.isPending}
            onClick={() => submit(true)}
          >
            {t('skills.requests.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
