import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ProjectRequest } from '../../../contracts/strategy.ts';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DetailSkeleton, ErrorState } from '../../components/states.tsx';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../format.ts';
import { useCan } from '../auth/auth-api.ts';
import { PersonSelect } from '../org/pickers.tsx';
import { PortfolioSelect } from '../portfolio/pickers.tsx';
import { TeamEffortPanel } from '../portfolio/TeamEffort.tsx';
import { BusinessCasePanel } from './BusinessCasePanel.tsx';
import { ContributionsPanel } from './ContributionsPanel.tsx';
import { STAGE_COLOR, URGENCY_COLOR } from './IntakeBoardPage.tsx';
import { postAction, useInvalidateRequests, useRequest } from './strategy-api.ts';

type Decision = 'accept' | 'ask_info' | 'reject';

function TriageModal({
  request,
  decision,
  onClose,
}: {
  request: ProjectRequest;
  decision: Decision;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateRequests();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const updated = await postAction(request.id, 'triage', { decision, note }, request.version);
      await invalidate(updated);
      notifications.show({ color: 'green', message: t(`strategy.triage.done.${decision}`) });
      onClose();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t(`strategy.triage.${decision}`)}>
      <Stack>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Textarea
          label={t('strategy.triage.note')}
          description={t(`strategy.triage.noteHelp.${decision}`)}
          autosize
          minRows={3}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-autofocus
        />
        <FormActions onCancel={onClose}>
          <Button
            color={decision === 'reject' ? 'red' : undefined}
            loading={busy}
            onClick={() => void confirm()}
          >
            {t(`strategy.triage.${decision}`)}
          </Button>
        </FormActions>
      </Stack>
    </Modal>
  );
}

function ApproveModal({ request, onClose }: { request: ProjectRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateRequests();
  const [code, setCode] = useState(request.reference.replace('DEM', 'PRJ'));
  const [portfolioId, setPortfolioId] = useState<string | null>(request.portfolio?.id ?? null);
  const [managerId, setManagerId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!portfolioId) {
      setError(t('strategy.approve.portfolioRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = await postAction(
        request.id,
        'approve',
        { code: code.trim().toUpperCase(), portfolioId, managerId },
        request.version,
      );
      await invalidate(updated);
      notifications.show({ color: 'green', message: t('strategy.approve.done') });
      onClose();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('strategy.approve.title')}>
      <Stack>
        <Text size="sm">{t('strategy.approve.help')}</Text>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('strategy.approve.code')}
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
        />
        <PortfolioSelect
          label={t('strategy.approve.portfolio')}
          required
          value={portfolioId}
          onChange={setPortfolioId}
        />
        <PersonSelect
          label={t('strategy.approve.manager')}
          value={managerId}
          onChange={setManagerId}
        />
        <FormActions onCancel={onClose}>
          <Button color="green" loading={busy} onClick={() => void confirm()}>
            {t('strategy.approve.confirm')}
          </Button>
        </FormActions>
      </Stack>
    </Modal>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** One project request: what was asked, the PMO's triage, the business case, the decision. */
export function RequestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const query = useRequest(id);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [approving, setApproving] = useState(false);
  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data;
  const manages = can('strategy.manage');
  const open = r.stage === 'submitted' || r.stage === 'needs_info' || r.stage === 'evaluation';
  return (
    <>
      <PageHeader
        title={`${r.reference} — ${r.title}`}
        breadcrumbs={[
          { label: t('strategy.nav') },
          { label: t('strategy.intake.title'), to: '/strategy/intake' },
          { label: r.reference },
        ]}
        after={
          <Group gap="xs">
            <Badge color={STAGE_COLOR[r.stage]}>{t(`strategy.stage.${r.stage}`)}</Badge>
            <Badge variant="light" color={URGENCY_COLOR[r.urgency]}>
              {t('strategy.request.urgencyValue', { value: t(`strategy.urgency.${r.urgency}`) })}
            </Badge>
          </Group>
        }
        actions={
          manages && open ? (
            <Group gap="xs">
              {r.stage !== 'evaluation' && (
                <Button onClick={() => setDecision('accept')}>{t('strategy.triage.accept')}</Button>
              )}
              {r.stage === 'evaluation' && (
                <Button color="green" onClick={() => setApproving(true)}>
                  {t('strategy.approve.title')}
                </Button>
              )}
              {r.stage !== 'needs_info' && (
                <Button variant="light" onClick={() => setDecision('ask_info')}>
                  {t('strategy.triage.ask_info')}
                </Button>
              )}
              <Button variant="light" color="red" onClick={() => setDecision('reject')}>
                {t('strategy.triage.reject')}
              </Button>
            </Group>
          ) : undefined
        }
      />
      <Stack>
        {r.triageNote && (
          <Alert
            color={r.stage === 'rejected' ? 'red' : 'yellow'}
            variant="light"
            title={t('strategy.triage.noteTitle')}
          >
            {r.triageNote}
          </Alert>
        )}
        {r.project && (
          <Alert color="green" variant="light">
            {t('strategy.approve.projectIs')}{' '}
            <Link to={`/projects/${r.project.id}`}>{r.project.name}</Link>
          </Alert>
        )}
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="req-need">
          <Title order={2} size="h4" id="req-need" mb="sm">
            {t('strategy.request.need')}
          </Title>
          <Stack gap="sm">
            <div>
              <Text size="xs" c="dimmed">
                {t('strategy.request.problem')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r.problem}
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('strategy.request.expectedBenefits')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r.expectedBenefits || '—'}
              </Text>
            </div>
            <SimpleGrid cols={{ base: 2, md: 4 }} component="dl" m={0}>
              <Field label={t('strategy.request.requester')}>{r.requester?.name ?? '—'}</Field>
              <Field label={t('strategy.request.sponsor')}>{r.sponsor?.name ?? '—'}</Field>
              <Field label={t('strategy.request.roughCost')}>
                {r.roughCost === null ? '—' : formatMoney(r.roughCost, r.currency)}
              </Field>
              <Field label={t('strategy.request.roughEffort')}>
                {r.roughEffortDays === null
                  ? '—'
                  : t('strategy.request.days', { n: formatNumber(r.roughEffortDays) })}
              </Field>
              <Field label={t('strategy.request.desiredStart')}>{formatDate(r.desiredStart)}</Field>
              <Field label={t('strategy.request.desiredEnd')}>{formatDate(r.desiredEnd)}</Field>
              <Field label={t('strategy.request.submittedAt')}>{formatDateTime(r.createdAt)}</Field>
              <Field label={t('strategy.request.portfolio')}>{r.portfolio?.name ?? '—'}</Field>
            </SimpleGrid>
          </Stack>
        </Paper>
        <TeamEffortPanel request={r} editable={manages && open} />
        <BusinessCasePanel
          key={r.version}
          request={r}
          editable={manages && (r.stage === 'evaluation' || r.stage === 'submitted')}
        />
        <ContributionsPanel kind="request" id={r.id} canEdit={manages && open} />
      </Stack>
      {decision && (
        <TriageModal request={r} decision={decision} onClose={() => setDecision(null)} />
      )}
      {approving && <ApproveModal request={r} onClose={() => setApproving(false)} />}
    </>
  );
}
