import { AppShell, Burger, Group, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconBriefcase,
  IconDiamond,
  IconFolders,
  IconHistory,
  IconSitemap,
  IconTimeline,
  IconUsers,
} from '@tabler/icons-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { PageLoader } from '../components/states.tsx';
import { useCan } from '../features/auth/auth-api.ts';
import { GlobalSearch, LanguageSwitch, ThemeSwitch, UserMenu } from './HeaderControls.tsx';
import { Logo } from './Logo.tsx';

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const can = useCan();
  const { pathname } = useLocation();

  const links = [
    {
      to: '/portfolios',
      label: t('nav.portfolios'),
      icon: IconFolders,
      show: can('portfolio.read'),
    },
    { to: '/projects', label: t('nav.projects'), icon: IconBriefcase, show: true },
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
    { to: '/risks', label: t('risks.nav'), icon: IconAlertTriangle, show: true },
    { to: '/organisation', label: t('nav.organisation'), icon: IconSitemap, show: can('org.read') },
  ];
  const adminLinks = [
    { to: '/admin/users', label: t('nav.users'), icon: IconUsers, show: can('user.read') },
    { to: '/admin/audit', label: t('nav.audit'), icon: IconHistory, show: can('audit.read') },
  ];
  const visibleAdmin = adminLinks.filter((l) => l.show);

  const item = (l: (typeof links)[number]) => (
    <NavLink
      key={l.to}
      component={RouterNavLink}
      to={l.to}
      label={l.label}
      leftSection={<l.icon size={18} stroke={1.6} aria-hidden />}
      active={pathname === l.to || pathname.startsWith(`${l.to}/`)}
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
            <LanguageSwitch />
            <ThemeSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.mainNavigation')} component="nav">
        <ScrollArea>
          {links.filter((l) => l.show).map(item)}
          {visibleAdmin.length > 0 && (
            <>
              <Text
                size="xs"
                fw={700}
                c="dimmed"
                tt="uppercase"
                px="sm"
                mt="lg"
                mb={4}
                id="nav-admin"
              >
                {t('nav.administration')}
              </Text>
              <div role="group" aria-labelledby="nav-admin">
                {visibleAdmin.map(item)}
              </div>
            </>
          )}
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
