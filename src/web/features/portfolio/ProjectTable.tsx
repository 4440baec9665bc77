import { Anchor, Button, Center, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconSubtask } from '@tabler/icons-react';
import type { InfiniteData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { ProjectList } from '../../../contracts/portfolio.ts';
import { SortHeader } from '../../components/SortHeader.tsx';
import { formatDate } from '../../format.ts';
import { PriorityBadge, StatusBadge } from './badges.tsx';
import type { ProjectSort } from './project-filters.ts';

type Pages = InfiniteData<z.output<typeof ProjectList>>;

/** The rows of a project list, sortable by column, with "load more" below. */
export function ProjectTable({
  data,
  sort,
  order,
  onSort,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  hierarchyContext = 'portfolio',
}: {
  data: Pages;
  sort: ProjectSort;
  order: 'asc' | 'desc';
  onSort?: (sort: ProjectSort, order: 'asc' | 'desc') => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  /** What the line under each name shows: portfolio and program, the program only, or nothing. */
  hierarchyContext?: 'portfolio' | 'program' | 'none';
}) {
  const { t } = useTranslation();
  const rows = data.pages.flatMap((p) => p.items);
  // Where each project sits, as a dimmed line under its name (no column to spare on a laptop).
  const context = (p: (typeof rows)[number]) =>
    hierarchyContext === 'portfolio'
      ? [p.portfolio.name, p.program?.name].filter(Boolean).join(' › ')
      : hierarchyContext === 'program'
        ? (p.program?.name ?? '')
        : '';
  const header = (column: ProjectSort, label: string) =>
    onSort ? (
      <SortHeader column={column} sort={sort} order={order} onSort={onSort}>
        {label}
      </SortHeader>
    ) : (
      <Table.Th>{label}</Table.Th>
    );
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover verticalSpacing="xs" horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              {header('code', t('project.fields.code'))}
              {header('name', t('project.fields.name'))}
              <Table.Th>{t('project.fields.status')}</Table.Th>
              <Table.Th>{t('project.fields.priority')}</Table.Th>
              <Table.Th>{t('project.fields.manager')}</Table.Th>
              {header('plannedStart', t('project.fields.plannedStart'))}
              {header('plannedEnd', t('project.fields.plannedEnd'))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.id} opacity={p.archived ? 0.65 : 1}>
                <Table.Td>
                  <Text size="xs" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {p.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {p.parentId && (
                      <Tooltip label={t('project.isSubProject')}>
                        <IconSubtask size={14} aria-label={t('project.isSubProject')} />
                      </Tooltip>
                    )}
                    <div>
                      <Anchor component={Link} to={`/projects/${p.id}`} size="sm" fw={500}>
                        {p.name}
                      </Anchor>
                      {p.archived && (
                        <Text span size="xs" c="dimmed" ml={6}>
                          ({t('project.archived')})
                        </Text>
                      )}
                      {context(p) && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {context(p)}
                        </Text>
                      )}
                    </div>
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StatusBadge status={p.status} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <PriorityBadge priority={p.priority} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.manager?.name ?? '—'}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.plannedStart)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.plannedEnd)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Center mt="md">
        {hasNextPage ? (
          <Button variant="default" onClick={fetchNextPage} loading={isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : (
          <Text size="xs" c="dimmed">
            {t('project.listCount', { count: rows.length })}
          </Text>
        )}
      </Center>
    </>
  );
}
