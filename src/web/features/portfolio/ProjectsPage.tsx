import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCan } from '../auth/auth-api.ts';
import { ProjectCreateModal } from '../projects/ProjectModals.tsx';
import { ProjectListPanel } from './ProjectListPanel.tsx';
import { useProjectFilters } from './project-filters.ts';

/** Every project the user may see, with all the filters. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useProjectFilters();
  const [creating, setCreating] = useState(false);
  const canCreate = can('project.create');
  const createButton = canCreate ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      {t('project.new')}
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title={t('nav.projects')}
        breadcrumbs={[{ label: t('nav.projects') }]}
        actions={createButton}
      />
      <ProjectListPanel
        filters={filters}
        onChange={setFilters}
        withHierarchy
        createAction={createButton}
      />
      <ProjectCreateModal
        opened={creating}
        onClose={() => setCreating(false)}
        initial={{ portfolioId: filters.portfolioId, programId: filters.programId }}
        key={`${filters.portfolioId}-${filters.programId}`}
      />
    </>
  );
}
