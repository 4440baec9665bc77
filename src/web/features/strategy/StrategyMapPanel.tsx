import {
  Anchor,
  Badge,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  useComputedColorScheme,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MapItem, MapObjective, StrategyMap } from '../../../contracts/strategy.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatNumber } from '../../format.ts';
import { percent } from './ObjectivesPanel.tsx';
import { useStrategyMap } from './strategy-api.ts';

/** Weighted contribution in points: objective share × Σ level / 3, × 100. */
const points = (v: number) => formatNumber(Math.round(v * 1000) / 10);

const ROW = 26;
const LABEL = 300;
const WIDTH = 860;

/** One bar per objective (projects, then candidates stacked), under its axis. */
function CoverageChart({ map }: { map: StrategyMap }) {
  const { t } = useTranslation();
  const dark = useComputedColorScheme('light') === 'dark';
  const colors = {
    project: dark ? '#748ffc' : '#3b5bdb',
    candidate: dark ? '#5c5f66' : '#bac8ff',
    text: dark ? '#c1c2c5' : '#212529',
    muted: dark ? '#909296' : '#495057',
    red: dark ? '#ff8787' : '#c92a2a',
    grid: dark ? '#373a40' : '#e9ecef',
  };
  const rows = map.objectives;
  const max = Math.max(
    0.0001,
    ...rows.map((o) => o.weightedContribution + o.candidateWeightedContribution),
  );
  const barW = WIDTH - LABEL - 150;
  const height = rows.length * ROW + 24;
  const x = (v: number) => (v / max) * barW;
  return (
    <svg
      width="100%"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={t('strategy.map.chartLabel')}
      style={{ maxWidth: WIDTH }}
    >
      {[0, 0.25, 0.5, 0.75, 1].map((f) => (
        <line
          key={f}
          x1={LABEL + f * barW}
          x2={LABEL + f * barW}
          y1={0}
          y2={height - 20}
          stroke={colors.grid}
        />
      ))}
      {rows.map((o, i) => {
        const y = i * ROW;
        if (o.kind === 'axis')
          return (
            <text key={o.id} x={0} y={y + 18} fontSize="13" fontWeight="700" fill={colors.text}>
              {`${o.code} — ${o.title}`.slice(0, 60)} ({percent(o.globalWeight)})
            </text>
          );
        const uncovered = o.contributors === 0;
        const wp = x(o.weightedContribution);
        const wc = x(o.candidateWeightedContribution);
        const label = `${o.code} ${o.title}`;
        return (
          <g key={o.id}>
            <title>
              {t('strategy.map.barTitle', {
                objective: label,
                projects: o.contributors,
                candidates: o.candidateContributors,
                points: points(o.weightedContribution),
              })}
            </title>
            <text x={12} y={y + 17} fontSize="12" fill={uncovered ? colors.red : colors.text}>
              {label.length > 44 ? `${label.slice(0, 43)}…` : label}
            </text>
            <rect x={LABEL} y={y + 5} width={wp} height={ROW - 10} fill={colors.project} rx={2} />
            <rect
              x={LABEL + wp}
              y={y + 5}
              width={wc}
              height={ROW - 10}
              fill={colors.candidate}
              rx={2}
            />
            <text
              x={LABEL + wp + wc + 6}
              y={y + 17}
              fontSize="11"
              fill={uncovered ? colors.red : colors.muted}
            >
              {uncovered
                ? t('strategy.map.noProject')
                : t('strategy.map.barText', {
                    points: points(o.weightedContribution),
                    count: o.contributors,
                  })}
            </text>
          </g>
        );
      })}
      <text x={LABEL} y={height - 4} fontSize="11" fill={colors.muted}>
        0
      </text>
      <text x={LABEL + barW} y={height - 4} fontSize="11" fill={colors.muted} textAnchor="end">
        {points(max)} {t('strategy.map.pts')}
      </text>
    </svg>
  );
}

function CoverageTable({ map, names }: { map: StrategyMap; names: Map<string, MapItem> }) {
  const { t } = useTranslation();
  const who = (list: MapObjective['contributions']) =>
    list.map((c) => `${names.get(c.itemId)?.reference ?? '?'} (${c.level})`).join(', ');
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('strategy.objectives.title')}</Table.Th>
            <Table.Th ta="right">{t('strategy.objectives.share')}</Table.Th>
            <Table.Th ta="right">{t('strategy.map.projects')}</Table.Th>
            <Table.Th ta="right">{t('strategy.map.weighted')}</Table.Th>
            <Table.Th>{t('strategy.map.contributors')}</Table.Th>
            <Table.Th ta="right">{t('strategy.map.candidates')}</Table.Th>
            <Table.Th ta="right">{t('strategy.map.candidateWeighted')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {map.objectives.map((o) =>
            o.kind === 'axis' ? (
              <Table.Tr key={o.id} bg="var(--mantine-color-default-hover)">
                <Table.Td colSpan={7}>
                  <Text fw={700} size="sm">
                    {o.code} — {o.title} ({percent(o.globalWeight)})
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Text size="sm">
                    {o.code} {o.title}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{percent(o.globalWeight)}</Table.Td>
                <Table.Td ta="right">
                  {o.contributors === 0 ? (
                    <Badge color="red" variant="light">
                      {t('strategy.map.noProject')}
                    </Badge>
                  ) : (
                    o.contributors
                  )}
                </Table.Td>
                <Table.Td ta="right">{points(o.weightedContribution)}</Table.Td>
                <Table.Td>
                  <Text size="xs">{who(o.contributions) || '—'}</Text>
                </Table.Td>
                <Table.Td ta="right">{o.candidateContributors}</Table.Td>
                <Table.Td ta="right">{points(o.candidateWeightedContribution)}</Table.Td>
              </Table.Tr>
            ),
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AlignmentTable({ items, kind }: { items: MapItem[]; kind: MapItem['kind'] }) {
  const { t } = useTranslation();
  const sorted = [...items].sort((a, b) => b.alignment - a.alignment);
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>
            {t(kind === 'project' ? 'strategy.map.project' : 'strategy.map.candidate')}
          </Table.Th>
          <Table.Th ta="right">{t('strategy.map.objectiveCount')}</Table.Th>
          <Table.Th ta="right">{t('strategy.map.alignment')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>
              <Anchor
                component={Link}
                size="sm"
                to={kind === 'project' ? `/projects/${i.id}` : `/strategy/intake/${i.id}`}
              >
                {i.reference} {i.name}
              </Anchor>
            </Table.Td>
            <Table.Td ta="right">{i.objectiveCount}</Table.Td>
            <Table.Td ta="right">{points(i.alignment)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The strategy map: how well projects and candidates cover the objectives. */
export function StrategyMapPanel() {
  const { t } = useTranslation();
  const query = useStrategyMap();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  if (query.isPending) return <TableSkeleton />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const map = query.data;
  if (!map.objectives.some((o) => o.kind === 'objective'))
    return (
      <EmptyState title={t('strategy.map.emptyTitle')} message={t('strategy.map.emptyMessage')} />
    );
  const names = new Map([...map.projects, ...map.candidates].map((i) => [i.id, i]));
  const byId = new Map(map.objectives.map((o) => [o.id, o]));
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Paper withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed">
            {t('strategy.map.kpiCovered')}
          </Text>
          <Text fw={700} size="xl">
            {map.objectives.filter((o) => o.kind === 'objective').length - map.uncovered.length} /{' '}
            {map.objectives.filter((o) => o.kind === 'objective').length}
          </Text>
        </Paper>
        <Paper withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed">
            {t('strategy.map.kpiOrphans')}
          </Text>
          <Text fw={700} size="xl" c={map.orphans.length ? 'red.8' : undefined}>
            {map.orphans.length} / {map.projects.length}
          </Text>
        </Paper>
        <Paper withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed">
            {t('strategy.map.kpiCandidates')}
          </Text>
          <Text fw={700} size="xl">
            {map.candidates.filter((c) => c.objectiveCount > 0).length} / {map.candidates.length}
          </Text>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" mb="sm">
          <div>
            <Title order={2} size="h4">
              {t('strategy.map.coverageTitle')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('strategy.map.coverageHelp')}
            </Text>
          </div>
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            data={[
              { value: 'chart', label: t('strategy.map.viewChart') },
              { value: 'table', label: t('strategy.map.viewTable') },
            ]}
            aria-label={t('strategy.map.view')}
          />
        </Group>
        {view === 'chart' ? (
          <>
            <Group gap="md" mb="xs" aria-hidden>
              <Group gap={6}>
                <svg width="14" height="10">
                  <rect width="14" height="10" fill="#3b5bdb" />
                </svg>
                <Text size="xs">{t('strategy.map.legendProjects')}</Text>
              </Group>
              <Group gap={6}>
                <svg width="14" height="10">
                  <rect width="14" height="10" fill="#bac8ff" />
                </svg>
                <Text size="xs">{t('strategy.map.legendCandidates')}</Text>
              </Group>
            </Group>
            <CoverageChart map={map} />
          </>
        ) : (
          <CoverageTable map={map} names={names} />
        )}
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h5" mb="xs">
            {t('strategy.map.uncoveredTitle', { count: map.uncovered.length })}
          </Title>
          {map.uncovered.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('strategy.map.uncoveredNone')}
            </Text>
          ) : (
            <Stack gap={4}>
              {map.uncovered.map((id) => {
                const o = byId.get(id)!;
                return (
                  <Text size="sm" key={id}>
                    {o.code} {o.title}{' '}
                    {o.candidateContributors > 0 && (
                      <Badge size="xs" variant="light">
                        {t('strategy.map.candidatesFor', { count: o.candidateContributors })}
                      </Badge>
                    )}
                  </Text>
                );
              })}
            </Stack>
          )}
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h5" mb="xs">
            {t('strategy.map.orphansTitle', { count: map.orphans.length })}
          </Title>
          {map.orphans.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('strategy.map.orphansNone')}
            </Text>
          ) : (
            <Stack gap={4}>
              {map.orphans.map((id) => {
                const p = names.get(id)!;
                return (
                  <Anchor key={id} component={Link} size="sm" to={`/projects/${id}/strategy`}>
                    {p.reference} {p.name}
                  </Anchor>
                );
              })}
            </Stack>
          )}
        </Paper>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h5" mb="xs">
            {t('strategy.map.alignmentProjects')}
          </Title>
          <AlignmentTable items={map.projects} kind="project" />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h5" mb="xs">
            {t('strategy.map.alignmentCandidates')}
          </Title>
          <AlignmentTable items={map.candidates} kind="request" />
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
