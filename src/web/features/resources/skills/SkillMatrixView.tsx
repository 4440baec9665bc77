import { Drawer, Group, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SkillMatrix } from '../../../../contracts/skills.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../../components/states.tsx';
import { formatDate } from '../../../format.ts';
import { useOrgUnits } from '../../org/org-api.ts';
import { useTeams } from '../resources-api.ts';
import { PersonSkillsPanel } from './PersonSkillsPanel.tsx';
import {
  type MatrixFilters,
  levelLabel,
  useSkillCategories,
  useSkillLevels,
  useSkillMatrix,
  useSkills,
} from './skills-api.ts';
import './skills.css';

/** The skills matrix: people × skills, filtered; a cell opens the person's skills. */
export function SkillMatrixView() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<MatrixFilters>({
    teamId: null,
    orgUnitId: null,
    categoryId: null,
    skillId: null,
    minLevel: null,
    q: '',
  });
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const matrix = useSkillMatrix({ ...filters, q });
  const teams = useTeams();
  const units = useOrgUnits();
  const categories = useSkillCategories();
  const skills = useSkills();
  const levels = useSkillLevels();
  const [open, setOpen] = useState<{ personId: string; name: string; skillId?: string } | null>(
    null,
  );
  const set = (patch: Partial<MatrixFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const skillChoices = (skills.data?.items ?? []).filter(
    (s) => !filters.categoryId || s.category.id === filters.categoryId,
  );
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('skills.matrix.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={200}
        />
        <Select
          label={t('skills.matrix.team')}
          clearable
          w={220}
          value={filters.teamId}
          onChange={(v) => set({ teamId: v })}
          data={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <Select
          label={t('skills.matrix.orgUnit')}
          clearable
          searchable
          w={220}
          value={filters.orgUnitId}
          onChange={(v) => set({ orgUnitId: v })}
          data={(units.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <Select
          label={t('skills.category')}
          clearable
          w={200}
          value={filters.categoryId}
          onChange={(v) => set({ categoryId: v, skillId: null })}
          data={(categories.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <Select
          label={t('skills.skill')}
          clearable
          searchable
          w={200}
          value={filters.skillId}
          onChange={(v) => set({ skillId: v })}
          data={skillChoices.map((x) => ({ value: x.id, label: x.name }))}
        />
        <Select
          label={t('skills.matrix.minLevel')}
          clearable
          w={180}
          value={filters.minLevel ? String(filters.minLevel) : null}
          onChange={(v) => set({ minLevel: v ? Number(v) : null })}
          data={[1, 2, 3, 4, 5].map((n) => ({
            value: String(n),
            label: `≥ ${n} — ${levelLabel(t, levels.data?.items, n)}`,
          }))}
        />
      </Group>
      <Legend />
      {matrix.isPending ? (
        <TableSkeleton />
      ) : matrix.isError ? (
        <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />
      ) : matrix.data.skills.length === 0 ? (
        <EmptyState
          title={t('skills.catalogue.emptyTitle')}
          message={t('skills.catalogue.emptyMessage')}
        />
      ) : matrix.data.people.length === 0 ? (
        <EmptyState
          title={t('skills.matrix.emptyTitle')}
          message={t('skills.matrix.emptyMessage')}
        />
      ) : (
        <MatrixTable
          matrix={matrix.data}
          onOpen={(personId, name, skillId) => setOpen({ personId, name, skillId })}
        />
      )}
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="xl"
        title={open ? t('skills.person.title', { name: open.name }) : ''}
      >
        {open && <PersonSkillsPanel personId={open.personId} focusSkillId={open.skillId} />}
      </Drawer>
    </Stack>
  );
}

function Legend() {
  const { t } = useTranslation();
  const levels = useSkillLevels();
  return (
    <Group gap="md" aria-label={t('skills.matrix.legend')} role="group">
      {[1, 2, 3, 4, 5].map((n) => {
        const description = levels.data?.items.find((l) => l.level === n)?.description;
        return (
          <Tooltip key={n} label={description || levelLabel(t, levels.data?.items, n)}>
            <Group gap={4}>
              <span className={`skills-legend-swatch skills-level-${n}`} aria-hidden />
              <Text size="xs">
                {n} — {levelLabel(t, levels.data?.items, n)}
              </Text>
            </Group>
          </Tooltip>
        );
      })}
      <Group gap={4}>
        <span className="skills-legend-swatch skills-expired" aria-hidden />
        <Text size="xs">{t('skills.matrix.expiredLegend')}</Text>
      </Group>
    </Group>
  );
}

function MatrixTable({
  matrix,
  onOpen,
}: {
  matrix: SkillMatrix;
  onOpen: (personId: string, name: string, skillId?: string) => void;
}) {
  const { t } = useTranslation();
  const levels = useSkillLevels();
  const index = new Map(matrix.skills.map((s, i) => [s.id, i]));
  return (
    <div className="skills-scroll">
      <Table className="skills-matrix" withTableBorder withColumnBorders stickyHeader>
        <Table.Caption>
          {t('skills.matrix.caption', {
            people: matrix.people.length,
            skills: matrix.skills.length,
            date: formatDate(matrix.on),
          })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" className="skills-person">
              {t('skills.matrix.person')}
            </Table.Th>
            {matrix.skills.map((s) => (
              <Table.Th
                key={s.id}
                scope="col"
                className="skills-skill-head"
                title={s.category.name}
              >
                {s.name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matrix.people.map((p) => {
            const cells = new Array<SkillMatrix['people'][number]['cells'][number] | undefined>(
              matrix.skills.length,
            );
            for (const c of p.cells) cells[index.get(c.skillId)!] = c;
            return (
              <Table.Tr key={p.id}>
                <Table.Th scope="row" className="skills-person">
                  <button
                    type="button"
                    className="skills-cell-button"
                    style={{ textAlign: 'left', fontWeight: 500 }}
                    onClick={() => onOpen(p.id, p.name)}
                  >
                    {p.name}
                  </button>
                  <Text size="xs" c="dimmed" lineClamp={1} px={4}>
                    {p.team?.name ?? p.orgUnit?.name ?? p.jobTitle ?? ''}
                  </Text>
                </Table.Th>
                {matrix.skills.map((s, i) => {
                  const c = cells[i];
                  if (!c) {
                    return (
                      <Table.Td key={s.id} className="skills-cell">
                        <button
                          type="button"
                          className="skills-cell-button"
                          onClick={() => onOpen(p.id, p.name, s.id)}
                          aria-label={t('skills.matrix.noneLabel', {
                            person: p.name,
                            skill: s.name,
                          })}
                        >
                          <span aria-hidden>·</span>
                        </button>
                      </Table.Td>
                    );
                  }
                  const label = levelLabel(t, levels.data?.items, c.level);
                  return (
                    <Table.Td
                      key={s.id}
                      className={`skills-cell skills-level-${c.level}${c.expired ? ' skills-expired' : ''}`}
                    >
                      <button
                        type="button"
                        className="skills-cell-button"
                        onClick={() => onOpen(p.id, p.name, s.id)}
                        title={`${label} — ${t(`skills.source.${c.source}`)}${
                          c.expiresOn ? ` (${formatDate(c.expiresOn)})` : ''
                        }`}
                        aria-label={t(
                          c.expired ? 'skills.matrix.cellExpiredLabel' : 'skills.matrix.cellLabel',
                          {
                            level: c.level,
                            person: p.name,
                            skill: s.name,
                            label,
                            source: t(`skills.source.${c.source}`),
                            date: formatDate(c.expiresOn),
                          },
                        )}
                      >
                        {c.level}
                        {c.expired && (
                          <span className="skills-expired-mark" aria-hidden>
                            !
                          </span>
                        )}
                      </button>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row" className="skills-person">
              <Text size="xs">{t('skills.matrix.confirmed')}</Text>
            </Table.Th>
            {matrix.counts.map((c, i) => (
              <Table.Td key={matrix.skills[i]!.id} ta="center">
                <Text size="xs">{c[2]! + c[3]! + c[4]!}</Text>
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </div>
  );
}
