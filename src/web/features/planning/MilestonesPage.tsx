import {
  Anchor,
  Badge,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { PortfolioSelect, ProgramSelect } from '../portfolio/pickers.tsx';
import { Variance } from './BaselinePanel.tsx';
import { CalendarFeedCard } from './CalendarFeedCard.tsx';
import { MilestoneTrendChart } from './MilestoneTrendChart.tsx';
import { useMilestones, type MilestoneFilters } from './planning-api.ts';

const STATUS_COLOR = { done: 'teal', due: 'blue', late: 'red' } as const;
type Status = keyof typeof STATUS_COLOR;

/** "Jalons": milestones done, due and late across the portfolio, and each project's trend. */
export function MilestonesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k);
  const status = (['done', 'due', 'late'] as const).find((s) => s === get('status')) ?? null;
  const filters: MilestoneFilters = {
    portfolioId: get('portfolio'),
    programId: get('program'),
    projectId: null,
    status,
    from: get('from'),
    to: get('to'),
  };
  const trendProject = get('trend');
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key === 'portfolio') next.delete('program');
        return next;
      },
      { replace: true },
    );
  const milestones = useMilestones(filters);
  const projects = useMemo(() => {
    const map = new Map<string, string>();
    for (const m of milestones.data?.items ?? [])
      map.set(m.project.id, `${m.project.code} — ${m.project.name}`);
    return [...map].map(([value, label]) => ({ value, label }));
  }, [milestones.data]);
  const counts = useMemo(() => {
    const c = { done: 0, due: 0, late: 0 };
    for (const m of milestones.data?.items ?? []) c[m.status]++;
    return c;
  }, [milestones.data]);

  return (
    <>
      <PageHeader
        title={t('milestones.title')}
        breadcrumbs={[
          { label: t('nav.portfolios'), to: '/portfolios' },
          { label: t('milestones.title') },
        ]}
      />
      <Group gap="sm" mb="md" align="flex-end">
        <PortfolioSelect
          label={t('roadmap.portfolio')}
          value={filters.portfolioId}
          onChange={(v) => set('portfolio', v)}
          clearable
          placeholder={t('filters.all')}
          w={190}
        />
        <ProgramSelect
          label={t('roadmap.program')}
          portfolioId={filters.portfolioId}
          value={filters.programId}
          onChange={(v) => set('program', v)}
          placeholder={t('filters.all')}
          w={190}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="milestone-status-label">
            {t('milestones.status')}
          </Text>
          <SegmentedControl
            aria-labelledby="milestone-status-label"
            value={status ?? 'all'}
            onChange={(v) => set('status', v === 'all' ? null : v)}
            data={[
              { value: 'all', label: t('filters.all') },
              { value: 'late', label: t('milestones.statuses.late') },
              { value: 'due', label: t('milestones.statuses.due') },
              { value: 'done', label: t('milestones.statuses.done') },
            ]}
          />
        </Stack>
        <DateField
          label={t('milestones.from')}
          value={filters.from}
          onChange={(v) => set('from', v)}
          w={150}
        />
        <DateField
          label={t('milestones.to')}
          value={filters.to}
          onChange={(v) => set('to', v)}
          w={150}
        />
      </Group>
      <div>
        <div>
          {milestones.isPending ? (
            <TableSkeleton rows={8} />
          ) : milestones.isError ? (
            <ErrorState error={milestones.error} onRetry={() => void milestones.refetch()} />
          ) : milestones.data.items.length === 0 ? (
            <EmptyState title={t('milestones.emptyTitle')} message={t('milestones.emptyMessage')} />
          ) : (
            <Stack gap="xs">
              <Group gap="xs">
                {(['late', 'due', 'done'] as const).map((s) => (
                  <Badge key={s} color={STATUS_COLOR[s]} variant="light" radius="sm">
                    {t(`milestones.counts.${s}`, { count: counts[s] })}
                  </Badge>
                ))}
              </Group>
              <Table.ScrollContainer minWidth={760}>
                <Table highlightOnHover fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('milestones.milestone')}</Table.Th>
                      <Table.Th>{t('roadmap.project')}</Table.Th>
                      <Table.Th>{t('milestones.date')}</Table.Th>
                      <Table.Th>{t('milestones.baselineDate')}</Table.Th>
                      <Table.Th ta="right">{t('milestones.slippage')}</Table.Th>
                      <Table.Th>{t('milestones.status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {milestones.data.items.map((m) => (
                      <Table.Tr key={m.id}>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <span aria-hidden>◆</span>
                            <Text size="sm" fw={m.critical ? 650 : undefined}>
                              {m.name}
                            </Text>
                            {m.critical && (
                              <Badge size="xs" color="red" variant="outline">
                                {t('milestones.critical')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/projects/${m.project.id}/planning`}
                            size="sm"
                          >
                            {m.project.code}
                          </Anchor>{' '}
                          <Text span size="sm" c="dimmed">
                            {m.project.name}
                          </Text>
                        </Table.Td>
                        <Table.Td>{formatDate(m.date)}</Table.Td>
                        <Table.Td>{formatDate(m.baselineDate)}</Table.Td>
                        <Table.Td ta="right">
                          <Variance value={m.slippage} />
                        </Table.Td>
                        <Table.Td>
                          <Badge
                            color={STATUS_COLOR[m.status as Status]}
                            variant="light"
                            radius="sm"
                          >
                            {t(`milestones.statuses.${m.status}`)}
                          </Badge>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          )}
        </div>
      </div>
      <Paper withBorder p="md" radius="md" mt="lg">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end">
            <Title order={2} size="h4">
              {t('milestones.trend.title')}
            </Title>
            <Select
              label={t('roadmap.project')}
              data={projects}
              value={trendProject}
              onChange={(v) => set('trend', v)}
              searchable
              clearable
              placeholder={t('milestones.trend.pick')}
              w={320}
            />
          </Group>
          {trendProject ? (
            <MilestoneTrendChart projectId={trendProject} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('milestones.trend.pickHelp')}
            </Text>
          )}
        </Stack>
      </Paper>
      <div style={{ marginTop: 'var(--mantine-spacing-lg)', maxWidth: 720 }}>
        <CalendarFeedCard />
      </div>
    </>
  );
}
