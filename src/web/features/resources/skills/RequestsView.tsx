import {
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResourceRequest } from '../../../../contracts/skills.ts';
import { errorMessage } from '../../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../../components/states.tsx';
import { CandidateRanking } from '../../staffing/CandidateRanking.tsx';
import { useResources } from '../resources-api.ts';
import { RequestTable } from './RequestTable.tsx';
import { requestsApi, useOpenRequests, useRequestMutation } from './requests-api.ts';

/** The resource manager's inbox: the projects' requests, answered with allocations. */
export function RequestsView({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('open');
  const list = useOpenRequests(status);
  const [answering, setAnswering] = useState<ResourceRequest | null>(null);
  const [rejecting, setRejecting] = useState<ResourceRequest | null>(null);
  return (
    <Stack>
      <SegmentedControl
        aria-label={t('skills.requests.filter')}
        value={status}
        onChange={setStatus}
        w="fit-content"
        data={['open', 'staffed', 'rejected', 'all'].map((v) => ({
          value: v,
          label: t(`skills.requests.filters.${v}`),
        }))}
      />
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={t('skills.requests.emptyTitle')}
          message={t('skills.requests.emptyInbox')}
        />
      ) : (
        <RequestTable
          items={list.data.items}
          showProject
          actions={(r) =>
            canManage && ['submitted', 'partially_staffed', 'staffed'].includes(r.status) ? (
              <Group gap={6} wrap="nowrap">
                <Button
                  size="compact-xs"
                  onClick={() => setAnswering(r)}
                  aria-label={t('skills.requests.staffLabel', { project: r.project.code })}
                >
                  {t('skills.requests.staff')}
                </Button>
                {r.status !== 'staffed' && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setRejecting(r)}
                    aria-label={t('skills.requests.rejectLabel', { project: r.project.code })}
                  >
                    {t('skills.requests.reject')}
                  </Button>
                )}
              </Group>
            ) : null
          }
        />
      )}
      <Modal
        opened={answering !== null}
        onClose={() => setAnswering(null)}
        title={t('skills.requests.staffTitle')}
        size="90%"
      >
        {answering && <AnswerForm request={answering} onDone={() => setAnswering(null)} />}
      </Modal>
      <Modal
        opened={rejecting !== null}
        onClose={() => setRejecting(null)}
        title={t('skills.requests.rejectTitle')}
      >
        {rejecting && <RejectForm request={rejecting} onDone={() => setRejecting(null)} />}
      </Modal>
    </Stack>
  );
}

function AnswerForm({ request, onDone }: { request: ResourceRequest; onDone: () => void }) {
  const { t } = useTranslation();
  const people = useResources({ q: '', teamId: null, roleId: request.role?.id ?? null });
  const answer = useRequestMutation(requestsApi.answer);
  const [personId, setPersonId] = useState<string | null>(request.person?.id ?? null);
  const [unit, setUnit] = useState<'hours' | 'percent'>(
    request.unit === 'fte' ? 'percent' : 'hours',
  );
  const missing = Math.max(0, request.amount - request.covered);
  const [amount, setAmount] = useState<number | string>(
    request.unit === 'fte' ? Math.min(100, Math.round(missing * 100)) : missing,
  );
  const [status, setStatus] = useState<'soft' | 'hard'>('soft');
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const options = (people.data?.items ?? []).map((p) => ({ value: p.personId, label: p.name }));
  for (const extra of [request.person, picked]) {
    if (extra && !options.some((o) => o.value === extra.id)) {
      options.unshift({ value: extra.id, label: extra.name });
    }
  }
  return (
    <Stack>
      <CandidateRanking
        requestId={request.id}
        selected={personId}
        onPick={(c) => {
          setPicked(c.person);
          setPersonId(c.person.id);
        }}
      />
      <Select
        label={t('skills.requests.person')}
        searchable
        data={options}
        value={personId}
        onChange={setPersonId}
      />
      <Group grow>
        <Select
          label={t('skills.requests.unit')}
          value={unit}
          allowDeselect={false}
          onChange={(v) => v && setUnit(v as typeof unit)}
          data={[
            { value: 'percent', label: t('skills.requests.percent') },
            { value: 'hours', label: t('skills.requests.hoursPerWeek') },
          ]}
        />
        <NumberInput
          label={t('skills.requests.amount')}
          value={amount}
          onChange={setAmount}
          min={0}
          decimalSeparator=","
        />
      </Group>
      <SegmentedControl
        aria-label={t('skills.requests.allocationStatus')}
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        data={[
          { value: 'soft', label: t('resources.allocation.status.soft') },
          { value: 'hard', label: t('resources.allocation.status.hard') },
        ]}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!personId || !Number(amount)}
          loading={answer.isPending}
          onClick={() =>
            answer.mutate(
              {
                id: request.id,
                version: request.version,
                body: { personId: personId!, unit, amount: Number(amount), status },
              },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('skills.requests.staffed') });
                  onDone();
                },
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
              },
            )
          }
        >
          {t('skills.requests.staff')}
        </Button>
      </Group>
    </Stack>
  );
}

function RejectForm({ request, onDone }: { request: ResourceRequest; onDone: () => void }) {
  const { t } = useTranslation();
  const reject = useRequestMutation(requestsApi.transition);
  const [answer, setAnswer] = useState('');
  return (
    <Stack>
      <TextInput
        label={t('skills.requests.answer')}
        value={answer}
        onChange={(e) => setAnswer(e.currentTarget.value)}
        required
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          color="red"
          disabled={!answer.trim()}
          loading={reject.isPending}
          onClick={() =>
            reject.mutate(
              { id: request.id, version: request.version, action: 'reject', answer },
              {
                onSuccess: onDone,
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
              },
            )
          }
        >
          {t('skills.requests.reject')}
        </Button>
      </Group>
    </Stack>
  );
}
