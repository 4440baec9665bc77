import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ref } from '../../../contracts/common.ts';
import { useRaidTasks } from './raid-api.ts';

type TaskSelectProps = Omit<SelectProps, 'data' | 'searchValue' | 'onSearchChange' | 'filter'> & {
  projectId: string;
  /** The task the record already names (`{ id, name: "1.2 Recette" }`): shown without a fetch. */
  initial?: Ref | null;
  /** Leaf tasks only (a risk delays leaves; summaries take no delay). */
  leaves?: boolean;
  /** Tasks not to offer (already chosen elsewhere). */
  exclude?: readonly string[];
};

/**
 * Picks a WBS task of a project by typing part of its WBS code or name: the search runs on the
 * server (the plan may hold thousands of tasks), in WBS order.
 */
export function TaskSelect({
  projectId,
  initial,
  leaves = false,
  exclude = [],
  value,
  ...props
}: TaskSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const labels = useRef(new Map<string, string>());
  if (initial) labels.current.set(initial.id, initial.name);
  // Once a task is picked the input shows its label: that is not a new search.
  const typed = value && labels.current.get(value) === search ? '' : search;
  const [debounced] = useDebouncedValue(typed, 250);
  const tasks = useRaidTasks(projectId, debounced, leaves);
  const data = useMemo(() => {
    const options = new Map<string, string>();
    for (const task of tasks.data?.items ?? []) {
      const label = `${task.wbs} ${task.name}`;
      labels.current.set(task.id, label);
      if (!exclude.includes(task.id) || task.id === value) options.set(task.id, label);
    }
    if (value && labels.current.has(value)) options.set(value, labels.current.get(value)!);
    return [...options].map(([v, label]) => ({ value: v, label }));
  }, [tasks.data, value, exclude]);
  return (
    <Select
      searchable
      clearable
      value={value ?? null}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={tasks.isFetching ? t('common.loading') : t('raid.tasks.none')}
      placeholder={t('raid.tasks.search')}
      {...props}
    />
  );
}
