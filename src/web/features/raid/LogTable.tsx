import { Button, Group, Stack, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { EmptyState } from '../../components/states.tsx';

/**
 * A RAID log (issues, decisions, change requests): its table, or the empty state when it has no
 * item; with `onNew`, the button that records a new one (in the empty state for the first one).
 * `children` is the open item's dialog.
 */
export function LogTable({
  count,
  newLabel,
  onNew,
  empty,
  head,
  rows,
  children,
}: {
  count: number;
  newLabel: string;
  onNew: (() => void) | null;
  empty: { title: string; message: string };
  head: ReactNode;
  rows: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Stack gap="md">
      {onNew && count > 0 && (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onNew}>
            {newLabel}
          </Button>
        </Group>
      )}
      {count === 0 ? (
        <EmptyState
          title={empty.title}
          message={empty.message}
          action={onNew ? <Button onClick={onNew}>{newLabel}</Button> : undefined}
        />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>{head}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {children}
    </Stack>
  );
}
