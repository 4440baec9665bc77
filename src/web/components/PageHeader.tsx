import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export interface Crumb {
  label: string;
  to?: string;
}

/** The top of every page: breadcrumbs, the title (the page's only h1) and its actions. */
export function PageHeader({
  title,
  breadcrumbs,
  actions,
  before,
  after,
}: {
  title: ReactNode;
  breadcrumbs: Crumb[];
  actions?: ReactNode;
  before?: ReactNode;
  after?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" mb="lg">
      <nav aria-label={t('shell.breadcrumbs')}>
        <Breadcrumbs separator="›" separatorMargin={6}>
          {breadcrumbs.map((crumb, i) =>
            crumb.to && i < breadcrumbs.length - 1 ? (
              <Anchor key={i} component={Link} to={crumb.to} size="sm">
                {crumb.label}
              </Anchor>
            ) : (
              <Text
                key={i}
                size="sm"
                c="dimmed"
                aria-current={i === breadcrumbs.length - 1 ? 'page' : undefined}
              >
                {crumb.label}
              </Text>
            ),
          )}
        </Breadcrumbs>
      </nav>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Group gap="sm" align="center" wrap="nowrap" style={{ minWidth: 0 }}>
          {before}
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {after}
        </Group>
        {actions && (
          <Group gap="xs" wrap="nowrap" className="page-header-actions">
            {actions}
          </Group>
        )}
      </Group>
    </Stack>
  );
}
