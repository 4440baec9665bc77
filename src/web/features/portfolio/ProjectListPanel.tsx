import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { useProjectList } from './portfolio-api.ts';
import { ProjectFilterBar } from './ProjectFilterBar.tsx';
import { hasActiveFilters, type ProjectFilters } from './project-filters.ts';
import { ProjectTable } from './ProjectTable.tsx';

/** Filters, the list, and its loading, error and empty states. */
export function ProjectListPanel({
  filters,
  onChange,
  withHierarchy,
  withFilters = true,
  createAction,
}: {
  filters: ProjectFilters;
  onChange: (change: Partial<ProjectFilters>) => void;
  withHierarchy: boolean;
  /** False when the page shows the filter bar itself (above a side panel). */
  withFilters?: boolean;
  createAction?: ReactNode;
}) {
  const { t } = useTranslation();
  const list = useProjectList(filters);
  const empty = list.data?.pages.every((p) => p.items.length === 0) ?? false;
  return (
    <section aria-label={t('project.listLabel')}>
      {withFilters && (
        <ProjectFilterBar filters={filters} onChange={onChange} withHierarchy={withHierarchy} />
      )}
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : empty ? (
        <EmptyState
          title={t('project.emptyTitle')}
          message={
            hasActiveFilters(filters)
              ? t('project.emptyFiltered')
              : createAction
                ? t('project.emptyCreate')
                : t('project.emptyNoAccess')
          }
          action={createAction}
        />
      ) : (
        <ProjectTable
          data={list.data}
          sort={filters.sort}
          order={filters.order}
          onSort={(sort, order) => onChange({ sort, order })}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          fetchNextPage={() => void list.fetchNextPage()}
          hierarchyContext={withHierarchy ? 'portfolio' : filters.programId ? 'none' : 'program'}
        />
      )}
    </section>
  );
}
