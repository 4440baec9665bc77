import { lazy, Suspense } from 'react';
import { PageLoader } from '../components/states.tsx';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './AppLayout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { RouteError } from './RouteError.tsx';

const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const LoginPage = named(() => import('../features/auth/LoginPage.tsx'), 'LoginPage');
const SetupPage = named(() => import('../features/auth/SetupPage.tsx'), 'SetupPage');
const PortfoliosPage = named(
  () => import('../features/portfolio/PortfoliosPage.tsx'),
  'PortfoliosPage',
);
const ProjectsPage = named(() => import('../features/portfolio/ProjectsPage.tsx'), 'ProjectsPage');
const RisksPage = named(() => import('../features/risks/RisksPage.tsx'), 'RisksPage');
const RiskSettingsPage = named(
  () => import('../features/register/RiskSettingsPage.tsx'),
  'RiskSettingsPage',
);
const RegisterPage = named(() => import('../features/register/RegisterPage.tsx'), 'RegisterPage');
const MyActionsPage = named(() => import('../features/raid/MyActionsPage.tsx'), 'MyActionsPage');
const ProjectPage = named(() => import('../features/projects/ProjectPage.tsx'), 'ProjectPage');
const OrganisationPage = named(
  () => import('../features/org/OrganisationPage.tsx'),
  'OrganisationPage',
);
const ResourcesPage = named(
  () => import('../features/resources/ResourcesPage.tsx'),
  'ResourcesPage',
);
const UsersPage = named(() => import('../features/admin/UsersPage.tsx'), 'UsersPage');
const AuditPage = named(() => import('../features/admin/AuditPage.tsx'), 'AuditPage');
const RoadmapPage = named(() => import('../features/planning/RoadmapPage.tsx'), 'RoadmapPage');
const MilestonesPage = named(
  () => import('../features/planning/MilestonesPage.tsx'),
  'MilestonesPage',
);

const HomePage = named(() => import('../features/dashboards/HomePage.tsx'), 'HomePage');
const TimePage = named(() => import('../features/time/TimePage.tsx'), 'TimePage');
const PortfolioStatusPage = named(
  () => import('../features/reporting/PortfolioStatusPage.tsx'),
  'PortfolioStatusPage',
);
const KpisPage = named(() => import('../features/reporting/KpisPage.tsx'), 'KpisPage');
const PortfolioDashboardPage = named(
  () => import('../features/dash/PortfolioDashboardPage.tsx'),
  'PortfolioDashboardPage',
);
const ExecutivePage = named(() => import('../features/dash/ExecutivePage.tsx'), 'ExecutivePage');
const CopilPage = named(() => import('../features/reporting/copil/CopilPage.tsx'), 'CopilPage');
const IntakeBoardPage = named(
  () => import('../features/strategy/IntakeBoardPage.tsx'),
  'IntakeBoardPage',
);
const RequestPage = named(() => import('../features/strategy/RequestPage.tsx'), 'RequestPage');
const StrategyPage = named(() => import('../features/strategy/StrategyPage.tsx'), 'StrategyPage');
const FinancePage = named(() => import('../features/finance/FinancePage.tsx'), 'FinancePage');
const GovernancePage = named(
  () => import('../features/governance/GovernancePage.tsx'),
  'GovernancePage',
);

const standalone = (page: React.ReactNode) => <Suspense fallback={<PageLoader />}>{page}</Suspense>;

export const router = createBrowserRouter([
  { path: '/login', element: standalone(<LoginPage />), errorElement: <RouteError /> },
  { path: '/setup', element: standalone(<SetupPage />), errorElement: <RouteError /> },
  {
    path: '/',
    errorElement: <RouteError />,
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/home" replace /> },
      { path: 'home', element: <HomePage /> },
      { path: 'portfolios', element: <PortfoliosPage /> },
      { path: 'projects', element: <ProjectsPage /> },
      { path: 'projects/:id/:tab?', element: <ProjectPage /> },
      { path: 'roadmap', element: <RoadmapPage /> },
      { path: 'milestones', element: <MilestonesPage /> },
      { path: 'reporting', element: <PortfolioStatusPage /> },
      { path: 'dashboards', element: <PortfolioDashboardPage /> },
      { path: 'dashboards/executive', element: <ExecutivePage /> },
      { path: 'reporting/kpis', element: <KpisPage /> },
      { path: 'reporting/copil', element: <CopilPage /> },
      { path: 'strategy/intake', element: <IntakeBoardPage /> },
      { path: 'strategy/intake/:id', element: <RequestPage /> },
      { path: 'strategy/:tab?', element: <StrategyPage /> },
      { path: 'finance', element: <FinancePage /> },
      { path: 'governance/:tab?', element: <GovernancePage /> },
      { path: 'risks', element: <RisksPage /> },
      { path: 'risks/settings/:tab?', element: <RiskSettingsPage /> },
      { path: 'risks/:level/:id', element: <RegisterPage /> },
      { path: 'my/actions', element: <MyActionsPage /> },
      { path: 'organisation/:tab?', element: <OrganisationPage /> },
      { path: 'time/:tab?', element: <TimePage /> },
      { path: 'resources/:tab?', element: <ResourcesPage /> },
      { path: 'admin', element: <Navigate to="/admin/users" replace /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/audit', element: <AuditPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
