import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileTypePdf, IconPresentation } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Pack } from '../../../../contracts/copil.ts';
import type { PackFormat, PackLanguage, PackScope } from '../../../../core/copil/pack.ts';
import { DateField } from '../../../components/DateField.tsx';
import { errorMessage } from '../../../components/errors.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../../components/states.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../../format.ts';
import { currentLocale } from '../../../i18n.ts';
import { useCan } from '../../auth/auth-api.ts';
import { PortfolioSelect, ProgramSelect, ProjectSelect } from '../../portfolio/pickers.tsx';
import { packFileUrl, useCopilMutations, usePacks, useTemplates } from './copil-api.ts';
import { SubscriptionsPanel } from './SubscriptionsPanel.tsx';
import { TemplatesPanel } from './TemplatesPanel.tsx';

const today = () => new Date().toISOString().slice(0, 10);

/** "Packs COPIL": generate a steering-committee pack, follow it, download it; templates and e-mail reports. */
export function CopilPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'packs';
  const manage = can('copil.manage');
  return (
    <>
      <PageHeader
        title={t('copil.title')}
        breadcrumbs={[
          { label: t('reporting.status.title'), to: '/reporting' },
          { label: t('copil.title') },
        ]}
      />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'packs' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="packs">{t('copil.tabs.packs')}</Tabs.Tab>
          <Tabs.Tab value="templates">{t('copil.tabs.templates')}</Tabs.Tab>
          {(manage || can('mail.configure')) && (
            <Tabs.Tab value="schedule">{t('copil.tabs.schedule')}</Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="packs">
          <Stack gap="lg">
            <GenerateForm />
            <History />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="templates">
          <TemplatesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="schedule">
          <SubscriptionsPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function GenerateForm() {
  const { t } = useTranslation();
  const can = useCan();
  const templates = useTemplates();
  const m = useCopilMutations();
  const wide = can('portfolio.manage') || can('finance.read') || can('resource.read');
  const [scopeType, setScopeType] = useState<PackScope>(wide ? 'portfolio' : 'project');
  const [portfolioId, setPortfolioId] = useState<string | null>(null);
  const [programId, setProgramId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [asOf, setAsOf] = useState(today());
  const [format, setFormat] = useState<PackFormat>('pdf');
  const [language, setLanguage] = useState<PackLanguage>(currentLocale() === 'en' ? 'en' : 'fr');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const scopeId =
    scopeType === 'portfolio' ? portfolioId : scopeType === 'program' ? programId : projectId;
  const active = (templates.data?.items ?? []).filter((x) => !x.archived);

  const submit = () => {
    if (!scopeId) return;
    m.generate.mutate(
      { scopeType, scopeId, asOf, format, language, templateId },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: t('copil.generate.started') }),
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="sm">
        {t('copil.generate.title')}
      </Title>
      <Stack gap="sm">
        <SegmentedControl
          aria-label={t('copil.generate.scope')}
          value={scopeType}
          onChange={(v) => setScopeType(v as PackScope)}
          data={(wide
            ? (['portfolio', 'program', 'project'] as const)
            : (['project'] as const)
          ).map((s) => ({ value: s, label: t(`copil.scope.${s}`) }))}
          w="fit-content"
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <PortfolioSelect
            label={t('roadmap.portfolio')}
            value={portfolioId}
            onChange={(v) => {
              setPortfolioId(v);
              setProgramId(null);
              setProjectId(null);
            }}
            required
          />
          {scopeType === 'program' && (
            <ProgramSelect
              label={t('copil.scope.program')}
              portfolioId={portfolioId}
              value={programId}
              onChange={setProgramId}
              required
            />
          )}
          {scopeType === 'project' && (
            <ProjectSelect
              label={t('copil.scope.project')}
              portfolioId={portfolioId}
              value={projectId}
              onChange={setProjectId}
              required
            />
          )}
          <DateField
            label={t('copil.generate.asOf')}
            value={asOf}
            onChange={(v) => setAsOf(v || today())}
            clearable={false}
            required
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="copil-format">
              {t('copil.generate.format')}
            </Text>
            <SegmentedControl
              aria-labelledby="copil-format"
              value={format}
              onChange={(v) => setFormat(v as PackFormat)}
              data={[
                { value: 'pdf', label: 'PDF' },
                { value: 'pptx', label: 'PowerPoint' },
                { value: 'docx', label: 'Word' },
              ]}
            />
          </Stack>
          <Select
            label={t('copil.generate.language')}
            value={language}
            onChange={(v) => v && setLanguage(v as PackLanguage)}
            data={[
              { value: 'fr', label: 'Français' },
              { value: 'en', label: 'English' },
            ]}
            allowDeselect={false}
          />
          <Select
            label={t('copil.generate.template')}
            placeholder={active[0]?.name ?? t('copil.templates.standard')}
            value={templateId}
            onChange={setTemplateId}
            data={active.map((x) => ({ value: x.id, label: x.name }))}
            clearable
          />
        </SimpleGrid>
        <Group>
          <Button
            leftSection={
              format === 'pptx' ? <IconPresentation size={16} /> : <IconFileTypePdf size={16} />
            }
            onClick={submit}
            disabled={!scopeId}
            loading={m.generate.isPending}
          >
            {t('copil.generate.submit')}
          </Button>
          {!scopeId && (
            <Text size="sm" c="dimmed">
              {t('copil.generate.pickScope')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

const STATE_COLOR: Record<Pack['state'], string> = {
  queued: 'gray',
  running: 'blue',
  done: 'teal',
  failed: 'red',
};

function History() {
  const { t } = useTranslation();
  const packs = usePacks();
  if (packs.isPending) return <TableSkeleton rows={4} />;
  if (packs.isError) return <ErrorState error={packs.error} onRetry={() => void packs.refetch()} />;
  const items = packs.data.items;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('copil.history.title')}
      </Title>
      {items.length === 0 ? (
        <EmptyState title={t('copil.history.empty')} message={t('copil.history.emptyHint')} />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('copil.history.scope')}</Table.Th>
                <Table.Th>{t('copil.generate.asOf')}</Table.Th>
                <Table.Th>{t('copil.generate.format')}</Table.Th>
                <Table.Th>{t('copil.generate.template')}</Table.Th>
                <Table.Th>{t('copil.history.state')}</Table.Th>
                <Table.Th>{t('copil.history.requested')}</Table.Th>
                <Table.Th>{t('copil.history.file')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Text size="sm">{p.scopeName}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`copil.scope.${p.scopeType}`)}
                      {p.projectCount !== null &&
                        ` · ${t('copil.history.projects', { count: p.projectCount })}`}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDate(p.asOf)}</Table.Td>
                  <Table.Td>
                    {p.format.toUpperCase()} · {p.language.toUpperCase()}
                  </Table.Td>
                  <Table.Td>{p.templateName}</Table.Td>
                  <Table.Td miw={160}>
                    {p.state === 'running' || p.state === 'queued' ? (
                      <Stack gap={2}>
                        <Text size="xs">{t(`copil.state.${p.state}`)}</Text>
                        <Progress
                          value={p.progress}
                          animated
                          aria-label={t('copil.history.progress', { value: p.progress })}
                        />
                      </Stack>
                    ) : (
                      <Badge color={STATE_COLOR[p.state]} variant="light">
                        {t(`copil.state.${p.state}`)}
                      </Badge>
                    )}
                    {p.error && (
                      <Text size="xs" c="red.8">
                        {t(`errors.${p.error}`, { defaultValue: p.error })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.requestedBy}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(p.createdAt)}
                      {p.durationMs !== null &&
                        ` · ${t('copil.history.duration', { value: formatNumber(Math.round(p.durationMs / 100) / 10) })}`}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {p.state === 'done' && p.fileName ? (
                      <Anchor href={packFileUrl(p.id)} download={p.fileName} size="sm">
                        <Group gap={4} wrap="nowrap">
                          <IconDownload size={14} aria-hidden />
                          {t('copil.history.download')}
                          <Text span size="xs" c="dimmed">
                            (
                            {t('copil.history.size', {
                              value: formatNumber(Math.max(1, Math.round((p.size ?? 0) / 1024))),
                            })}
                            )
                          </Text>
                        </Group>
                      </Anchor>
                    ) : (
                      '—'
                    )}
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
