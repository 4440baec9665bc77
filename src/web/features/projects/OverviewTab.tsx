import { Anchor, Badge, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Project } from '../../../contracts/portfolio.ts';
import { formatDate, formatDateTime, formatNumber } from '../../format.ts';

function Field({
  label,
  children,
  raw = false,
}: {
  label: string;
  children: ReactNode;
  raw?: boolean;
}) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt={raw ? undefined : 'uppercase'} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** The project's fields, description, tags and custom fields. */
export function OverviewTab({ project: p }: { project: Project }) {
  const { t } = useTranslation();
  const parent = p.ancestors.at(-1);
  const custom = Object.entries(p.customFields);
  const value = (v: string | number | boolean | null) =>
    v === null
      ? '—'
      : typeof v === 'boolean'
        ? v
          ? t('common.yes')
          : t('common.no')
        : typeof v === 'number'
          ? formatNumber(v)
          : v;
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="lg">
          <Paper withBorder radius="md" p="md">
            <Title order={2} size="h5" mb="xs">
              {t('project.fields.description')}
            </Title>
            {p.description ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {p.description}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('project.noDescription')}
              </Text>
            )}
          </Paper>
          <Paper withBorder radius="md" p="md">
            <Title order={2} size="h5" mb="xs">
              {t('project.fields.customFields')}
            </Title>
            {custom.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('project.noCustomFields')}
              </Text>
            ) : (
              <SimpleGrid cols={2} component="dl" m={0}>
                {custom.map(([k, v]) => (
                  <Field key={k} label={k} raw>
                    {value(v)}
                  </Field>
                ))}
              </SimpleGrid>
            )}
          </Paper>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h5" mb="sm">
            {t('project.details')}
          </Title>
          <SimpleGrid cols={2} spacing="md" verticalSpacing="sm" component="dl" m={0}>
            <Field label={t('project.fields.portfolio')}>
              <Anchor component={Link} to={`/portfolios?portfolio=${p.portfolio.id}`} size="sm">
                {p.portfolio.name}
              </Anchor>
            </Field>
            <Field label={t('project.fields.program')}>{p.program?.name ?? '—'}</Field>
            <Field label={t('project.fields.parent')}>
              {parent ? (
                <Anchor component={Link} to={`/projects/${parent.id}`} size="sm">
                  {parent.code} — {parent.name}
                </Anchor>
              ) : (
                '—'
              )}
            </Field>
            <Field label={t('project.fields.orgUnit')}>{p.orgUnit?.name ?? '—'}</Field>
            <Field label={t('project.fields.sponsor')}>{p.sponsor?.name ?? '—'}</Field>
            <Field label={t('project.fields.manager')}>{p.manager?.name ?? '—'}</Field>
            <Field label={t('project.fields.plannedStart')}>{formatDate(p.plannedStart)}</Field>
            <Field label={t('project.fields.plannedEnd')}>{formatDate(p.plannedEnd)}</Field>
            <Field label={t('project.fields.tags')}>
              {p.tags.length === 0 ? (
                '—'
              ) : (
                <Group gap={4} component="span">
                  {p.tags.map((tag) => (
                    <Badge key={tag} variant="default" radius="sm" tt="none">
                      {tag}
                    </Badge>
                  ))}
                </Group>
              )}
            </Field>
            <Field label={t('project.myRoles')}>
              {p.myRoles.length ? p.myRoles.map((r) => t(`members.roles.${r}`)).join(', ') : '—'}
            </Field>
            <Field label={t('project.createdAt')}>{formatDateTime(p.createdAt)}</Field>
            <Field label={t('project.updatedAt')}>{formatDateTime(p.updatedAt)}</Field>
          </SimpleGrid>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
