import { AppShell, Burger, Group, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconBriefcase,
  IconChecklist,
  IconChartBubble,
  IconClockHour4,
  IconCoinEuro,
  IconGavel,
  IconInbox,
  IconTarget,
  IconUsersGroup,
  IconDiamond,
  IconFolders,
  IconHistory,
  IconHome,
  IconSitemap,
  IconCloud,
  IconPresentation,
  IconTimeline,
  IconUsers,
} from '@tabler/icons-react';
import { type ComponentType, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { PageLoader } from '../components/states.tsx';
import { useCan } from '../features/auth/auth-api.ts';
import { GlossaryLookup } from '../features/governance/GlossaryLookup.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { GlobalSearch, LanguageSwitch, ThemeSwitch, UserMenu } from './HeaderControls.tsx';
import { Logo } from './Logo.tsx';

interface NavEntry {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>;
  show: boolean;
}
interface NavSection {
  id: string;
  label?: string;
  links: NavEntry[];
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const can = useCan();
  const { pathname } = useLocation();

  /*
   * The navigation, in sections a PMO recognises; a section shows when one of its entries does.
   * Each module adds its entries to the section where its users look for them.
   */
  const sections: NavSection[] = [
    {
      id: 'main',
      links: [
        { to: '/home', label: t('dashboards.nav'), icon: IconHome, show: true },
        {
          to: '/portfolios',
          label: t('nav.portfolios'),
          icon: IconFolders,
          show: can('portfolio.read'),
        },
        { to: '/projects', label: t('nav.projects'), icon: IconBriefcase, show: true },
        { to: '/my/actions', label: t('raid.my.nav'), icon: IconChecklist, show: true },
        {
          to: '/organisation',
          label: t('nav.organisation'),
          icon: IconSitemap,
          show: can('org.read'),
        },
      ],
    },
    {
      id: 'steering',
      label: t('nav.sections.steering'),
      links: [
        {
          to: '/dashboards',
          label: t('dash.nav'),
          icon: IconChartBubble,
          show: can('portfolio.read'),
        },
        {
          to: '/roadmap',
          label: t('roadmap.nav'),
          icon: IconTimeline,
          show: can('portfolio.read'),
        },
        {
          to: '/milestones',
          label: t('milestones.nav'),
          icon: IconDiamond,
          show: can('portfolio.read'),
        },
        {
          to: '/reporting',
          label: t('reporting.nav'),
          icon: IconCloud,
          show: can('portfolio.read'),
        },
        {
          to: '/reporting/copil',
          label: t('copil.nav'),
          icon: IconPresentation,
          show: can('portfolio.read'),
        },
        { to: '/risks', label: t('risks.nav'), icon: IconAlertTriangle, show: true },
        { to: '/finance', label: t('finance.nav'), icon: IconCoinEuro, show: can('finance.read') },
      ],
    },
    {
      id: 'strategy',
      label: t('nav.sections.strategy'),
      links: [
        {
          to: can('strategy.read') ? '/strategy/map' : '/strategy/objectives',
          label: t('strategy.mapNav'),
          icon: IconTarget,
          show: true,
        },
        { to: '/strategy/intake', label: t('strategy.intakeNav'), icon: IconInbox, show: true },
        { to: '/governance', label: t('governance.nav'), icon: IconGavel, show: true },
      ],
    },
    {
      id: 'resources',
      label: t('nav.sections.resources'),
      links: [
        { to: '/resources', label: t('resources.nav'), icon: IconUsersGroup, show: true },
        { to: '/time', label: t('time.nav'), icon: IconClockHour4, show: true },
      ],
    },
    {
      id: 'admin',
      label: t('nav.administration'),
      links: [
        { to: '/admin/users', label: t('nav.users'), icon: IconUsers, show: can('user.read') },
        { to: '/admin/audit', label: t('nav.audit'), icon: IconHistory, show: can('audit.read') },
      ],
    },
  ];

  // The entry with the longest matching path is the active one (/reporting/copil is not /reporting).
  const matches = (to: string) => pathname === to || pathname.startsWith(`${to}/`);
  const activePath = sections
    .flatMap((section) => section.links)
    .filter((l) => l.show && matches(l.to))
    .reduce<string | undefined>(
      (best, l) => (!best || l.to.length > best.length ? l.to : best),
      undefined,
    );

  const item = (l: NavEntry) => (
    <NavLink
      key={l.to}
      component={RouterNavLink}
      to={l.to}
      // Exact match for react-router's aria-current: `active` below picks the one entry to show.
      end
      label={l.label}
      leftSection={<l.icon size={18} stroke={1.6} aria-hidden />}
      active={l.to === activePath}
      onClick={close}
    />
  );

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 216, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('shell.toggleNavigation')}
            />
            <UnstyledButton component={Link} to="/" aria-label={t('shell.home')}>
              <Logo />
            </UnstyledButton>
          </Group>
          <GlobalSearch />
          <Group gap="xs" wrap="nowrap">
            <GlossaryLookup />
            <NotificationBell />
            <LanguageSwitch />
            <ThemeSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.mainNavigation')} component="nav">
        <ScrollArea>
          {sections.map((section) => {
            const visible = section.links.filter((l) => l.show);
            if (visible.length === 0) return null;
            if (!section.label) return <div key={section.id}>{visible.map(item)}</div>;
            return (
              <div key={section.id}>
                <Text
                  size="xs"
                  fw={700}
                  c="dimmed"
                  tt="uppercase"
                  px="sm"
                  mt="md"
                  mb={4}
                  id={`nav-${section.id}`}
                >
                  {section.label}
                </Text>
                <div role="group" aria-labelledby={`nav-${section.id}`}>
                  {visible.map(item)}
                </div>
              </div>
            );
          })}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
