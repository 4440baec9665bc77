import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Indicator,
  Menu,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notification } from '../../../contracts/notifications.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { useMarkRead, useNotifications } from '../time/time-api.ts';

/** Where a notification leads in the app. */
function linkOf(n: Notification): string | null {
  if (n.kind.startsWith('time.approvals')) return '/time/approvals';
  if (n.kind.startsWith('time.')) return '/time';
  if (n.kind.startsWith('reporting.') && n.entity?.id) return `/projects/${n.entity.id}/weather`;
  if (n.kind.startsWith('training.')) return '/resources/training';
  return null;
}

/** The bell of the header: the unread count, the latest notifications, mark read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useNotifications();
  const markRead = useMarkRead();
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];
  const text = (n: Notification) => {
    const data: Record<string, unknown> = { ...n.data };
    if (typeof data.week === 'string') data.week = formatDate(data.week);
    if (typeof data.period === 'string') data.period = formatDate(data.period);
    for (const k of ['start', 'finish', 'previousStart', 'previousFinish']) {
      if (typeof data[k] === 'string') data[k] = formatDate(data[k]);
    }
    return t(`notifications.kinds.${n.kind}`, { ...data, defaultValue: n.kind });
  };
  return (
    <Menu width={360} position="bottom-end" shadow="md">
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={t('notifications.bell', { count: unread })}
        >
          <Indicator
            disabled={unread === 0}
            label={unread > 99 ? '99+' : unread}
            size={16}
            offset={2}
            color="red"
          >
            <IconBell size={20} aria-hidden />
          </Indicator>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Group justify="space-between" px="sm" py={6}>
          <Text fw={600} size="sm">
            {t('notifications.title')}
          </Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => markRead.mutate({})}>
              {t('notifications.markAllRead')}
            </Button>
          )}
        </Group>
        <Divider />
        {items.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            {t('notifications.empty')}
          </Text>
        )}
        <ScrollArea.Autosize mah={360}>
          {items.map((n) => (
            <Menu.Item
              key={n.id}
              onClick={() => {
                if (!n.readAt) markRead.mutate({ ids: [n.id] });
                const to = linkOf(n);
                if (to) void navigate(to);
              }}
            >
              <Stack gap={2}>
                <Text size="sm" fw={n.readAt ? 400 : 600}>
                  {text(n)}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(n.createdAt)}
                </Text>
              </Stack>
            </Menu.Item>
          ))}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
