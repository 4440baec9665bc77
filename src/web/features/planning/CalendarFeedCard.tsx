import { Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { useCalendarFeed, useCalendarFeedMutations } from './planning-api.ts';

/** The user's iCalendar feed: create (the URL is shown once), regenerate, revoke. */
export function CalendarFeedCard() {
  const { t } = useTranslation();
  const feed = useCalendarFeed();
  const { create, revoke } = useCalendarFeedMutations();
  const url = feed.data?.url ?? null;
  const exists = Boolean(feed.data?.createdAt);
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Group gap="xs">
          <IconCalendarEvent size={18} aria-hidden />
          <Title order={2} size="h5">
            {t('milestones.feed.title')}
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t('milestones.feed.help')}
        </Text>
        {url && (
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t('milestones.feed.url')}
              value={url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t('milestones.feed.copied') : t('milestones.feed.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        {url && (
          <Text size="xs" c="orange.9">
            {t('milestones.feed.once')}
          </Text>
        )}
        {!url && exists && feed.data?.createdAt && (
          <Text size="sm">
            {t('milestones.feed.active', { date: formatDateTime(feed.data.createdAt) })}
          </Text>
        )}
        <Group gap="xs">
          <Button size="xs" onClick={() => create.mutate()} loading={create.isPending}>
            {exists ? t('milestones.feed.regenerate') : t('milestones.feed.create')}
          </Button>
          {exists && (
            <Button
              size="xs"
              color="red"
              variant="subtle"
              onClick={() => revoke.mutate()}
              loading={revoke.isPending}
            >
              {t('milestones.feed.revoke')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
