import {
  Badge,
  Button,
  Card,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IconPlus } from '@tabler/icons-react';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDateTime } from '../../format.ts';
import { useCan } from '../auth/auth-api.ts';
import { MethodEditor } from '../methods/MethodEditor.tsx';
import { useMethodologies, useMethodology } from './governance-api.ts';

/** The methodology library: each method's lifecycle, gates, deliverables, WBS, roles, versions. */
export function MethodologyLibrary() {
  const { t } = useTranslation();
  const list = useMethodologies();
  const [params, setParams] = useSearchParams();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const selected = params.get('method') ?? list.data?.items[0]?.id ?? null;
  const select = (id: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('method', id);
      return next;
    });
  if (list.isPending) return <TableSkeleton />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const editor = creating && (
    <MethodEditor
      mode={{ kind: 'create' }}
      onClose={() => setCreating(false)}
      onSaved={(m) => select(m.id)}
    />
  );
  const createButton = can('governance.manage') && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      {t('methods.editor.create')}
    </Button>
  );
  if (list.data.items.length === 0)
    return (
      <>
        <EmptyState
          title={t('governance.library.empty')}
          message={t('methods.editor.emptyHelp')}
          action={createButton || undefined}
        />
        {editor}
      </>
    );
  return (
    <Stack>
      {createButton && <Group justify="flex-end">{createButton}</Group>}
      {editor}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {list.data.items.map((m) => (
          <Card
            key={m.id}
            withBorder
            radius="md"
            component="button"
            type="button"
            onClick={() => select(m.id)}
            aria-pressed={m.id === selected}
            style={{
              textAlign: 'left',
              cursor: 'pointer',
              borderColor: m.id === selected ? 'var(--mantine-color-blue-filled)' : undefined,
            }}
          >
            <Group justify="space-between" mb={4}>
              <Text fw={700}>{m.name}</Text>
              <Badge variant="light">{t(`governance.kind.${m.kind}`)}</Badge>
            </Group>
            <Text size="sm" c="dimmed" lineClamp={3} mb="xs">
              {m.description}
            </Text>
            <Text size="xs">{m.phaseNames.join(' → ')}</Text>
            <Text size="xs" c="dimmed" mt={4}>
              {t('governance.library.summary', { version: m.latestVersion, count: m.projectCount })}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {selected && <MethodologyDetail id={selected} key={selected} />}
    </Stack>
  );
}

function MethodologyDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [publishing, setPublishing] = useState(false);
  const m = useMethodology(id, version);
  if (m.isPending) return <TableSkeleton />;
  if (m.isError) return <ErrorState error={m.error} />;
  const data = m.data;
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm" align="flex-end">
        <div>
          <Title order={2} size="h4">
            {data.name}
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            {data.description}
          </Text>
        </div>
        <Group align="flex-end">
          <Select
            label={t('governance.library.version')}
            w={340}
            allowDeselect={false}
            value={String(data.shownVersion)}
            onChange={(v) => setVersion(v ? Number(v) : undefined)}
            data={data.versions.map((v) => ({
              value: String(v.number),
              label: t('governance.library.versionLabel', {
                number: v.number,
                date: formatDateTime(v.publishedAt),
                count: v.projectCount,
              }),
            }))}
          />
          {can('governance.manage') && (
            <Button variant="default" onClick={() => setPublishing(true)}>
              {t('governance.library.publish')}
            </Button>
          )}
        </Group>
      </Group>
      {data.versions.find((v) => v.number === data.shownVersion)?.notes && (
        <Text size="sm" mb="sm">
          {t('governance.library.notes')}:{' '}
          {data.versions.find((v) => v.number === data.shownVersion)?.notes}
        </Text>
      )}
      <Table.ScrollContainer minWidth={900}>
        <Table
          withColumnBorders
          verticalSpacing="sm"
          aria-label={t('governance.library.phasesTable')}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('governance.phase')}</Table.Th>
              <Table.Th>{t('governance.deliverables.title')}</Table.Th>
              <Table.Th>{t('governance.library.gate')}</Table.Th>
              <Table.Th>{t('governance.library.wbs')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.content.phases.map((p, i) => (
              <Table.Tr key={p.key} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text fw={600}>
                    {i + 1}. {p.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {p.deliverables.map((d) => (
                    <Text key={d.key} size="sm">
                      {d.name}
                      {d.required ? ' *' : ''}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>
                  {p.gate ? (
                    <>
                      <Text size="sm" fw={600}>
                        {p.gate.name}
                      </Text>
                      {p.gate.criteria.map((c) => (
                        <Text key={c.key} size="sm">
                          ☐ {c.label}
                        </Text>
                      ))}
                      <Text size="xs" c="dimmed">
                        {t('governance.review.approvers', {
                          list: p.gate.approvers
                            .map((a) => t(`governance.approvers.${a}`))
                            .join(', '),
                        })}
                      </Text>
                    </>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  {p.wbs.map((w) => (
                    <Text key={w.name} size="sm">
                      {w.name} (
                      {w.duration === 0
                        ? t('governance.library.milestone')
                        : t('governance.library.days', { count: w.duration })}
                      )
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt={4}>
        {t('governance.library.requiredNote')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }} mt="md">
        <div>
          <Title order={3} size="h6">
            {t('governance.roles')}
          </Title>
          {data.content.roles.map((r) => (
            <Text key={r.name} size="sm">
              <b>{r.name}</b> — {r.description}
            </Text>
          ))}
        </div>
        <div>
          <Title order={3} size="h6">
            {t('governance.ceremonies')}
          </Title>
          {data.content.ceremonies.map((c) => (
            <Text key={c.name} size="sm">
              <b>{c.name}</b> ({c.frequency}) — {c.description}
            </Text>
          ))}
        </div>
        <div>
          <Title order={3} size="h6">
            {t('governance.documents')}
          </Title>
          {data.content.documents.map((d) => (
            <Text key={d} size="sm">
              {d}
            </Text>
          ))}
        </div>
      </SimpleGrid>
      {publishing && (
        <MethodEditor
          mode={{ kind: 'publish', methodology: data }}
          onClose={() => setPublishing(false)}
          onSaved={() => setVersion(undefined)}
        />
      )}
    </Paper>
  );
}
