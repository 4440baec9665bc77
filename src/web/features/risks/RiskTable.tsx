import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Risk } from '../../../contracts/risks.ts';
import { formatDate, formatMoney } from '../../format.ts';
import { CRITICALITY_COLOR } from './HeatMap.tsx';

export function CriticalityBadge({ level }: { level: Risk['criticality'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="filled"
      style={{
        background: CRITICALITY_COLOR[level],
        color: level === 'critical' ? 'white' : 'black',
      }}
    >
      {t(`risks.criticality.${level}`)}
    </Badge>
  );
}

export function RiskTable({
  risks,
  showProject,
  onOpen,
}: {
  risks: Risk[];
  showProject?: boolean;
  onOpen?: (risk: Risk) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('risks.code')}</Table.Th>
            <Table.Th>{t('risks.title')}</Table.Th>
            {showProject && <Table.Th>{t('risks.project')}</Table.Th>}
            <Table.Th>{t('risks.criticalityLabel')}</Table.Th>
            <Table.Th ta="right">{t('risks.score')}</Table.Th>
            <Table.Th ta="right">{t('risks.emv')}</Table.Th>
            <Table.Th>{t('risks.owner')}</Table.Th>
            <Table.Th>{t('risks.proximity')}</Table.Th>
            <Table.Th>{t('risks.statusLabel')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {risks.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.code}</Table.Td>
              <Table.Td>
                {onOpen ? (
                  <Text
                    component="button"
                    type="button"
                    size="sm"
                    c="blue"
                    style={{
                      background: 'none',
                      border: 0,
                      padding: 0,
                      cursor: 'pointer',
                      textAlign: 'left',
                    }}
                    onClick={() => onOpen(r)}
                  >
                    {r.title}
                  </Text>
                ) : (
                  r.title
                )}
                {r.escalatedTo && (
                  <Badge
                    ml="xs"
                    size="xs"
                    variant="light"
                    color={r.escalatedTo === 'portfolio' ? 'grape' : 'blue'}
                    title={r.escalationReason || undefined}
                  >
                    {t(`register.escalate.badge.${r.escalatedTo}`)}
                  </Badge>
                )}
              </Table.Td>
              {showProject && (
                <Table.Td>{r.project?.name ?? r.program?.name ?? r.portfolio?.name}</Table.Td>
              )}
              <Table.Td>
                <CriticalityBadge level={r.criticality} />
              </Table.Td>
              <Table.Td ta="right">{r.score}</Table.Td>
              <Table.Td ta="right">{formatMoney(r.emvCents, r.currency)}</Table.Td>
              <Table.Td>{r.owner?.name ?? '—'}</Table.Td>
              <Table.Td>{r.proximity ? formatDate(r.proximity) : '—'}</Table.Td>
              <Table.Td>{t(`risks.status.${r.status}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
