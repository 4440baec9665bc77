import { Group, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bench } from '../../../contracts/staffing.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { useOrgUnits } from '../org/org-api.ts';
import { useTeams } from '../resources/resources-api.ts';
import { levelLabel, useSkillLevels, useSkills } from '../resources/skills/skills-api.ts';
import { ExportButtons } from '../skills/ExportButtons.tsx';
import { type BenchFilters, useBench } from './staffing-api.ts';

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Next Monday, and the Friday twelve weeks later: the default period of the bench. */
function defaultPeriod(): { from: string; to: string } {
  const now = new Date();
  const day = now.getUTCDay() || 7;
  const monday = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 8 - day),
  );
  const friday = new Date(monday.getTime() + (11 * 7 + 4) * 86_400_000);
  return { from: iso(monday), to: iso(friday) };
}

/** Free hours per week as small bars (35 h = full height). */
function WeekBars({ weeks, label }: { weeks: number[]; label: string }) {
  const w = 8;
  const h = 28;
  return (
    <svg width={weeks.length * (w + 2)} height={h} role="img" aria-label={label}>
      {weeks.map((v, i) => {
        const bh = Math.max(1, Math.round((Math.min(v, 35) / 35) * h));
        return (
          <rect
            key={i}
            x={i * (w + 2)}
            y={h - bh}
            width={w}
            height={bh}
            rx={1}
            fill={v >= 17.5 ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-yellow-6)'}
          >
            <title>{formatNumber(v)} h</title>
          </rect>
        );
      })}
    </svg>
  );
}

/** The bench: who is free (under-allocated) over a period, by skill, org unit or team. */
export function BenchView() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<BenchFilters>(() => ({
    ...defaultPeriod(),
    skillId: null,
    minLevel: 1,
    orgUnitId: null,
    teamId: null,
    maxUtilisation: 50,
  }));
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const valid = Boolean(filters.from && filters.to && filters.from <= filters.to);
  const bench = useBench(filters, valid);
  const skills = useSkills();
  const levels = useSkillLevels();
  const units = useOrgUnits();
  const teams = useTeams();
  const set = (patch: Partial<BenchFilters>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <DateField
          label={t('staffing.bench.from')}
          value={filters.from}
          onChange={(v) => set({ from: v ? String(v).slice(0, 10) : '' })}
          clearable={false}
          w={150}
        />
        <DateField
          label={t('staffing.bench.to')}
          value={filters.to}
          onChange={(v) => set({ to: v ? String(v).slice(0, 10) : '' })}
          clearable={false}
          w={150}
        />
        <Select
          label={t('skills.skill')}
          clearable
          searchable
          w={220}
          value={filters.skillId}
          onChange={(v) => set({ skillId: v })}
          data={(skills.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <Select
          label={t('skills.matrix.minLevel')}
          w={180}
          disabled={!filters.skillId}
          allowDeselect={false}
          value={String(filters.minLevel)}
          onChange={(v) => v && set({ minLevel: Number(v) })}
          data={[1, 2, 3, 4, 5].map((n) => ({
            value: String(n),
            label: `≥ ${n} — ${levelLabel(t, levels.data?.items, n)}`,
          }))}
        />
        <Select
          label={t('skills.matrix.orgUnit')}
          clearable
          searchable
          w={200}
          value={filters.orgUnitId}
          onChange={(v) => set({ orgUnitId: v })}
          data={(units.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <Select
          label={t('skills.matrix.team')}
          clearable
          w={180}
          value={filters.teamId}
          onChange={(v) => set({ teamId: v })}
          data={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <Select
          label={t('staffing.bench.maxUtilisation')}
          w={170}
          allowDeselect={false}
          value={String(filters.maxUtilisation)}
          onChange={(v) => v && set({ maxUtilisation: Number(v) })}
          data={[0, 25, 50, 80, 100].map((n) => ({
            value: String(n),
            label: t('staffing.bench.atMost', { value: n }),
          }))}
        />
        <Group ml="auto">
          <ExportButtons
            path="/staffing/bench/export"
            query={{
              from: filters.from,
              to: filters.to,
              skillId: filters.skillId,
              minLevel: filters.skillId ? filters.minLevel : null,
              orgUnitId: filters.orgUnitId,
              teamId: filters.teamId,
              maxUtilisation: filters.maxUtilisation,
            }}
            label={t('skills.export.bench')}
            disabled={!valid}
          />
        </Group>
      </Group>
      {!valid ? (
        <Text c="red.8" size="sm">
          {t('staffing.bench.badPeriod')}
        </Text>
      ) : bench.isPending ? (
        <TableSkeleton />
      ) : bench.isError ? (
        <ErrorState error={bench.error} onRetry={() => void bench.refetch()} />
      ) : bench.data.items.length === 0 ? (
        <EmptyState
          title={t('staffing.bench.emptyTitle')}
          message={t('staffing.bench.emptyMessage')}
        />
      ) : (
        <BenchTable bench={bench.data} view={view} onView={setView} />
      )}
    </Stack>
  );
}

function BenchTable({
  bench,
  view,
  onView,
}: {
  bench: Bench;
  view: 'chart' | 'table';
  onView: (v: 'chart' | 'table') => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm">
          {t('staffing.bench.summary', {
            count: bench.total,
            hours: formatNumber(bench.freeHours),
            from: formatDate(bench.from),
            to: formatDate(bench.to),
          })}
        </Text>
        <SegmentedControl
          size="xs"
          aria-label={t('staffing.bench.view')}
          value={view}
          onChange={(v) => onView(v as 'chart' | 'table')}
          data={[
            { value: 'chart', label: t('staffing.bench.chart') },
            { value: 'table', label: t('staffing.bench.table') },
          ]}
        />
      </Group>
      <Table.ScrollContainer minWidth={800}>
        <Table striped aria-label={t('staffing.bench.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('staffing.ranking.person')}</Table.Th>
              <Table.Th>{t('staffing.bench.roleTeam')}</Table.Th>
              {bench.items.some((p) => p.skillLevel !== null) && (
                <Table.Th ta="right">{t('staffing.bench.level')}</Table.Th>
              )}
              <Table.Th ta="right">{t('staffing.bench.capacity')}</Table.Th>
              <Table.Th ta="right">{t('staffing.bench.load')}</Table.Th>
              <Table.Th ta="right">{t('staffing.ranking.free')}</Table.Th>
              <Table.Th ta="right">{t('staffing.bench.utilisation')}</Table.Th>
              {view === 'chart' ? (
                <Table.Th>{t('staffing.bench.weeks')}</Table.Th>
              ) : (
                bench.weekStarts.map((w) => (
                  <Table.Th key={w} ta="right">
                    {formatDate(w).slice(0, 5)}
                  </Table.Th>
                ))
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bench.items.map((p) => (
              <Table.Tr key={p.person.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {p.person.name}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {[p.jobTitle, p.orgUnit?.name].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{[p.role?.name, p.team?.name].filter(Boolean).join(' · ')}</Text>
                </Table.Td>
                {p.skillLevel !== null && <Table.Td ta="right">{p.skillLevel}</Table.Td>}
                <Table.Td ta="right">{formatNumber(p.capacityHours)}</Table.Td>
                <Table.Td ta="right">{formatNumber(p.loadHours)}</Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600}>
                    {formatNumber(p.freeHours)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{p.utilisation} %</Table.Td>
                {view === 'chart' ? (
                  <Table.Td>
                    <WeekBars
                      weeks={p.weeks}
                      label={t('staffing.bench.weeksLabel', {
                        name: p.person.name,
                        hours: formatNumber(p.freeHours),
                      })}
                    />
                  </Table.Td>
                ) : (
                  p.weeks.map((v, i) => (
                    <Table.Td key={i} ta="right">
                      {formatNumber(v)}
                    </Table.Td>
                  ))
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
