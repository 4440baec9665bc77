import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProjectList } from '../../../contracts/portfolio.ts';
import { api } from '../../api/client.ts';
import { useTree } from './portfolio-api.ts';

export function PortfolioSelect(props: Omit<SelectProps, 'data'>) {
  const { t } = useTranslation();
  const tree = useTree();
  const data = (tree.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  return <Select searchable data={data} nothingFoundMessage={t('common.noResults')} {...props} />;
}

/** The programs of one portfolio (none to pick before a portfolio is chosen). */
export function ProgramSelect({
  portfolioId,
  ...props
}: Omit<SelectProps, 'data'> & { portfolioId: string | null }) {
  const { t } = useTranslation();
  const tree = useTree();
  const portfolio = tree.data?.items.find((p) => p.id === portfolioId);
  const data = (portfolio?.programs ?? []).map((p) => ({ value: p.id, label: p.name }));
  return (
    <Select
      searchable
      clearable
      data={data}
      disabled={!portfolioId || props.disabled}
      nothingFoundMessage={t('portfolio.noProgramInPortfolio')}
      {...props}
    />
  );
}

/** Picks a project of a portfolio by searching its code or name (e.g. a parent). */
export function ProjectSelect({
  portfolioId,
  excludeId,
  initialLabel,
  value,
  ...props
}: Omit<SelectProps, 'data' | 'searchValue' | 'onSearchChange' | 'filter'> & {
  portfolioId: string | null;
  excludeId?: string;
  initialLabel?: string | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const projects = useQuery({
    queryKey: ['projects', 'picker', portfolioId, debounced],
    queryFn: ({ signal }) =>
      api.get('/projects', ProjectList, {
        query: { portfolioId, q: debounced, limit: 20, sort: 'code' },
        signal,
      }),
    enabled: portfolioId !== null,
  });
  const data = useMemo(() => {
    const options = new Map<string, string>();
    if (value && initialLabel) options.set(value, initialLabel);
    for (const p of projects.data?.items ?? []) {
      if (p.id !== excludeId) options.set(p.id, `${p.code} — ${p.name}`);
    }
    return [...options].map(([v, label]) => ({ value: v, label }));
  }, [projects.data, value, initialLabel, excludeId]);
  return (
    <Select
      searchable
      clearable
      value={value ?? null}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      disabled={!portfolioId || props.disabled}
      nothingFoundMessage={projects.isFetching ? t('common.loading') : t('common.noResults')}
      {...props}
    />
  );
}
