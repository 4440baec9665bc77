import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ref } from '../../../contracts/common.ts';
import { useOrgUnits, usePeople, usePerson } from './org-api.ts';

type PickerProps = Omit<SelectProps, 'data' | 'searchValue' | 'onSearchChange' | 'filter'> & {
  /** The current person as the record already names it, so its label shows without a fetch. */
  initial?: Ref | null;
};

/** Picks a person by searching the directory on the server. */
export function PersonSelect({ initial, value, ...props }: PickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const people = usePeople({ q: debounced, orgUnitId: null }, 20);
  const labels = useRef(new Map<string, string>());
  if (initial) labels.current.set(initial.id, initial.name);
  const unknown = value && !labels.current.has(value) ? value : null;
  const selected = usePerson(unknown);
  if (selected.data) labels.current.set(selected.data.id, selected.data.name);

  const data = useMemo(() => {
    const options = new Map<string, string>();
    if (value && labels.current.has(value)) options.set(value, labels.current.get(value)!);
    for (const page of people.data?.pages ?? []) {
      for (const p of page.items) {
        labels.current.set(p.id, p.name);
        options.set(p.id, p.jobTitle ? `${p.name} — ${p.jobTitle}` : p.name);
      }
    }
    if (value && labels.current.has(value)) options.set(value, labels.current.get(value)!);
    return [...options].map(([v, label]) => ({ value: v, label }));
  }, [people.data, value, selected.data]);

  return (
    <Select
      searchable
      clearable
      value={value ?? null}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={people.isFetching ? t('common.loading') : t('common.noResults')}
      placeholder={t('common.searchPerson')}
      {...props}
    />
  );
}

/** Picks an organisation unit (the list is short: loaded once). */
export function OrgUnitSelect(props: Omit<SelectProps, 'data'>) {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const data = (units.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.name} (${u.code})`,
  }));
  return (
    <Select
      searchable
      clearable
      data={data}
      nothingFoundMessage={t('common.noResults')}
      {...props}
    />
  );
}
