import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { MyCorrectiveActions } from '../methods/MyCorrectiveActions.tsx';
import { DoneBox, DueDate } from './ActionsPanel.tsx';
import { useMyActions } from './raid-api.ts';

const VIEW_OF = { risk: null, issue: 'issues', decision: 'decisions', change_request: 'changes' };

/** "Mes actions": the actions the signed-in person owns across the portfolio, overdue first. */
export function MyActionsPage() {
  const { t } = useTranslation();
  const actions = useMyActions();
  const items = actions.data?.items ?? [];
  const overdue = items.filter((a) => a.overdue).length;
  return (
    <Stack gap="md">
      <PageHeader title={t('raid.my.title')} breadcrumbs={[]} />
      {actions.data && items.length > 0 && (
        <Text size="sm" c={overdue > 0 ? 'red.9' : 'dimmed'}>
          {t('raid.my.summary', { count: items.length, overdue })}
        </Text>
      )}
      {actions.error ? (
        <ErrorState error={actions.error} />
      ) : !actions.data ? (
        <TableSkeleton rows={6} />
      ) : items.length === 0 ? (
        <EmptyState title={t('raid.my.emptyTitle')} message={t('raid.my.emptyMessage')} />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>{t('raid.actions.done')}</Table.Th>
                <Table.Th>{t('raid.actions.action')}</Table.Th>
                <Table.Th>{t('raid.dueDate')}</Table.Th>
                <Table.Th>{t('raid.actions.source')}</Table.Th>
                <Table.Th>{t('raid.project')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => {
                const view = VIEW_OF[a.source.type];
                return (
                  <Table.Tr key={a.id} bg={a.overdue ? 'var(--mantine-color-red-0)' : undefined}>
                    <Table.Td>
                      <DoneBox action={a} />
                    </Table.Td>
                    <Table.Td>{a.title}</Table.Td>
                    <Table.Td>
                      <DueDate action={a} />
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray" mr={6}>
                        {t(`raid.actions.sources.${a.source.type}`)}
                      </Badge>
                      <Text span size="sm">
                        {a.source.code} {a.source.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {a.project ? (
                        <Anchor
                          component={Link}
                          size="sm"
                          to={`/projects/${a.project.id}/risks${view ? `?vue=${view}` : ''}`}
                        >
                          {a.project.name}
                        </Anchor>
                      ) : (
                        (a.program?.name ?? '—')
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <MyCorrectiveActions />
    </Stack>
  );
}
