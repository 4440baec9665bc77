import type { TFunction } from 'i18next';
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResourceRequest } from '../../../../contracts/skills.ts';
import { formatDate, formatNumber } from '../../../format.ts';

const STATUS_COLOR: Record<ResourceRequest['status'], string> = {
  draft: 'gray',
  submitted: 'blue',
  partially_staffed: 'orange',
  staffed: 'green',
  rejected: 'red',
  cancelled: 'gray',
};

export function amountLabel(t: TFunction, unit: string, amount: number) {
  return unit === 'fte'
    ? t('skills.requests.fte', { value: formatNumber(amount) })
    : t('skills.requests.hours', { value: formatNumber(amount) });
}

/** Resource requests as a table; `actions` renders the buttons of a row. */
export function RequestTable({
  items,
  showProject,
  actions,
}: {
  items: ResourceRequest[];
  showProject: boolean;
  actions: (r: ResourceRequest) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          {showProject && <Table.Th>{t('skills.requests.project')}</Table.Th>}
          <Table.Th>{t('skills.requests.who')}</Table.Th>
          <Table.Th>{t('skills.requests.skills')}</Table.Th>
          <Table.Th>{t('skills.requests.period')}</Table.Th>
          <Table.Th ta="right">{t('skills.requests.amount')}</Table.Th>
          <Table.Th>{t('skills.requests.priority')}</Table.Th>
          <Table.Th>{t('skills.requests.status')}</Table.Th>
          <Table.Th>{t('common.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((r) => (
          <Table.Tr key={r.id}>
            {showProject && (
              <Table.Td>
                <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {r.project.code}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2} title={r.project.name}>
                  {r.project.name}
                </Text>
              </Table.Td>
            )}
            <Table.Td>
              <Text size="sm">{r.person?.name ?? r.role?.name ?? t('skills.requests.anyone')}</Text>
              {r.comment && (
                <Text size="xs" c="dimmed" lineClamp={2} title={r.comment}>
                  {r.comment}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {r.skills.map((s) => (
                  <Badge key={s.skillId} variant="light" color="blue">
                    {s.name} ≥ {s.minLevel}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {formatDate(r.start)} – {formatDate(r.finish)}
            </Table.Td>
            <Table.Td ta="right">
              <Stack gap={0} align="flex-end">
                <Text size="sm">{amountLabel(t, r.unit, r.amount)}</Text>
                <Text size="xs" c="dimmed">
                  {t('skills.requests.covered', { value: amountLabel(t, r.unit, r.covered) })}
                </Text>
              </Stack>
            </Table.Td>
            <Table.Td>{t(`skills.requests.priorities.${r.priority}`)}</Table.Td>
            <Table.Td>
              <Badge color={STATUS_COLOR[r.status]} variant="light">
                {t(`skills.requests.statuses.${r.status}`)}
              </Badge>
              {r.allocations.map((a) => (
                <Text key={a.id} size="xs">
                  {a.person.name} ({t(`resources.allocation.status.${a.status}`)})
                </Text>
              ))}
              {r.answer && (
                <Text size="xs" c="dimmed">
                  {r.answer}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{actions(r)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
