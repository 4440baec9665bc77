import { Box, Button, Group, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader, type Crumb } from '../../components/PageHeader.tsx';
import { useCan } from '../auth/auth-api.ts';
import { ProjectCreateModal } from '../projects/ProjectModals.tsx';
import { PortfolioModal, ProgramModal } from './PortfolioModals.tsx';
import { PortfolioTree } from './PortfolioTree.tsx';
import { usePortfolio, useProgram, useTree } from './portfolio-api.ts';
import { ProjectFilterBar } from './ProjectFilterBar.tsx';
import { ProjectListPanel } from './ProjectListPanel.tsx';
import { useProjectFilters } from './project-filters.ts';

type Dialog = 'portfolio' | 'program' | 'project' | 'editPortfolio' | 'editProgram' | null;

/** The portfolio tree on the left, the filtered project list on the right. */
export function PortfoliosPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useProjectFilters();
  const [dialog, setDialog] = useState<Dialog>(null);
  const tree = useTree();
  const portfolio = tree.data?.items.find((p) => p.id === filters.portfolioId);
  const program = portfolio?.programs.find((g) => g.id === filters.programId);
  const portfolioRecord = usePortfolio(
    dialog === 'editPortfolio' ? (filters.portfolioId ?? null) : null,
  );
  const programRecord = useProgram(dialog === 'editProgram' ? (filters.programId ?? null) : null);

  const crumbs: Crumb[] = [{ label: t('nav.portfolios'), to: '/portfolios' }];
  if (portfolio)
    crumbs.push({ label: portfolio.name, to: `/portfolios?portfolio=${portfolio.id}` });
  if (program) crumbs.push({ label: program.name });

  const canManage = can('portfolio.manage');
  const canCreateProject = can('project.create');
  const close = () => setDialog(null);

  return (
    <>
      <PageHeader
        title={program?.name ?? portfolio?.name ?? t('nav.portfolios')}
        breadcrumbs={crumbs}
        after={
          (program ?? portfolio) && (
            <Text c="dimmed" ff="monospace" size="sm">
              {(program ?? portfolio)!.code}
            </Text>
          )
        }
        actions={
          <>
            {canManage && (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button
                    variant="default"
                    rightSection={<IconChevronDown size={14} aria-hidden />}
                  >
                    {t('portfolio.manage')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={() => setDialog('portfolio')}
                  >
                    {t('portfolio.new')}
                  </Menu.Item>
                  <Menu.Item
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={() => setDialog('program')}
                  >
                    {t('program.new')}
                  </Menu.Item>
                  {portfolio && !program && (
                    <Menu.Item
                      leftSection={<IconPencil size={14} aria-hidden />}
                      onClick={() => setDialog('editPortfolio')}
                    >
                      {t('portfolio.edit')}
                    </Menu.Item>
                  )}
                  {program && (
                    <Menu.Item
                      leftSection={<IconPencil size={14} aria-hidden />}
                      onClick={() => setDialog('editProgram')}
                    >
                      {t('program.edit')}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            )}
            {canCreateProject && (
              <Button
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setDialog('project')}
              >
                {t('project.new')}
              </Button>
            )}
          </>
        }
      />
      <ProjectFilterBar filters={filters} onChange={setFilters} withHierarchy={false} />
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <Box w={250} style={{ flexShrink: 0 }}>
          <PortfolioTree
            portfolioId={filters.portfolioId}
            programId={filters.programId}
            onSelect={(portfolioId, programId) => setFilters({ portfolioId, programId })}
          />
        </Box>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <ProjectListPanel
            filters={filters}
            onChange={setFilters}
            withHierarchy={false}
            withFilters={false}
            createAction={
              canCreateProject ? (
                <Button onClick={() => setDialog('project')}>{t('project.new')}</Button>
              ) : undefined
            }
          />
        </Box>
      </Group>
      {dialog === 'portfolio' && <PortfolioModal onClose={close} />}
      {dialog === 'program' && <ProgramModal portfolioId={filters.portfolioId} onClose={close} />}
      {dialog === 'editPortfolio' && portfolioRecord.data && (
        <PortfolioModal portfolio={portfolioRecord.data} onClose={close} />
      )}
      {dialog === 'editProgram' && programRecord.data && (
        <ProgramModal program={programRecord.data} onClose={close} />
      )}
      <ProjectCreateModal
        opened={dialog === 'project'}
        onClose={close}
        initial={{ portfolioId: filters.portfolioId, programId: filters.programId }}
        key={`${filters.portfolioId}-${filters.programId}`}
      />
    </>
  );
}
