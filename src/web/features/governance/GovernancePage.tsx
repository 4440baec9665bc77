import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { GATE_DECISIONS } from '../../../core/governance/model.ts';
import type { GateDecisionKind } from '../../../contracts/governance.ts';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDateTime } from '../../format.ts';
import { LessonsPanel } from '../methods/Lessons.tsx';
import { PoliciesPanel } from '../methods/PoliciesPanel.tsx';
import { RolesPanel } from '../methods/RolesPanel.tsx';
import { StandardsPanel } from '../methods/StandardsPanel.tsx';
import { PortfolioSelect } from '../portfolio/pickers.tsx';
import { DecisionBadge, isOverdue, LifecycleBadge, ScoreBadge } from './governance-badges.tsx';
import { type DecisionFilters, useCompliance, useGateDecisions } from './governance-api.ts';
import { GlossaryPanel } from './GlossaryPanel.tsx';
import { MethodologyLibrary } from './MethodologyLibrary.tsx';
import { QualityPanel } from './QualityPanel.tsx';

const TABS = [
  'decisions',
  'compliance',
  'quality',
  'methodologies',
  'policies',
  'roles',
  'lessons',
  'standards',
  'glossary',
] as const;
type Tab = (typeof TABS)[number];

/** "Gouvernance": gate decisions and compliance across the portfolio, the library, the glossary. */
export function GovernancePage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const current: Tab = TABS.includes(tab as Tab) ? (tab as Tab) : 'decisions';
  return (
    <>
      <PageHeader
        title={t('governance.page.title')}
        breadcrumbs={[
          { label: t('nav.portfolios'), to: '/portfolios' },
          { label: t('governance.page.title') },
        ]}
      />
      <Tabs
        value={current}
        onChange={(v) => void navigate(v === 'decisions' ? '/governance' : `/governance/${v}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`governance.page.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="decisions">
          <DecisionsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="compliance">
          <CompliancePanel />
        </Tabs.Panel>
        <Tabs.Panel value="quality">
          <QualityPanel />
        </Tabs.Panel>
        <Tabs.Panel value="methodologies">
          <MethodologyLibrary />
        </Tabs.Panel>
        <Tabs.Panel value="policies">
          <PoliciesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="roles">
          <RolesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="lessons">
          <LessonsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="standards">
          <StandardsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="glossary">
          <GlossaryPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function DecisionsPanel() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k);
  const open = get('open');
  const filters: DecisionFilters = {
    portfolioId: get('portfolio'),
    decision: (GATE_DECISIONS as readonly string[]).includes(get('decision') ?? '')
      ? (get('decision') as GateDecisionKind)
      : null,
    from: get('from'),
    to: get('to'),
    openConditions: open === 'true' || open === 'false' ? open : null,
  };
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const list = useGateDecisions(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Group gap="sm" align="flex-end">
        <PortfolioSelect
          label={t('governance.filters.portfolio')}
          value={filters.portfolioId}
          onChange={(v) => set('portfolio', v)}
          clearable
          w={240}
        />
        <Select
          label={t('governance.filters.decision')}
          data={GATE_DECISIONS.map((d) => ({ value: d, label: t(`governance.decision.${d}`) }))}
          value={filters.decision}
          onChange={(v) => set('decision', v)}
          clearable
          w={200}
        />
        <Select
          label={t('governance.filters.conditions')}
          data={[
            { value: 'true', label: t('governance.filters.openConditions') },
            { value: 'false', label: t('governance.filters.noOpenConditions') },
          ]}
          value={filters.openConditions}
          onChange={(v) => set('open', v)}
          clearable
          w={220}
        />
        <DateField
          label={t('governance.filters.from')}
          value={filters.from}
          onChange={(v) => set('from', v ? String(v).slice(0, 10) : null)}
          w={150}
        />
        <DateField
          label={t('governance.filters.to')}
          value={filters.to}
          onChange={(v) => set('to', v ? String(v).slice(0, 10) : null)}
          w={150}
        />
      </Group>
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title={t('governance.page.noDecisions')}
          message={t('governance.page.noDecisionsHelp')}
        />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover aria-label={t('governance.page.decisionsTable')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('governance.page.date')}</Table.Th>
                  <Table.Th>{t('governance.page.project')}</Table.Th>
                  <Table.Th>{t('governance.page.gate')}</Table.Th>
                  <Table.Th>{t('governance.page.decision')}</Table.Th>
                  <Table.Th>{t('governance.page.readiness')}</Table.Th>
                  <Table.Th>{t('governance.page.conditions')}</Table.Th>
                  <Table.Th>{t('governance.page.decidedBy')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((d) => {
                  const openOnes = d.conditions.filter((c) => c.status === 'open');
                  const late = openOnes.filter(isOverdue).length;
                  return (
                    <Table.Tr key={d.id}>
                      <Table.Td>{formatDateTime(d.decidedAt)}</Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/projects/${d.project.id}/governance`}
                          size="sm"
                        >
                          {d.project.code} — {d.project.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{d.gateName}</Table.Td>
                      <Table.Td>
                        <DecisionBadge decision={d.decision} />
                      </Table.Td>
                      <Table.Td>
                        {d.readiness.done} / {d.readiness.total}
                      </Table.Td>
                      <Table.Td>
                        {d.conditions.length === 0 ? (
                          '—'
                        ) : (
                          <Group gap={4}>
                            <Text size="sm">
                              {t('governance.page.conditionsCount', {
                                open: openOnes.length,
                                total: d.conditions.length,
                              })}
                            </Text>
                            {late > 0 && (
                              <Badge color="red" size="xs" variant="filled">
                                {t('governance.page.overdueCount', { count: late })}
                              </Badge>
                            )}
                          </Group>
                        )}
                      </Table.Td>
                      <Table.Td>{d.decidedBy ?? '—'}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {list.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function CompliancePanel() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const portfolioId = params.get('portfolio');
  const rows = useCompliance(portfolioId);
  const items = rows.data?.items ?? [];
  const governed = items.filter((r) => r.methodology);
  const scored = governed.filter((r) => r.score !== null);
  const average =
    scored.length === 0
      ? null
      : Math.floor(scored.reduce((s, r) => s + (r.score ?? 0), 0) / scored.length);
  return (
    <Stack>
      <Group gap="lg" align="flex-end">
        <PortfolioSelect
          label={t('governance.filters.portfolio')}
          value={portfolioId}
          onChange={(v) =>
            setParams((p) => {
              const next = new URLSearchParams(p);
              if (v) next.set('portfolio', v);
              else next.delete('portfolio');
              return next;
            })
          }
          clearable
          w={240}
        />
        <div>
          <Text size="sm" c="dimmed">
            {t('governance.page.average')}
          </Text>
          <ScoreBadge score={average} size="lg" />
        </div>
        <div>
          <Text size="sm" c="dimmed">
            {t('governance.page.governed')}
          </Text>
          <Text fw={700}>
            {governed.length} / {items.length}
          </Text>
        </div>
      </Group>
      {rows.isPending ? (
        <TableSkeleton />
      ) : rows.isError ? (
        <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('governance.page.noProjects')} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900}>
            <Table striped aria-label={t('governance.page.complianceTable')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('governance.page.project')}</Table.Th>
                  <Table.Th>{t('governance.method')}</Table.Th>
                  <Table.Th>{t('governance.phase')}</Table.Th>
                  <Table.Th>{t('governance.page.lifecycle')}</Table.Th>
                  <Table.Th ta="right">{t('governance.approvedOfRequired')}</Table.Th>
                  <Table.Th>{t('governance.compliance')}</Table.Th>
                  <Table.Th>{t('governance.openConditions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.project.id}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/projects/${r.project.id}/governance`}
                        size="sm"
                      >
                        {r.project.code} — {r.project.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {r.methodology ? (
                        `${r.methodology.name} v${r.methodology.version}`
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('governance.page.noMethod')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{r.phaseName ?? '—'}</Table.Td>
                    <Table.Td>{r.status ? <LifecycleBadge status={r.status} /> : '—'}</Table.Td>
                    <Table.Td ta="right">
                      {r.methodology ? `${r.approved} / ${r.required}` : '—'}
                    </Table.Td>
                    <Table.Td>
                      <ScoreBadge score={r.score} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Text size="sm">{r.openConditions}</Text>
                        {r.overdueConditions > 0 && (
                          <Badge color="red" size="xs" variant="filled">
                            {t('governance.page.overdueCount', { count: r.overdueConditions })}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Text size="xs" c="dimmed">
        {t('governance.page.complianceHelp')}
      </Text>
    </Stack>
  );
}
