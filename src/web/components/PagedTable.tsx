import { ActionIcon, Button, Center, Table } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, TableSkeleton } from './states.tsx';

/** What PagedTable reads of a list fetched page by page (`useInfiniteQuery`). */
interface PagedList {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/**
 * A list read page by page (the accounts, the people directory): a skeleton while the first page
 * comes, the error with a retry, the empty state, or the table of the rows read so far with
 * « Charger plus » while there is a next page.
 */
export function PagedTable({
  list,
  count,
  empty,
  head,
  rows,
}: {
  list: PagedList;
  count: number;
  empty: { title: string; message: string };
  head: ReactNode;
  rows: ReactNode;
}) {
  const { t } = useTranslation();
  if (list.isPending) return <TableSkeleton />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (count === 0) return <EmptyState title={empty.title} message={empty.message} />;
  return (
    <>
      <Table.ScrollContainer minWidth={800}>
        <Table striped highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>{head}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>{rows}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.hasNextPage && (
        <Center mt="md">
          <Button
            variant="default"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      )}
    </>
  );
}

/** The header of the edit buttons' column, named for screen readers only. */
export function EditColumnHeader() {
  const { t } = useTranslation();
  return (
    <Table.Th>
      <span className="visually-hidden">{t('common.actions')}</span>
    </Table.Th>
  );
}

/** A row's pencil button, at the end of the row, named after what it edits. */
export function EditCell({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Table.Td ta="right">
      <ActionIcon variant="subtle" aria-label={label} onClick={onClick}>
        <IconPencil size={16} aria-hidden />
      </ActionIcon>
    </Table.Td>
  );
}
