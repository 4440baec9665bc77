import { Button, Group, MultiSelect, Switch, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROJECT_STATUSES, type ProjectStatus } from '../../../contracts/portfolio.ts';
import { OrgUnitSelect, PersonSelect } from '../org/pickers.tsx';
import { PortfolioSelect, ProgramSelect } from './pickers.tsx';
import { hasActiveFilters, DEFAULT_FILTERS, type ProjectFilters } from './project-filters.ts';

/** The filters above a project list; each change goes straight to the URL. */
export function ProjectFilterBar({
  filters,
  onChange,
  withHierarchy = true,
}: {
  filters: ProjectFilters;
  onChange: (change: Partial<ProjectFilters>) => void;
  withHierarchy?: boolean;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  const commitQ = useDebouncedCallback((value: string) => onChange({ q: value }), 300);

  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
      <TextInput
        label={t('filters.text')}
        placeholder={t('filters.textPlaceholder')}
        leftSection={<IconSearch size={14} aria-hidden />}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          commitQ(e.currentTarget.value);
        }}
        w={220}
      />
      {withHierarchy && (
        <>
          <PortfolioSelect
            label={t('project.fields.portfolio')}
            placeholder={t('filters.all')}
            clearable
            value={filters.portfolioId}
            onChange={(portfolioId) => onChange({ portfolioId, programId: null })}
            w={200}
          />
          <ProgramSelect
            label={t('project.fields.program')}
            placeholder={t('filters.all')}
            portfolioId={filters.portfolioId}
            value={filters.programId}
            onChange={(programId) => onChange({ programId })}
            w={200}
          />
        </>
      )}
      <MultiSelect
        label={t('project.fields.status')}
        placeholder={filters.status.length ? undefined : t('filters.all')}
        data={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`project.status.${s}`) }))}
        value={filters.status}
        onChange={(status) => onChange({ status: status as ProjectStatus[] })}
        clearable
        w={230}
      />
      <PersonSelect
        label={t('project.fields.manager')}
        value={filters.managerId}
        onChange={(managerId) => onChange({ managerId })}
        w={200}
      />
      <OrgUnitSelect
        label={t('project.fields.orgUnit')}
        placeholder={t('filters.all')}
        value={filters.orgUnitId}
        onChange={(orgUnitId) => onChange({ orgUnitId })}
        w={200}
      />
      <Switch
        label={t('filters.includeArchived')}
        checked={filters.includeArchived}
        onChange={(e) => onChange({ includeArchived: e.currentTarget.checked })}
        mb={8}
      />
      {hasActiveFilters(filters) && (
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={() => {
            setQ('');
            onChange({ ...DEFAULT_FILTERS, sort: filters.sort, order: filters.order });
          }}
        >
          {t('filters.reset')}
        </Button>
      )}
    </Group>
  );
}
