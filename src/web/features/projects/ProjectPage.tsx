import { Badge, Button, Group, Tabs, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArchive,
  IconArrowsMove,
  IconCalendarTime,
  IconCoinEuro,
  IconGauge,
  IconGavel,
  IconPencil,
  IconRestore,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader, type Crumb } from '../../components/PageHeader.tsx';
import { DetailSkeleton, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { PriorityBadge, StatusBadge } from '../portfolio/badges.tsx';
import { useCan } from '../auth/auth-api.ts';
import { useProject } from '../portfolio/portfolio-api.ts';
import { ArchiveButton } from './ArchiveButton.tsx';
import { HistoryTab } from './HistoryTab.tsx';
import { MembersTab } from './MembersTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { ProjectEditModal } from './ProjectModals.tsx';
import { SubProjectsTab } from './SubProjectsTab.tsx';

const ProjectDashboardTab = lazy(async () => ({
  default: (await import('../dash/ProjectDashboardTab.tsx')).ProjectDashboardTab,
}));
const WeatherTab = lazy(async () => ({
  default: (await import('../reporting/WeatherTab.tsx')).WeatherTab,
}));
const PlanningTab = lazy(async () => ({
  default: (await import('../planning/PlanningTab.tsx')).PlanningTab,
}));

const BudgetTab = lazy(async () => ({
  default: (await import('../finance/BudgetTab.tsx')).BudgetTab,
}));
const BenefitsPanel = lazy(async () => ({
  default: (await import('../evm/BenefitsPanel.tsx')).BenefitsPanel,
}));

const GovernanceTab = lazy(async () => ({
  default: (await import('../governance/GovernanceTab.tsx')).GovernanceTab,
}));

const QualityTab = lazy(async () => ({
  default: (await import('../governance/QualityTab.tsx')).QualityTab,
}));

const LessonsTab = lazy(async () => ({
  default: (await import('../methods/Lessons.tsx')).ProjectLessonsTab,
}));

const ContributionsPanel = lazy(async () => ({
  default: (await import('../strategy/ContributionsPanel.tsx')).ContributionsPanel,
}));
const RisksTab = lazy(async () => ({
  default: (await import('../raid/RaidTab.tsx')).RaidTab,
}));

const SimulationTab = lazy(async () => ({
  default: (await import('../sim/SimulationTab.tsx')).SimulationTab,
}));

const LevelingPanel = lazy(async () => ({
  default: (await import('../capacity/LevelingPanel.tsx')).LevelingPanel,
}));

const ProjectRequestsTab = lazy(async () => ({
  default: (await import('../resources/skills/ProjectRequestsTab.tsx')).ProjectRequestsTab,
}));

/**
 * The project's pages, grouped in six sections (« Pilotage / Planning / Ressources / Finances /
 * Risques / Gouvernance »): the first tab row picks a section, the second a page of it. The URL
 * names the page only (`/projects/:id/budget`), so every deep link written before the grouping
 * still lands on the same page; the section follows from the page.
 */
const SECTIONS = {
  steering: ['overview', 'dashboard', 'weather', 'strategy', 'sub-projects'],
  planning: ['planning'],
  resources: ['members', 'load', 'staffing'],
  finance: ['budget', 'benefits'],
  risks: ['risks', 'schedule-risk'],
  governance: ['governance', 'quality', 'lessons', 'history'],
} as const;
type Section = keyof typeof SECTIONS;
type Tab = (typeof SECTIONS)[Section][number];
const SECTION_OF = new Map<string, Section>(
  (Object.keys(SECTIONS) as Section[]).flatMap((s) => SECTIONS[s].map((tab) => [tab, s] as const)),
);
const FINANCE_TABS: ReadonlySet<Tab> = new Set(['budget', 'benefits']);
const SECTION_ICON: Record<Section, Icon> = {
  steering: IconGauge,
  planning: IconCalendarTime,
  resources: IconUsers,
  finance: IconCoinEuro,
  risks: IconAlertTriangle,
  governance: IconGavel,
};

export function ProjectPage() {
  const { t } = useTranslation();
  const { id = '', tab } = useParams();
  const navigate = useNavigate();
  const project = useProject(id);
  const can = useCan();
  const [dialog, setDialog] = useState<'edit' | 'move' | null>(null);
  // The page last opened in each section, so coming back to a section reopens it.
  const [lastOpened, setLastOpened] = useState<Partial<Record<Section, Tab>>>({});
  const requested: Tab = SECTION_OF.has(tab ?? '') ? (tab as Tab) : 'overview';

  if (project.isPending) return <DetailSkeleton />;
  if (project.isError) {
    return (
      <>
        <PageHeader
          title={t('project.title')}
          breadcrumbs={[
            { label: t('nav.projects'), to: '/projects' },
            { label: t('project.title') },
          ]}
        />
        <ErrorState error={project.error} onRetry={() => void project.refetch()} />
      </>
    );
  }
  const p = project.data;
  // Finance is read by finance, PMO and executives, and by the project's managers and sponsors.
  const seesBudget =
    can('finance.read') || p.myRoles.some((r) => r === 'project_manager' || r === 'sponsor');
  const visible = (x: Tab) => seesBudget || !FINANCE_TABS.has(x);
  const current: Tab = visible(requested) ? requested : 'overview';
  const section = SECTION_OF.get(current)!;
  const sections = (Object.keys(SECTIONS) as Section[]).filter((s) => SECTIONS[s].some(visible));
  const pages = SECTIONS[section].filter(visible);
  const open = (next: Tab) => {
    setLastOpened((m) => ({ ...m, [SECTION_OF.get(next)!]: next }));
    void navigate(next === 'overview' ? `/projects/${p.id}` : `/projects/${p.id}/${next}`);
  };
  const crumbs: Crumb[] = [
    { label: t('nav.portfolios'), to: '/portfolios' },
    { label: p.portfolio.name, to: `/portfolios?portfolio=${p.portfolio.id}` },
  ];
  if (p.program) {
    crumbs.push({
      label: p.program.name,
      to: `/portfolios?portfolio=${p.portfolio.id}&program=${p.program.id}`,
    });
  }
  for (const a of p.ancestors) crumbs.push({ label: a.name, to: `/projects/${a.id}` });
  crumbs.push({ label: p.name });

  const label: Record<Tab, string> = {
    overview: t('project.tabs.overview'),
    dashboard: t('dash.project.tab'),
    weather: t('reporting.tab'),
    strategy: t('strategy.contributions.tab'),
    'sub-projects': t('project.tabs.subProjects'),
    planning: t('planning.tab'),
    members: t('project.tabs.members'),
    load: t('capacity.tab'),
    staffing: t('skills.requests.tab'),
    budget: t('finance.tab'),
    benefits: t('evm.benefits.tab'),
    risks: t('ux.project.pages.risks'),
    'schedule-risk': t('sim.tab'),
    governance: t('ux.project.pages.governance'),
    quality: t('governance.quality.tab'),
    lessons: t('methods.lessons.tab'),
    history: t('project.tabs.history'),
  };
  const editable = p.can.update && !p.archived;
  const content = (x: Tab): ReactNode => {
    switch (x) {
      case 'overview':
        return <OverviewTab project={p} />;
      case 'dashboard':
        return <ProjectDashboardTab projectId={p.id} />;
      case 'weather':
        return <WeatherTab project={p} />;
      case 'strategy':
        return <ContributionsPanel kind="project" id={p.id} canEdit={editable} />;
      case 'sub-projects':
        return <SubProjectsTab project={p} />;
      case 'planning':
        return <PlanningTab project={p} />;
      case 'members':
        return <MembersTab project={p} />;
      case 'load':
        return <LevelingPanel projectId={p.id} canApply={editable} />;
      case 'staffing':
        return <ProjectRequestsTab project={p} />;
      case 'budget':
        return <BudgetTab project={p} />;
      case 'benefits':
        return <BenefitsPanel projectId={p.id} />;
      case 'risks':
        return <RisksTab project={p} />;
      case 'schedule-risk':
        return <SimulationTab project={p} />;
      case 'governance':
        return <GovernanceTab project={p} />;
      case 'quality':
        return <QualityTab project={p} />;
      case 'lessons':
        return <LessonsTab project={p} />;
      case 'history':
        return <HistoryTab project={p} />;
    }
  };
  const page = (
    <Suspense key={current} fallback={<TableSkeleton rows={8} />}>
      {content(current)}
    </Suspense>
  );

  return (
    <>
      <PageHeader
        title={p.name}
        breadcrumbs={crumbs}
        before={
          <Text ff="monospace" c="dimmed" size="lg" style={{ whiteSpace: 'nowrap' }}>
            {p.code}
          </Text>
        }
        after={
          <Group gap={6} wrap="nowrap">
            <StatusBadge status={p.status} />
            <PriorityBadge priority={p.priority} />
            {p.archived && (
              <Badge color="gray" variant="filled" radius="sm">
                {t('project.archived')}
              </Badge>
            )}
          </Group>
        }
        actions={
          <>
            {p.can.update && !p.archived && (
              <>
                <Button
                  variant="default"
                  leftSection={<IconArrowsMove size={16} aria-hidden />}
                  onClick={() => setDialog('move')}
                >
                  {t('project.move')}
                </Button>
                <Button
                  leftSection={<IconPencil size={16} aria-hidden />}
                  onClick={() => setDialog('edit')}
                >
                  {t('common.edit')}
                </Button>
              </>
            )}
            {p.can.archive && (
              <ArchiveButton
                project={p}
                icon={
                  p.archived ? (
                    <IconRestore size={16} aria-hidden />
                  ) : (
                    <IconArchive size={16} aria-hidden />
                  )
                }
              />
            )}
          </>
        }
      />
      <Tabs
        id="project-sections"
        value={section}
        onChange={(value) => {
          const s = value as Section;
          open(lastOpened[s] ?? SECTIONS[s].find(visible)!);
        }}
        keepMounted={false}
      >
        <Tabs.List mb={pages.length > 1 ? 'xs' : 'md'} aria-label={t('ux.project.sections.label')}>
          {sections.map((s) => {
            const Icon = SECTION_ICON[s];
            return (
              <Tabs.Tab key={s} value={s} leftSection={<Icon size={16} aria-hidden />}>
                {t(`ux.project.sections.${s}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value={section}>
          {pages.length === 1 ? (
            page
          ) : (
            <Tabs
              id="project-pages"
              value={current}
              onChange={(value) => value && open(value as Tab)}
              variant="outline"
              keepMounted={false}
            >
              <Tabs.List
                mb="md"
                aria-label={t('ux.project.pagesOf', {
                  section: t(`ux.project.sections.${section}`),
                })}
              >
                {pages.map((x) => (
                  <Tabs.Tab
                    key={x}
                    value={x}
                    rightSection={
                      x === 'sub-projects' && p.childCount > 0 ? (
                        <Badge size="xs" variant="light" circle>
                          {p.childCount}
                        </Badge>
                      ) : undefined
                    }
                  >
                    {label[x]}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              <Tabs.Panel value={current}>{page}</Tabs.Panel>
            </Tabs>
          )}
        </Tabs.Panel>
      </Tabs>
      {dialog && (
        <ProjectEditModal
          project={p}
          mode={dialog}
          opened
          onClose={() => setDialog(null)}
          key={dialog}
        />
      )}
    </>
  );
}
