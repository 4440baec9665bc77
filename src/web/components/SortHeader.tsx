import { Table } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A column header that sorts the table; `aria-sort` tells assistive tech the current order. */
export function SortHeader<S extends string>({
  column,
  sort,
  order,
  onSort,
  children,
}: {
  column: S;
  sort: S;
  order: 'asc' | 'desc';
  onSort: (sort: S, order: 'asc' | 'desc') => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const active = column === sort;
  const Icon = !active ? IconArrowsSort : order === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort(column, active && order === 'asc' ? 'desc' : 'asc')}
        title={t('common.sortBy')}
      >
        {children}
        <Icon size={14} aria-hidden style={{ opacity: active ? 1 : 0.4 }} />
      </button>
    </Table.Th>
  );
}
