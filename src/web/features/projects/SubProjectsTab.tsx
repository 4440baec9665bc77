import { Button, Group } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../contracts/portfolio.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { useProjectList } from '../portfolio/portfolio-api.ts';
import { DEFAULT_FILTERS } from '../portfolio/project-filters.ts';
import { ProjectTable } from '../portfolio/ProjectTable.tsx';
import { ProjectCreateModal } from './ProjectModals.tsx';

const FILTERS = { ...DEFAULT_FILTERS, includeArchived: true };

export function SubProjectsTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const list = useProjectList(FILTERS, { parentId: project.id });
  const canCreate = project.can.createSubProject && !project.archived;
  const createButton = canCreate ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      {t('project.newSub')}
    </Button>
  ) : undefined;
  const empty = list.data?.pages.every((p) => p.items.length === 0) ?? false;
  return (
    <>
      {createButton && !empty && (
        <Group justify="flex-end" mb="sm">
          {createButton}
        </Group>
      )}
      {list.isPending ? (
        <TableSkeleton rows={3} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : empty ? (
        <EmptyState
          title={t('project.subEmptyTitle')}
          message={canCreate ? t('project.subEmptyCreate') : t('project.subEmptyReadOnly')}
          action={createButton}
        />
      ) : (
        <ProjectTable
          data={list.data}
          sort="code"
          order="asc"
          hierarchyContext="none"
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          fetchNextPage={() => void list.fetchNextPage()}
        />
      )}
      {creating && (
        <ProjectCreateModal opened parent={project} onClose={() => setCreating(false)} />
      )}
    </>
  );
}
