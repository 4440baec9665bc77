import { Badge, Button, Group, Tabs, Text } from '@mantine/core';
import { IconArchive, IconArrowsMove, IconPencil, IconRestore } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
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

const TABS = [
  'overview',
  'dashboard',
  'planning',
  'load',
  'staffing',
  'weather',
  'budget',
  'benefits',
  'governance',
  'quality',
  'lessons',
  'strategy',
  'risks',
  'schedule-risk',
  'sub-projects',
  'members',
  'history',
] as const;
type Tab = (typeof TABS)[number];

export function ProjectPage() {
  const { t } = useTranslation();
  const { id = '', tab } = useParams();
  const navigate = useNavigate();
  const project = useProject(id);
  const can = useCan();
  const [dialog, setDialog] = useState<'edit' | 'move' | null>(null);
  const current: Tab = TABS.includes(tab as Tab) ? (tab as Tab) : 'overview';

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
        value={current}
        onChange={(value) =>
          void navigate(value === 'overview' ? `/projects/${p.id}` : `/projects/${p.id}/${value}`)
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">{t('project.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="dashboard">{t('dash.project.tab')}</Tabs.Tab>
          <Tabs.Tab value="planning">{t('planning.tab')}</Tabs.Tab>
          <Tabs.Tab value="load">{t('capacity.tab')}</Tabs.Tab>
          <Tabs.Tab value="staffing">{t('skills.requests.tab')}</Tabs.Tab>
          <Tabs.Tab value="weather">{t('reporting.tab')}</Tabs.Tab>
          {seesBudget && <Tabs.Tab value="budget">{t('finance.tab')}</Tabs.Tab>}
          {seesBudget && <Tabs.Tab value="benefits">{t('evm.benefits.tab')}</Tabs.Tab>}
          <Tabs.Tab value="governance">{t('governance.tab')}</Tabs.Tab>
          <Tabs.Tab value="quality">{t('governance.quality.tab')}</Tabs.Tab>
          <Tabs.Tab value="lessons">{t('methods.lessons.tab')}</Tabs.Tab>
          <Tabs.Tab value="strategy">{t('strategy.contributions.tab')}</Tabs.Tab>
          <Tabs.Tab value="risks">{t('risks.tab')}</Tabs.Tab>
          <Tabs.Tab value="schedule-risk">{t('sim.tab')}</Tabs.Tab>
          <Tabs.Tab
            value="sub-projects"
            rightSection={
              p.childCount > 0 ? (
                <Badge size="xs" variant="light" circle>
                  {p.childCount}
                </Badge>
              ) : undefined
            }
          >
            {t('project.tabs.subProjects')}
          </Tabs.Tab>
          <Tabs.Tab value="members">{t('project.tabs.members')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('project.tabs.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <OverviewTab project={p} />
        </Tabs.Panel>
        <Tabs.Panel value="dashboard">
          {current === 'dashboard' && (
            <Suspense fallback={<TableSkeleton rows={8} />}>
              <ProjectDashboardTab projectId={p.id} />
            </Suspense>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="planning">
          <Suspense fallback={<TableSkeleton rows={10} />}>
            <PlanningTab project={p} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="load">
          <Suspense fallback={<TableSkeleton rows={6} />}>
            <LevelingPanel projectId={p.id} canApply={p.can.update && !p.archived} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="weather">
          {current === 'weather' && (
            <Suspense fallback={<TableSkeleton rows={6} />}>
              <WeatherTab project={p} />
            </Suspense>
          )}
        </Tabs.Panel>
        {seesBudget && (
          <Tabs.Panel value="budget">
            <Suspense fallback={<TableSkeleton rows={10} />}>
              <BudgetTab project={p} />
            </Suspense>
          </Tabs.Panel>
        )}
        {seesBudget && (
          <Tabs.Panel value="benefits">
            <Suspense fallback={<TableSkeleton rows={8} />}>
              <BenefitsPanel projectId={p.id} />
            </Suspense>
          </Tabs.Panel>
        )}
        <Tabs.Panel value="governance">
          <Suspense fallback={<TableSkeleton rows={8} />}>
            <GovernanceTab project={p} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="quality">
          <Suspense fallback={<TableSkeleton rows={8} />}>
            <QualityTab project={p} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="lessons">
          <Suspense fallback={<TableSkeleton rows={6} />}>
            <LessonsTab project={p} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="risks">
          <Suspense fallback={<TableSkeleton rows={8} />}>
            <RisksTab project={p} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="schedule-risk">
          <Suspense fallback={<TableSkeleton rows={8} />}>
            <SimulationTab project={p} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="strategy">
          <Suspense fallback={<TableSkeleton rows={8} />}>
            <ContributionsPanel kind="project" id={p.id} canEdit={p.can.update && !p.archived} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="sub-projects">
          <SubProjectsTab project={p} />
        </Tabs.Panel>
        <Tabs.Panel value="members">
          <MembersTab project={p} />
        </Tabs.Panel>
        <Tabs.Panel value="staffing">
          <Suspense fallback={<TableSkeleton rows={6} />}>
            <ProjectRequestsTab project={p} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <HistoryTab project={p} />
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
