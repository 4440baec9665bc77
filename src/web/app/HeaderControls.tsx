import {
  ActionIcon,
  Avatar,
  Group,
  Menu,
  SegmentedControl,
  Text,
  TextInput,
  UnstyledButton,
  useMantineColorScheme,
  type MantineColorScheme,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconChevronDown,
  IconDeviceDesktop,
  IconLogout,
  IconMoon,
  IconSearch,
  IconSun,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { Locale } from '../../contracts/auth.ts';
import { errorMessage } from '../components/errors.ts';
import { useAuthActions, useCurrentUser } from '../features/auth/auth-api.ts';
import { changeLocale } from '../i18n.ts';

/** Searches projects by text: Enter opens the project list filtered by `q`. */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const [value, setValue] = useState('');
  useEffect(() => {
    if (pathname === '/projects') setValue(params.get('q') ?? '');
  }, [pathname, params]);
  return (
    <form
      role="search"
      style={{ flex: 1, maxWidth: 440 }}
      onSubmit={(e) => {
        e.preventDefault();
        const q = value.trim();
        void navigate(q ? `/projects?q=${encodeURIComponent(q)}` : '/projects');
      }}
    >
      <TextInput
        type="search"
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        placeholder={t('shell.searchPlaceholder')}
        aria-label={t('shell.search')}
        leftSection={<IconSearch size={16} aria-hidden />}
      />
    </form>
  );
}

/** Persists a preference for the signed-in user; a failure only warns (the local choice stays). */
function useSavePreference() {
  const { t } = useTranslation();
  const { savePreferences } = useAuthActions();
  return (body: Parameters<typeof savePreferences>[0]) =>
    savePreferences(body).catch((error: unknown) =>
      notifications.show({ color: 'red', message: errorMessage(t, error) }),
    );
}

export function LanguageSwitch({ persist = true }: { persist?: boolean }) {
  const { t, i18n } = useTranslation();
  const save = useSavePreference();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('shell.language')}
      value={i18n.language === 'en' ? 'en' : 'fr'}
      onChange={(value) => {
        const locale = value as Locale;
        void changeLocale(locale);
        if (persist) void save({ locale });
      }}
      data={[
        { value: 'fr', label: <span aria-label="Français">FR</span> },
        { value: 'en', label: <span aria-label="English">EN</span> },
      ]}
    />
  );
}

export function ThemeSwitch() {
  const { t } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const save = useSavePreference();
  const options: { value: MantineColorScheme; label: string; icon: typeof IconSun }[] = [
    { value: 'light', label: t('shell.themeLight'), icon: IconSun },
    { value: 'dark', label: t('shell.themeDark'), icon: IconMoon },
    { value: 'auto', label: t('shell.themeAuto'), icon: IconDeviceDesktop },
  ];
  const current = options.find((o) => o.value === colorScheme) ?? options[2]!;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={t('shell.themeCurrent', { theme: current.label })}
        >
          <current.icon size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.theme')}</Menu.Label>
        {options.map((o) => (
          <Menu.Item
            key={o.value}
            leftSection={<o.icon size={16} aria-hidden />}
            aria-current={o.value === colorScheme ? 'true' : undefined}
            fw={o.value === colorScheme ? 700 : undefined}
            onClick={() => {
              setColorScheme(o.value);
              void save({ theme: o.value });
            }}
          >
            {o.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

export function UserMenu() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { logout } = useAuthActions();
  const navigate = useNavigate();
  const initials = me.name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton p={4}>
          {/* Named by its text ("Menu de …", which contains the visible name), not aria-label:
              the initials and the name shown are visual only. */}
          <span className="visually-hidden">{t('shell.userMenu', { name: me.name })}</span>
          <Group gap={6} wrap="nowrap" aria-hidden>
            <Avatar size={30} radius="xl" color="jalon">
              {initials}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" lineClamp={1} maw={160}>
              {me.name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {me.email} · {t(`roles.${me.role}`)}
        </Menu.Label>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => {
            void logout().then(() => navigate('/login'));
          }}
        >
          {t('shell.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
