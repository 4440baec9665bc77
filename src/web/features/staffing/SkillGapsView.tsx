import { Button, Group, Modal, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SkillGaps } from '../../../contracts/staffing.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatNumber } from '../../format.ts';
import { useSkillCategories } from '../resources/skills/skills-api.ts';
import { ExportButtons } from '../skills/ExportButtons.tsx';
import { type GapChoice, GapGoalForm } from '../skills/GapGoalForm.tsx';
import { usePlannablePeople } from '../skills/training-extra-api.ts';

type Quarter = SkillGaps['rows'][number]['quarters'][number];

/** The first day of the current quarter and of the next seven. */
function quarterStarts(): string[] {
  const now = new Date();
  const y = now.getUTCFullYear();
  const q = Math.floor(now.getUTCMonth() / 3);
  return Array.from({ length: 8 }, (_, k) => {
    const m = q * 3 + 3 * k;
    return `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
  });
}

/** Demand (submitted, then drafts) against free supply, as two bars scaled to `max`. */
function GapBars({ q, max, label }: { q: Quarter; max: number; label: string }) {
  const W = 150;
  const scale = (v: number) => (max > 0 ? Math.round((v / max) * W) : 0);
  const demand = scale(q.demand);
  const draft = scale(q.draft);
  return (
    <svg width={W} height={26} role="img" aria-label={label}>
      <rect x={0} y={2} width={demand} height={10} fill="var(--mantine-color-red-6)" />
      <rect x={demand} y={2} width={draft} height={10} fill="var(--mantine-color-orange-3)" />
      <rect x={0} y={14} width={scale(q.free)} height={10} fill="var(--mantine-color-teal-6)" />
    </svg>
  );
}

/** Skill gaps per quarter: what open requests still need, skill by skill, vs who is free. */
export function SkillGapsView() {
  const { t } = useTranslation();
  const starts = quarterStarts();
  const [from, setFrom] = useState(starts[0]!);
  const [count, setCount] = useState('4');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const categories = useSkillCategories();
  const gaps = useQuery({
    queryKey: ['staffing', 'gaps', from, count, categoryId],
    queryFn: ({ signal }) =>
      api.get('/staffing/skill-gaps', SkillGaps, {
        query: { from, quarters: count, categoryId },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const qLabel = (y: number, q: number) => t('staffing.gaps.quarter', { year: y, quarter: q });
  // A shortage can become a development goal: for resource managers (anyone) and line
  // managers (their reports).
  const plannable = usePlannablePeople();
  const canPlan = plannable.data ? plannable.data.all || plannable.data.items.length > 0 : false;
  const [choice, setChoice] = useState<GapChoice | null>(null);
  const onGoal = canPlan ? setChoice : undefined;
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('staffing.gaps.from')}
          w={160}
          allowDeselect={false}
          value={from}
          onChange={(v) => v && setFrom(v)}
          data={starts.map((s) => ({
            value: s,
            label: qLabel(Number(s.slice(0, 4)), Math.floor((Number(s.slice(5, 7)) - 1) / 3) + 1),
          }))}
        />
        <Select
          label={t('staffing.gaps.count')}
          w={140}
          allowDeselect={false}
          value={count}
          onChange={(v) => v && setCount(v)}
          data={['2', '4', '6', '8']}
        />
        <Select
          label={t('skills.category')}
          clearable
          w={220}
          value={categoryId}
          onChange={setCategoryId}
          data={(categories.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <Group ml="auto" gap="sm">
          <ExportButtons
            path="/staffing/skill-gaps/export"
            query={{ from, quarters: count, categoryId }}
            label={t('skills.export.gaps')}
          />
        </Group>
        <SegmentedControl
          size="xs"
          aria-label={t('staffing.bench.view')}
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          data={[
            { value: 'chart', label: t('staffing.bench.chart') },
            { value: 'table', label: t('staffing.bench.table') },
          ]}
        />
      </Group>
      {gaps.isPending ? (
        <TableSkeleton />
      ) : gaps.isError ? (
        <ErrorState error={gaps.error} onRetry={() => void gaps.refetch()} />
      ) : gaps.data.rows.length === 0 ? (
        <EmptyState
          title={t('staffing.gaps.emptyTitle')}
          message={t('staffing.gaps.emptyMessage')}
        />
      ) : view === 'chart' ? (
        <GapChart data={gaps.data} qLabel={qLabel} onGoal={onGoal} />
      ) : (
        <GapTable data={gaps.data} qLabel={qLabel} onGoal={onGoal} />
      )}
      <Modal
        opened={choice !== null}
        onClose={() => setChoice(null)}
        title={t('skills.gapGoal.title')}
      >
        {choice && <GapGoalForm choice={choice} onDone={() => setChoice(null)} />}
      </Modal>
    </Stack>
  );
}

function SkillCell({ row }: { row: SkillGaps['rows'][number] }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" fw={500}>
        {row.skill.name}
      </Text>
      <Text size="xs" c="dimmed">
        {t('skills.gapsLine', {
          level: row.minLevel,
          category: row.category.name,
          count: row.requests,
        })}
      </Text>
    </>
  );
}

function gapText(t: TFunction, q: Quarter) {
  if (q.demand + q.draft === 0) return t('staffing.gaps.noDemand');
  return q.gap > 0
    ? t('staffing.gaps.shortage', { hours: formatNumber(q.gap) })
    : t('staffing.gaps.covered', { hours: formatNumber(Math.abs(q.gap)) });
}

interface GapProps {
  data: SkillGaps;
  qLabel: (y: number, q: number) => string;
  /** Opens the development goal form for a shortage (resource managers). */
  onGoal: ((choice: GapChoice) => void) | undefined;
}

/** « Créer un objectif » on a quarter with demand (stressed when there is a shortage). */
function GoalButton({
  row,
  data,
  k,
  onGoal,
  qLabel,
}: {
  row: SkillGaps['rows'][number];
  data: SkillGaps;
  k: number;
  onGoal: GapProps['onGoal'];
  qLabel: GapProps['qLabel'];
}) {
  const { t } = useTranslation();
  const q = row.quarters[k]!;
  // Any quarter with demand: a shortage to cover, or a thin margin to build up.
  if (!onGoal || q.demand + q.draft === 0) return null;
  const quarter = data.quarters[k]!;
  return (
    <Button
      size="compact-xs"
      variant={q.gap > 0 ? 'light' : 'subtle'}
      aria-label={t('skills.gapGoal.buttonLabel', {
        skill: row.skill.name,
        quarter: qLabel(quarter.year, quarter.quarter),
      })}
      onClick={() => onGoal({ row, quarter, gapHours: q.gap })}
    >
      {t('skills.gapGoal.button')}
    </Button>
  );
}

function GapChart({ data, qLabel, onGoal }: GapProps) {
  const { t } = useTranslation();
  let max = 0;
  for (const r of data.rows) {
    for (const q of r.quarters) max = Math.max(max, q.demand + q.draft, q.free);
  }
  return (
    <Stack gap="xs">
      <Group gap="lg" role="group" aria-label={t('staffing.gaps.legend')}>
        {(
          [
            ['red.6', 'demand'],
            ['orange.3', 'draft'],
            ['teal.6', 'free'],
          ] as const
        ).map(([color, key]) => (
          <Group key={key} gap={6}>
            <svg width={12} height={12} aria-hidden>
              <rect
                width={12}
                height={12}
                fill={`var(--mantine-color-${color.replace('.', '-')})`}
              />
            </svg>
            <Text size="xs">{t(`staffing.gaps.${key}`)}</Text>
          </Group>
        ))}
      </Group>
      <Table.ScrollContainer minWidth={700}>
        <Table aria-label={t('staffing.gaps.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('skills.skill')}</Table.Th>
              {data.quarters.map((q) => (
                <Table.Th key={q.start}>{qLabel(q.year, q.quarter)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r) => (
              <Table.Tr key={`${r.skill.id}:${r.minLevel}`}>
                <Table.Td>
                  <SkillCell row={r} />
                </Table.Td>
                {r.quarters.map((q, k) => {
                  const label = t('staffing.gaps.cellLabel', {
                    skill: r.skill.name,
                    quarter: qLabel(data.quarters[k]!.year, data.quarters[k]!.quarter),
                    demand: formatNumber(q.demand + q.draft),
                    free: formatNumber(q.free),
                  });
                  return (
                    <Table.Td key={k}>
                      <GapBars q={q} max={max} label={label} />
                      <Text
                        size="xs"
                        c={q.demand + q.draft === 0 ? 'dimmed' : q.gap > 0 ? 'red.8' : 'teal.9'}
                        fw={q.gap > 0 ? 600 : 400}
                      >
                        {gapText(t, q)}
                      </Text>
                      <GoalButton row={r} data={data} k={k} onGoal={onGoal} qLabel={qLabel} />
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function GapTable({ data, qLabel, onGoal }: GapProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label={t('staffing.gaps.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('skills.skill')}</Table.Th>
            <Table.Th>{t('staffing.gaps.quarterCol')}</Table.Th>
            <Table.Th ta="right">{t('staffing.gaps.demand')}</Table.Th>
            <Table.Th ta="right">{t('staffing.gaps.draft')}</Table.Th>
            <Table.Th ta="right">{t('staffing.gaps.holders')}</Table.Th>
            <Table.Th ta="right">{t('staffing.gaps.capacity')}</Table.Th>
            <Table.Th ta="right">{t('staffing.gaps.free')}</Table.Th>
            <Table.Th ta="right">{t('staffing.gaps.gap')}</Table.Th>
            {onGoal && <Table.Th>{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.rows.flatMap((r) =>
            r.quarters.map((q, k) => (
              <Table.Tr key={`${r.skill.id}:${r.minLevel}:${k}`}>
                <Table.Td>{k === 0 && <SkillCell row={r} />}</Table.Td>
                <Table.Td>{qLabel(data.quarters[k]!.year, data.quarters[k]!.quarter)}</Table.Td>
                <Table.Td ta="right">{formatNumber(q.demand)}</Table.Td>
                <Table.Td ta="right">{formatNumber(q.draft)}</Table.Td>
                <Table.Td ta="right">{q.holders}</Table.Td>
                <Table.Td ta="right">{formatNumber(q.capacity)}</Table.Td>
                <Table.Td ta="right">{formatNumber(q.free)}</Table.Td>
                <Table.Td ta="right" c={q.gap > 0 ? 'red.8' : undefined} fw={q.gap > 0 ? 600 : 400}>
                  {formatNumber(q.gap)}
                </Table.Td>
                {onGoal && (
                  <Table.Td>
                    <GoalButton row={r} data={data} k={k} onGoal={onGoal} qLabel={qLabel} />
                  </Table.Td>
                )}
              </Table.Tr>
            )),
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
