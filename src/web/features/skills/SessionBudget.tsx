import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProjectList } from '../../../contracts/portfolio.ts';
import type { PostingKind, TrainingCostPosting } from '../../../contracts/skills.ts';
import type { TrainingSession } from '../../../contracts/staffing.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { useBudget } from '../finance/finance-api.ts';
import { postingApi, usePostingMutation } from './postings-api.ts';

// A session's cost in a project budget: what is posted (commitment or actual, project › line,
// amount) and, for finance, post it, make it actual, withdraw it.

/** The « Budget » cell of a session: its posting, or a button to post it. */
export function SessionBudget({
  session,
  posting,
  canPost,
  costPerParticipant,
  currency,
}: {
  session: TrainingSession;
  posting: TrainingCostPosting | undefined;
  canPost: boolean;
  costPerParticipant: number;
  currency: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'post' | 'realise' | null>(null);
  const remove = usePostingMutation(postingApi.remove);
  const reviewed = usePostingMutation(postingApi.reviewed);
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) });
  const label = { course: session.course.title, date: formatDate(session.start) };
  if (!posting) {
    if (!canPost || session.status !== 'planned') return <Text size="xs">—</Text>;
    return (
      <>
        <Button
          size="compact-xs"
          variant="light"
          aria-label={t('skills.posting.postLabel', label)}
          onClick={() => setOpen('post')}
        >
          {t('skills.posting.post')}
        </Button>
        <Modal
          opened={open === 'post'}
          onClose={() => setOpen(null)}
          title={t('skills.posting.postTitle', label)}
        >
          <PostForm
            session={session}
            defaultAmount={costPerParticipant * session.taken}
            currency={currency}
            onDone={() => setOpen(null)}
          />
        </Modal>
      </>
    );
  }
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Badge variant="light" color={posting.kind === 'actual' ? 'green' : 'blue'}>
          {t(`skills.posting.kinds.${posting.kind}`)}
        </Badge>
        <Text size="sm" fw={500}>
          {formatMoney(posting.amountMinor, posting.currency)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {posting.project.code}
        {posting.line ? ` › ${posting.line.name}` : ` › ${t('skills.posting.noLine')}`}
        {' · '}
        {formatDate(posting.postedOn)}
      </Text>
      {posting.kind === 'commitment' && !posting.ownCost && (
        <Text size="xs" c="dimmed" title={t('skills.posting.followsHelp')}>
          {t('skills.posting.participants', { count: posting.participants })}
        </Text>
      )}
      {posting.review !== null ? (
        <Text size="xs" c="orange.9" role="status">
          {t(`skills.posting.review.${posting.review}`, {
            seats: session.taken,
            amount: formatMoney(posting.currentCostMinor, posting.currency),
          })}
        </Text>
      ) : (
        posting.outOfDate && (
          <Text size="xs" c="orange.8">
            {t('skills.posting.outOfDate', {
              amount: formatMoney(posting.currentCostMinor, posting.currency),
            })}
          </Text>
        )
      )}
      {canPost && (
        <Group gap={4} wrap="nowrap">
          {posting.review !== null && (
            <Button
              size="compact-xs"
              variant="light"
              color="orange"
              aria-label={t('skills.posting.reviewedLabel', label)}
              loading={reviewed.isPending}
              onClick={() =>
                reviewed.mutate(
                  { id: posting.id, version: posting.version },
                  {
                    onSuccess: () =>
                      notifications.show({
                        color: 'green',
                        message: t('skills.posting.reviewedDone'),
                      }),
                    onError,
                  },
                )
              }
            >
              {t('skills.posting.reviewed')}
            </Button>
          )}
          {posting.kind === 'commitment' && (
            <Button
              size="compact-xs"
              variant="subtle"
              aria-label={t('skills.posting.realiseLabel', label)}
              onClick={() => setOpen('realise')}
            >
              {t('skills.posting.realise')}
            </Button>
          )}
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            aria-label={t('skills.posting.removeLabel', label)}
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(
                { id: posting.id, version: posting.version },
                {
                  onSuccess: () =>
                    notifications.show({ color: 'green', message: t('skills.posting.removed') }),
                  onError,
                },
              )
            }
          >
            {t('skills.posting.remove')}
          </Button>
        </Group>
      )}
      <Modal
        opened={open === 'realise'}
        onClose={() => setOpen(null)}
        title={t('skills.posting.realiseTitle', label)}
      >
        <RealiseForm session={session} posting={posting} onDone={() => setOpen(null)} />
      </Modal>
    </Stack>
  );
}

function ProjectSearch({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (v: string | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const projects = useQuery({
    queryKey: ['projects', 'picker', 'training', debounced],
    queryFn: ({ signal }) =>
      api.get('/projects', ProjectList, {
        query: { q: debounced, limit: 20, sort: 'code' },
        signal,
      }),
  });
  const data = useMemo(
    () =>
      (projects.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` })),
    [projects.data],
  );
  return (
    <Select
      label={t('skills.posting.project')}
      searchable
      required
      value={value}
      onChange={onChange}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={projects.isFetching ? t('common.loading') : t('common.noResults')}
    />
  );
}

function LineSelect({
  projectId,
  value,
  onChange,
}: {
  projectId: string;
  value: string | null;
  onChange: (v: string | null) => void;
}) {
  const { t } = useTranslation();
  const budget = useBudget(projectId);
  return (
    <Select
      label={t('skills.posting.line')}
      description={t('skills.posting.lineHelp')}
      clearable
      value={value}
      onChange={onChange}
      disabled={budget.isPending}
      data={(budget.data?.lines ?? []).map((l) => ({ value: l.id, label: l.label }))}
      nothingFoundMessage={t('skills.posting.noLines')}
    />
  );
}

function PostForm({
  session,
  defaultAmount,
  currency,
  onDone,
}: {
  session: TrainingSession;
  defaultAmount: number;
  currency: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = usePostingMutation(postingApi.create);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [lineId, setLineId] = useState<string | null>(null);
  const [kind, setKind] = useState<PostingKind>('commitment');
  const [own, setOwn] = useState<number | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const dateShown = date ?? (kind === 'commitment' ? session.start : session.finish);
  return (
    <Stack>
      <Text size="sm">
        {t('skills.posting.intro', {
          amount: formatMoney(defaultAmount, currency),
          count: session.taken,
        })}
      </Text>
      <ProjectSearch
        value={projectId}
        onChange={(v) => {
          setProjectId(v);
          setLineId(null);
        }}
      />
      {projectId && <LineSelect projectId={projectId} value={lineId} onChange={setLineId} />}
      <SegmentedControl
        aria-label={t('skills.posting.kind')}
        value={kind}
        onChange={(v) => setKind(v as PostingKind)}
        data={[
          { value: 'commitment', label: t('skills.posting.kinds.commitment') },
          { value: 'actual', label: t('skills.posting.kinds.actual') },
        ]}
      />
      <DateField
        label={t(kind === 'commitment' ? 'skills.posting.orderDate' : 'skills.posting.costDate')}
        value={dateShown}
        onChange={(v) => setDate(v ? String(v).slice(0, 10) : null)}
      />
      <NumberInput
        label={t('skills.posting.ownAmount')}
        description={t('skills.posting.ownAmountHelp', {
          amount: formatMoney(defaultAmount, currency),
        })}
        decimalSeparator=","
        thousandSeparator=" "
        decimalScale={2}
        min={0}
        suffix={currency === 'EUR' ? ' €' : ` ${currency}`}
        value={own ?? ''}
        onChange={(v) => setOwn(typeof v === 'number' ? v : null)}
      />
      {defaultAmount === 0 && own === null && (
        <Alert color="orange">{t('skills.posting.nothing')}</Alert>
      )}
      <FormActions onCancel={onDone}>
        <Button
          disabled={!projectId || (defaultAmount === 0 && !own)}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              {
                sessionId: session.id,
                body: {
                  projectId: projectId!,
                  lineId,
                  kind,
                  date: dateShown,
                  ...(own ? { amountMinor: Math.round(own * 100) } : {}),
                },
              },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('skills.posting.posted') });
                  onDone();
                },
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
              },
            )
          }
        >
          {t('skills.posting.post')}
        </Button>
      </FormActions>
    </Stack>
  );
}

function RealiseForm({
  session,
  posting,
  onDone,
}: {
  session: TrainingSession;
  posting: TrainingCostPosting;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const realise = usePostingMutation(postingApi.realise);
  const [date, setDate] = useState<string | null>(session.finish);
  const [amount, setAmount] = useState<number>(posting.amountMinor / 100);
  return (
    <Stack>
      <Text size="sm">{t('skills.posting.realiseIntro')}</Text>
      <DateField
        label={t('skills.posting.costDate')}
        value={date}
        onChange={(v) => setDate(v ? String(v).slice(0, 10) : null)}
      />
      <NumberInput
        label={t('skills.posting.invoiced')}
        decimalSeparator=","
        thousandSeparator=" "
        decimalScale={2}
        min={0.01}
        suffix={posting.currency === 'EUR' ? ' €' : ` ${posting.currency}`}
        value={amount}
        onChange={(v) => typeof v === 'number' && setAmount(v)}
      />
      <FormActions onCancel={onDone}>
        <Button
          disabled={!date || !(amount > 0)}
          loading={realise.isPending}
          onClick={() =>
            realise.mutate(
              {
                id: posting.id,
                version: posting.version,
                body: {
                  date: date!,
                  ...(Math.round(amount * 100) !== posting.amountMinor
                    ? { amountMinor: Math.round(amount * 100) }
                    : {}),
                },
              },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('skills.posting.realised') });
                  onDone();
                },
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
              },
            )
          }
        >
          {t('skills.posting.realise')}
        </Button>
      </FormActions>
    </Stack>
  );
}
