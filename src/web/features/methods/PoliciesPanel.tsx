import {
  Badge,
  Button,
  Group,
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
import { useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { CatalogueFormModal } from './CatalogueFormModal.tsx';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Policy, type PolicyCategory } from '../../../contracts/methods.ts';
import { POLICY_CATEGORIES } from '../../../core/methods/policies.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { useCan } from '../auth/auth-api.ts';
import { usePolicies, usePolicy } from './methods-api.ts';

/** "Gouvernance › Politiques": the governance documents, their versions, who acknowledged them. */
export function PoliciesPanel() {
  const { t } = useTranslation();
  const can = useCan();
  const list = usePolicies();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const selected = params.get('policy') ?? list.data?.items[0]?.id ?? null;
  const select = (id: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('policy', id);
      return next;
    });
  if (list.isPending) return <TableSkeleton />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const manage = can('governance.manage');
  return (
    <Stack>
      {manage && (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('methods.policies.create')}
          </Button>
        </Group>
      )}
      {list.data.items.length === 0 ? (
        <EmptyState
          title={t('methods.policies.empty')}
          message={manage ? t('methods.policies.emptyHelp') : undefined}
        />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover aria-label={t('methods.policies.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('methods.policies.policy')}</Table.Th>
                <Table.Th>{t('methods.policies.category')}</Table.Th>
                <Table.Th>{t('methods.policies.inForce')}</Table.Th>
                <Table.Th>{t('methods.policies.upcoming')}</Table.Th>
                <Table.Th>{t('methods.policies.acknowledged')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((p) => (
                <Table.Tr
                  key={p.id}
                  bg={p.id === selected ? 'var(--mantine-color-blue-light)' : undefined}
                >
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => select(p.id)}
                      aria-pressed={p.id === selected}
                    >
                      {p.code} · {p.title}
                    </Button>
                  </Table.Td>
                  <Table.Td>{t(`methods.policies.categories.${p.category}`)}</Table.Td>
                  <Table.Td>
                    {p.inForce
                      ? t('methods.policies.versionSince', {
                          number: p.inForce.number,
                          date: formatDate(p.inForce.effectiveOn),
                        })
                      : '—'}
                  </Table.Td>
                  <Table.Td>
                    {p.upcoming ? (
                      <Badge color="violet" variant="light">
                        {t('methods.policies.versionFrom', {
                          number: p.upcoming.number,
                          date: formatDate(p.upcoming.effectiveOn),
                        })}
                      </Badge>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    {p.inForce && (
                      <Group gap={6}>
                        <Text size="sm">{p.inForce.acknowledgedCount}</Text>
                        {p.acknowledgedByMe ? (
                          <Badge color="teal" variant="light">
                            {t('methods.policies.readByMe')}
                          </Badge>
                        ) : (
                          <Badge color="orange" variant="light">
                            {t('methods.policies.toRead')}
                          </Badge>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {selected && list.data.items.some((p) => p.id === selected) && (
        <PolicyDetail id={selected} key={selected} manage={manage} />
      )}
      {creating && <PolicyForm policy={null} onClose={() => setCreating(false)} onSaved={select} />}
    </Stack>
  );
}

function PolicyDetail({ id, manage }: { id: string; manage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [publishing, setPublishing] = useState(false);
  const [busy, setBusy] = useState(false);
  const p = usePolicy(id, version);
  if (p.isPending) return <TableSkeleton />;
  if (p.isError) return <ErrorState error={p.error} />;
  const data = p.data;
  const shown = data.shown;
  const acknowledge = async () => {
    if (!shown) return;
    setBusy(true);
    try {
      await api.post(`/policies/${id}/acknowledgements`, Policy, { number: shown.number });
      await client.invalidateQueries({ queryKey: ['policies'] });
      await client.invalidateQueries({ queryKey: ['policy', id] });
      notifications.show({ color: 'teal', message: t('methods.policies.acknowledgedDone') });
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
    } finally {
      setBusy(false);
    }
  };
  const isInForce = shown && data.inForce?.number === shown.number;
  const mineShown = isInForce && data.acknowledgedByMe;
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-end" mb="sm">
        <div>
          <Title order={2} size="h4">
            {data.title}
          </Title>
          <Text size="sm" c="dimmed">
            {data.code} · {t(`methods.policies.categories.${data.category}`)}
            {data.owner && ` · ${t('methods.policies.owner', { name: data.owner.name })}`}
          </Text>
        </div>
        <Group align="flex-end">
          <Select
            label={t('methods.policies.version')}
            w={300}
            allowDeselect={false}
            value={shown ? String(shown.number) : null}
            onChange={(v) => setVersion(v ? Number(v) : undefined)}
            data={data.versions.map((v) => ({
              value: String(v.number),
              label: t('methods.policies.versionOption', {
                number: v.number,
                date: formatDate(v.effectiveOn),
              }),
            }))}
          />
          {manage && (
            <Button variant="default" onClick={() => setPublishing(true)}>
              {t('methods.policies.publish')}
            </Button>
          )}
        </Group>
      </Group>
      {shown && (
        <Group gap="xs" mb="sm">
          {isInForce ? (
            <Badge color="teal">{t('methods.policies.stateInForce')}</Badge>
          ) : shown.effectiveOn > new Date().toISOString().slice(0, 10) ? (
            <Badge color="violet">{t('methods.policies.stateUpcoming')}</Badge>
          ) : (
            <Badge color="gray">{t('methods.policies.stateSuperseded')}</Badge>
          )}
          <Text size="sm">
            {t('methods.policies.publishedBy', {
              name: shown.publishedBy ?? '—',
              date: formatDateTime(shown.publishedAt),
              effective: formatDate(shown.effectiveOn),
            })}
          </Text>
        </Group>
      )}
      {shown?.summary && (
        <Text size="sm" mb="sm">
          <b>{t('methods.policies.summary')} :</b> {shown.summary}
        </Text>
      )}
      <Paper withBorder p="md" radius="sm" mb="md" bg="var(--mantine-color-gray-0)">
        <Text component="div" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {data.body}
        </Text>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div>
          <Title order={3} size="h6" mb={4}>
            {t('methods.policies.readBy', { count: data.acknowledgements.length })}
          </Title>
          {data.acknowledgements.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('methods.policies.nobody')}
            </Text>
          ) : (
            data.acknowledgements.map((a) => (
              <Text key={a.name + a.at} size="sm">
                {a.name} — {formatDateTime(a.at)}
              </Text>
            ))
          )}
        </div>
        <Group justify="flex-end" align="flex-start">
          {shown &&
            (data.acknowledgements.length > 0 && mineShown ? (
              <Badge color="teal" size="lg" leftSection={<IconCheck size={14} />}>
                {t('methods.policies.readByMe')}
              </Badge>
            ) : (
              <Button
                leftSection={<IconCheck size={16} />}
                onClick={() => void acknowledge()}
                loading={busy}
              >
                {t('methods.policies.acknowledge', { number: shown.number })}
              </Button>
            ))}
        </Group>
      </SimpleGrid>
      {publishing && (
        <PolicyForm
          policy={data}
          onClose={() => setPublishing(false)}
          onSaved={() => setVersion(undefined)}
        />
      )}
    </Paper>
  );
}

/** Creates a policy (version 1) or publishes its next version with an effective date. */
function PolicyForm({
  policy,
  onClose,
  onSaved,
}: {
  policy: Policy | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [title, setTitle] = useState(policy?.title ?? '');
  const [category, setCategory] = useState<PolicyCategory>(policy?.category ?? 'governance');
  const [body, setBody] = useState(policy?.body ?? '');
  const [summary, setSummary] = useState('');
  const [effectiveOn, setEffectiveOn] = useState<string | null>(
    new Date().toISOString().slice(0, 10),
  );
  const save = async () => {
    if (!effectiveOn) return t('methods.policies.effectiveRequired');
    const saved = policy
      ? await api.post(
          `/policies/${policy.id}/versions`,
          Policy,
          { title, body, summary, effectiveOn },
          { ifMatch: policy.version },
        )
      : await api.post('/policies', Policy, {
          code: code.trim().toUpperCase(),
          title,
          category,
          body,
          summary,
          effectiveOn,
        });
    await client.invalidateQueries({ queryKey: ['policies'] });
    await client.invalidateQueries({ queryKey: ['policy', saved.id] });
    notifications.show({
      color: 'teal',
      message: t('methods.policies.publishedDone', { number: saved.latestNumber }),
    });
    onSaved(saved.id);
    onClose();
  };
  return (
    <CatalogueFormModal
      onClose={onClose}
      onSave={save}
      size="xl"
      saveLabel={policy ? t('methods.policies.publishSubmit') : t('methods.policies.createSubmit')}
      title={
        policy
          ? t('methods.policies.publishTitle', {
              title: policy.title,
              number: policy.latestNumber + 1,
            })
          : t('methods.policies.create')
      }
    >
      <Group grow align="flex-end">
        {!policy && (
          <TextInput
            label={t('methods.editor.code')}
            description={t('methods.policies.codeHelp')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            required
          />
        )}
        <TextInput
          label={t('methods.policies.titleLabel')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
        />
        {!policy && (
          <Select
            label={t('methods.policies.category')}
            data={POLICY_CATEGORIES.map((c) => ({
              value: c,
              label: t(`methods.policies.categories.${c}`),
            }))}
            value={category}
            onChange={(v) => v && setCategory(v as PolicyCategory)}
            allowDeselect={false}
          />
        )}
      </Group>
      <DateField
        label={t('methods.policies.effectiveOn')}
        description={t('methods.policies.effectiveHelp')}
        value={effectiveOn}
        onChange={(v) => setEffectiveOn(v ? String(v).slice(0, 10) : null)}
        required
        w={220}
      />
      <Textarea
        label={t('methods.policies.body')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={8}
        maxRows={20}
        required
      />
      <TextInput
        label={t('methods.policies.summary')}
        description={t('methods.policies.summaryHelp')}
        value={summary}
        onChange={(e) => setSummary(e.currentTarget.value)}
      />
    </CatalogueFormModal>
  );
}
