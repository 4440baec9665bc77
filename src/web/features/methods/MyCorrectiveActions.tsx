import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MyCorrectiveActionList } from '../../../contracts/methods.ts';
import { api } from '../../api/client.ts';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';

const SEVERITY_COLOR = { minor: 'gray', major: 'orange', critical: 'red' } as const;

/** "Mes actions", quality part: the corrective actions I own on audit findings, earliest due first. */
export function MyCorrectiveActions() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['my-corrective-actions'],
    queryFn: ({ signal }) => api.get('/my/corrective-actions', MyCorrectiveActionList, { signal }),
  });
  if (q.isPending) return <TableSkeleton rows={3} />;
  if (q.isError) return <ErrorState error={q.error} />;
  const items = q.data.items;
  if (items.length === 0) return null;
  const overdue = items.filter((a) => a.overdue).length;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4" id="my-corrective-actions">
        {t('methods.myActions.title')}
      </Title>
      <Text size="sm" c={overdue > 0 ? 'red.9' : 'dimmed'}>
        {t('methods.myActions.summary', { count: items.length, overdue })}
      </Text>
      <Table.ScrollContainer minWidth={800}>
        <Table striped aria-labelledby="my-corrective-actions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('methods.myActions.action')}</Table.Th>
              <Table.Th>{t('methods.myActions.due')}</Table.Th>
              <Table.Th>{t('methods.myActions.status')}</Table.Th>
              <Table.Th>{t('methods.myActions.finding')}</Table.Th>
              <Table.Th>{t('methods.myActions.project')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id} bg={a.overdue ? 'var(--mantine-color-red-0)' : undefined}>
                <Table.Td>{a.description}</Table.Td>
                <Table.Td>
                  <Text
                    size="sm"
                    c={a.overdue ? 'red.9' : undefined}
                    fw={a.overdue ? 600 : undefined}
                  >
                    {formatDate(a.dueDate)}
                    {a.overdue && ` · ${t('methods.myActions.overdue')}`}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`methods.myActions.statuses.${a.status}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={SEVERITY_COLOR[a.finding.severity]} mr={6}>
                    {t(`governance.quality.severity.${a.finding.severity}`)}
                  </Badge>
                  <Text span size="sm">
                    {a.finding.description}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} size="sm" to={`/projects/${a.project.id}/quality`}>
                    {a.project.code} {a.project.name}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
