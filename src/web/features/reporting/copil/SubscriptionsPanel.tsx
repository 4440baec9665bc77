import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconPlayerPause,
  IconPlayerPlay,
  IconPlus,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delivery, SmtpSettings, Subscription } from '../../../../contracts/copil.ts';
import { isApiError } from '../../../api/client.ts';
import { errorMessage } from '../../../components/errors.ts';
import { FormActions } from '../../../components/FormActions.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../../components/states.tsx';
import { formatDate, formatDateTime } from '../../../format.ts';
import { useUsers } from '../../admin/admin-api.ts';
import { useCan } from '../../auth/auth-api.ts';
import { PortfolioSelect, ProgramSelect, ProjectSelect } from '../../portfolio/pickers.tsx';
import {
  useCopilMutations,
  useDeliveries,
  useSmtp,
  useSubscriptions,
  useTemplates,
} from './copil-api.ts';

const DELIVERY_COLOR: Record<Delivery['state'], string> = {
  sent: 'teal',
  retrying: 'orange',
  failed: 'red',
};

/** Scheduled e-mail reports: the mail server (admin), subscriptions and the delivery log. */
export function SubscriptionsPanel() {
  const can = useCan();
  return (
    <Stack gap="lg">
      {can('mail.configure') && <SmtpCard />}
      {can('copil.manage') && (
        <>
          <SubscriptionList />
          <DeliveryLog />
        </>
      )}
    </Stack>
  );
}

function SmtpCard() {
  const { t } = useTranslation();
  const smtp = useSmtp(true);
  if (smtp.isPending) return <TableSkeleton rows={2} />;
  if (smtp.isError) return <ErrorState error={smtp.error} onRetry={() => void smtp.refetch()} />;
  return <SmtpForm key={smtp.data.version} s={smtp.data} title={t('copil.smtp.title')} />;
}

function SmtpForm({ s, title }: { s: SmtpSettings; title: string }) {
  const { t } = useTranslation();
  const m = useCopilMutations();
  const [host, setHost] = useState(s.host);
  const [port, setPort] = useState<number>(s.port);
  const [secure, setSecure] = useState(s.secure);
  const [username, setUsername] = useState(s.username);
  const [password, setPassword] = useState('');
  const [fromAddress, setFrom] = useState(s.fromAddress);
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = () =>
    m.saveSmtp.mutate(
      {
        version: s.version,
        body: {
          host,
          port,
          secure,
          username,
          fromAddress,
          ...(password ? { password } : {}),
        },
      },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('copil.smtp.saved') }),
        onError: (e) => {
          if (isApiError(e) && e.issues.length)
            setErrors(Object.fromEntries(e.issues.map((i) => [String(i.path.at(-1)), i.message])));
          else notifications.show({ color: 'red', message: errorMessage(t, e) });
        },
      },
    );
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Badge color={s.configured ? 'teal' : 'gray'} variant="light">
          {s.configured ? t('copil.smtp.configured') : t('copil.smtp.notConfigured')}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('copil.smtp.host')}
          value={host}
          onChange={(e) => setHost(e.currentTarget.value)}
          error={errors.host}
          required
        />
        <NumberInput
          label={t('copil.smtp.port')}
          value={port}
          onChange={(v) => setPort(Number(v) || 0)}
          min={1}
          max={65535}
          error={errors.port}
          required
        />
        <Switch
          label={t('copil.smtp.secure')}
          checked={secure}
          onChange={(e) => setSecure(e.currentTarget.checked)}
          mt="xl"
        />
        <TextInput
          label={t('copil.smtp.username')}
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          autoComplete="off"
        />
        <PasswordInput
          label={t('copil.smtp.password')}
          placeholder={s.passwordSet ? t('copil.smtp.passwordKept') : ''}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="new-password"
        />
        <TextInput
          label={t('copil.smtp.from')}
          value={fromAddress}
          onChange={(e) => setFrom(e.currentTarget.value)}
          error={errors.fromAddress}
          required
        />
      </SimpleGrid>
      <Group mt="sm" justify="space-between">
        <Button onClick={save} loading={m.saveSmtp.isPending}>
          {t('common.save')}
        </Button>
        <Group gap="xs" align="flex-end">
          <TextInput
            label={t('copil.smtp.testTo')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            w={260}
            disabled={!s.configured}
          />
          <Button
            variant="default"
            disabled={!s.configured || !to}
            loading={m.testSmtp.isPending}
            onClick={() =>
              m.testSmtp.mutate(to, {
                onSuccess: () =>
                  notifications.show({ color: 'teal', message: t('copil.smtp.testSent') }),
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
              })
            }
          >
            {t('copil.smtp.test')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

function SubscriptionList() {
  const { t } = useTranslation();
  const subs = useSubscriptions(true);
  const m = useCopilMutations();
  const [creating, setCreating] = useState(false);
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(t, e) });
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('copil.subs.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('copil.subs.new')}
        </Button>
      </Group>
      {subs.isPending ? (
        <TableSkeleton rows={3} />
      ) : subs.isError ? (
        <ErrorState error={subs.error} onRetry={() => void subs.refetch()} />
      ) : subs.data.items.length === 0 ? (
        <EmptyState title={t('copil.subs.empty')} message={t('copil.subs.emptyHint')} />
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('copil.subs.recipient')}</Table.Th>
                <Table.Th>{t('copil.subs.content')}</Table.Th>
                <Table.Th>{t('copil.subs.when')}</Table.Th>
                <Table.Th>{t('copil.subs.next')}</Table.Th>
                <Table.Th>{t('copil.subs.last')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {subs.data.items.map((s) => (
                <Table.Tr key={s.id} opacity={s.active ? 1 : 0.6}>
                  <Table.Td>
                    <Text size="sm">{s.recipient.name ?? s.recipient.email}</Text>
                    {s.recipient.name && (
                      <Text size="xs" c="dimmed">
                        {s.recipient.email}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`copil.subs.contents.${s.content}`)}</Text>
                    <Text size="xs" c="dimmed">
                      {s.scopeName} · {s.format.toUpperCase()} · {s.language.toUpperCase()}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {s.frequency === 'weekly'
                      ? t('copil.subs.weeklyOn', { day: t(`copil.weekday.${s.day}`) })
                      : t('copil.subs.monthlyOn', { day: s.day })}
                  </Table.Td>
                  <Table.Td>{s.active ? formatDate(s.nextRunOn) : t('copil.subs.paused')}</Table.Td>
                  <Table.Td>
                    {s.lastDelivery ? (
                      <Badge color={DELIVERY_COLOR[s.lastDelivery.state]} variant="light">
                        {t(`copil.delivery.${s.lastDelivery.state}`)}
                      </Badge>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Tooltip label={t('copil.subs.sendNow')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('copil.subs.sendNow')}
                          loading={m.sendNow.isPending && m.sendNow.variables?.id === s.id}
                          onClick={() =>
                            m.sendNow.mutate(s, {
                              onSuccess: (d) =>
                                notifications.show({
                                  color: d.state === 'sent' ? 'teal' : 'orange',
                                  message: t(`copil.delivery.${d.state}`),
                                }),
                              onError,
                            })
                          }
                        >
                          <IconSend size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={s.active ? t('copil.subs.pause') : t('copil.subs.resume')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={s.active ? t('copil.subs.pause') : t('copil.subs.resume')}
                          onClick={() =>
                            m.updateSubscription.mutate(
                              { sub: s, body: { active: !s.active } },
                              { onError },
                            )
                          }
                        >
                          {s.active ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('copil.subs.delete')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('copil.subs.delete')}
                          onClick={() => m.deleteSubscription.mutate(s, { onError })}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('copil.subs.new')}
        size="lg"
      >
        {creating && <SubscriptionForm onDone={() => setCreating(false)} />}
      </Modal>
    </Stack>
  );
}

function SubscriptionForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const m = useCopilMutations();
  const users = useUsers({ q: '', role: null }, 100);
  const templates = useTemplates();
  const [kind, setKind] = useState<'user' | 'email'>('email');
  const [userId, setUserId] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [content, setContent] = useState<Subscription['content']>('copil_pack');
  const [scopeType, setScopeType] = useState<Subscription['scopeType']>('portfolio');
  const [portfolioId, setPortfolioId] = useState<string | null>(null);
  const [programId, setProgramId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [format, setFormat] = useState<Subscription['format']>('pdf');
  const [language, setLanguage] = useState<'fr' | 'en'>('fr');
  const [frequency, setFrequency] = useState<'weekly' | 'monthly'>('monthly');
  const [day, setDay] = useState(1);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const scope = content === 'portfolio_status' ? 'portfolio' : scopeType;
  const scopeId = scope === 'portfolio' ? portfolioId : scope === 'program' ? programId : projectId;
  const userOptions = (users.data?.pages.flatMap((p) => p.items) ?? []).map((u) => ({
    value: u.id,
    label: `${u.name} <${u.email}>`,
  }));

  const save = () => {
    if (!scopeId) return;
    m.createSubscription.mutate(
      {
        recipientUserId: kind === 'user' ? userId : null,
        recipientEmail: kind === 'email' ? email.trim() : null,
        content,
        scopeType: scope,
        scopeId,
        templateId: content === 'copil_pack' ? templateId : null,
        format,
        language,
        frequency,
        day,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('copil.subs.saved') });
          onDone();
        },
        onError: (e) => {
          if (isApiError(e) && e.issues.length)
            setErrors(Object.fromEntries(e.issues.map((i) => [String(i.path.at(-1)), i.message])));
          else notifications.show({ color: 'red', message: errorMessage(t, e) });
        },
      },
    );
  };

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t('copil.subs.recipient')}
        value={kind}
        onChange={(v) => setKind(v as 'user' | 'email')}
        data={[
          { value: 'email', label: t('copil.subs.toEmail') },
          { value: 'user', label: t('copil.subs.toUser') },
        ]}
      />
      {kind === 'email' ? (
        <TextInput
          label={t('copil.subs.email')}
          description={t('copil.subs.emailHint')}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.recipientEmail}
          type="email"
          required
        />
      ) : (
        <Select
          label={t('copil.subs.user')}
          data={userOptions}
          value={userId}
          onChange={setUserId}
          searchable
          error={errors.recipientUserId ?? errors.recipientEmail}
          required
        />
      )}
      <Select
        label={t('copil.subs.content')}
        value={content}
        onChange={(v) => {
          const c = (v ?? 'copil_pack') as Subscription['content'];
          setContent(c);
          setFormat(c === 'copil_pack' ? 'pdf' : 'xlsx');
        }}
        data={(['copil_pack', 'portfolio_status'] as const).map((c) => ({
          value: c,
          label: t(`copil.subs.contents.${c}`),
        }))}
        allowDeselect={false}
      />
      {content === 'copil_pack' && (
        <SegmentedControl
          aria-label={t('copil.generate.scope')}
          value={scopeType}
          onChange={(v) => setScopeType(v as Subscription['scopeType'])}
          data={(['portfolio', 'program', 'project'] as const).map((s) => ({
            value: s,
            label: t(`copil.scope.${s}`),
          }))}
        />
      )}
      <SimpleGrid cols={2}>
        <PortfolioSelect
          label={t('roadmap.portfolio')}
          value={portfolioId}
          onChange={setPortfolioId}
          required
        />
        {scope === 'program' && (
          <ProgramSelect
            label={t('copil.scope.program')}
            portfolioId={portfolioId}
            value={programId}
            onChange={setProgramId}
            required
          />
        )}
        {scope === 'project' && (
          <ProjectSelect
            label={t('copil.scope.project')}
            portfolioId={portfolioId}
            value={projectId}
            onChange={setProjectId}
            required
          />
        )}
      </SimpleGrid>
      <SimpleGrid cols={3}>
        <Select
          label={t('copil.generate.format')}
          value={format}
          onChange={(v) => v && setFormat(v as Subscription['format'])}
          data={(content === 'copil_pack' ? ['pdf', 'pptx', 'docx'] : ['xlsx', 'csv']).map((f) => ({
            value: f,
            label: f.toUpperCase(),
          }))}
          error={errors.format}
          allowDeselect={false}
        />
        <Select
          label={t('copil.generate.language')}
          value={language}
          onChange={(v) => v && setLanguage(v as 'fr' | 'en')}
          data={[
            { value: 'fr', label: 'Français' },
            { value: 'en', label: 'English' },
          ]}
          allowDeselect={false}
        />
        {content === 'copil_pack' && (
          <Select
            label={t('copil.generate.template')}
            value={templateId}
            onChange={setTemplateId}
            data={(templates.data?.items ?? [])
              .filter((x) => !x.archived)
              .map((x) => ({ value: x.id, label: x.name }))}
            placeholder={t('copil.templates.standard')}
            clearable
          />
        )}
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <Select
          label={t('copil.subs.frequency')}
          value={frequency}
          onChange={(v) => {
            setFrequency((v ?? 'monthly') as 'weekly' | 'monthly');
            setDay(1);
          }}
          data={[
            { value: 'weekly', label: t('copil.subs.weekly') },
            { value: 'monthly', label: t('copil.subs.monthly') },
          ]}
          allowDeselect={false}
        />
        {frequency === 'weekly' ? (
          <Select
            label={t('copil.subs.day')}
            value={String(day)}
            onChange={(v) => setDay(Number(v ?? 1))}
            data={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
              value: String(d),
              label: t(`copil.weekday.${d}`),
            }))}
            allowDeselect={false}
          />
        ) : (
          <NumberInput
            label={t('copil.subs.dayOfMonth')}
            value={day}
            onChange={(v) => setDay(Number(v) || 1)}
            min={1}
            max={28}
            error={errors.day}
          />
        )}
      </SimpleGrid>
      <FormActions onCancel={onDone}>
        <Button onClick={save} disabled={!scopeId} loading={m.createSubscription.isPending}>
          {t('common.save')}
        </Button>
      </FormActions>
    </Stack>
  );
}

function DeliveryLog() {
  const { t } = useTranslation();
  const log = useDeliveries(true);
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('copil.delivery.title')}
      </Title>
      {log.isPending ? (
        <TableSkeleton rows={3} />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <EmptyState title={t('copil.delivery.empty')} message={t('copil.delivery.emptyHint')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('copil.delivery.when')}</Table.Th>
                <Table.Th>{t('copil.subs.recipient')}</Table.Th>
                <Table.Th>{t('copil.history.file')}</Table.Th>
                <Table.Th>{t('copil.history.state')}</Table.Th>
                <Table.Th>{t('copil.delivery.attempts')}</Table.Th>
                <Table.Th>{t('copil.delivery.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{formatDateTime(d.updatedAt)}</Table.Td>
                  <Table.Td>{d.recipient}</Table.Td>
                  <Table.Td>{d.fileName ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={DELIVERY_COLOR[d.state]} variant="light">
                      {t(`copil.delivery.${d.state}`)}
                    </Badge>
                    {d.state === 'retrying' && d.nextAttemptAt && (
                      <Text size="xs" c="dimmed">
                        {t('copil.delivery.nextAttempt', { at: formatDateTime(d.nextAttemptAt) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>
                    <Text
                      size="xs"
                      c={d.error ? 'red.8' : 'dimmed'}
                      maw={320}
                      style={{ wordBreak: 'break-word' }}
                    >
                      {d.error ? t(`errors.${d.error}`, { defaultValue: d.error }) : '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
