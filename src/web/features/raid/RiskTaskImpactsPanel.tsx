import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Risk } from '../../../contracts/risks.ts';
import { ErrorState } from '../../components/states.tsx';
import { formatMoney, formatNumber } from '../../format.ts';
import { useRiskTaskImpacts, useSaveRiskTaskImpacts } from './raid-api.ts';
import { TaskSelect } from './TaskSelect.tsx';

type Row = { taskId: string; label: string; days: number };

/**
 * The tasks a project risk would delay, in working days. With the risk's probability and cost
 * impact this makes it an event of the project's schedule risk simulation ("Risque planning"):
 * the register is the one source of truth.
 */
export function RiskTaskImpactsPanel({ risk, canEdit }: { risk: Risk; canEdit: boolean }) {
  const { t } = useTranslation();
  const impacts = useRiskTaskImpacts(risk.id);
  const save = useSaveRiskTaskImpacts();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [taskLabel, setTaskLabel] = useState('');
  const [days, setDays] = useState<number | string>(5);
  const data = impacts.data;
  useEffect(() => {
    if (data) {
      setRows(
        data.impacts.map((i) => ({ taskId: i.taskId, label: `${i.wbs} ${i.name}`, days: i.days })),
      );
    }
  }, [data]);
  if (!data || !rows || !risk.project) return null;
  const dirty =
    JSON.stringify(rows.map((r) => [r.taskId, r.days])) !==
    JSON.stringify(data.impacts.map((i) => [i.taskId, i.days]));
  const add = () => {
    if (!taskId || typeof days !== 'number' || days <= 0) return;
    setRows([...rows, { taskId, label: taskLabel, days }]);
    setTaskId(null);
  };
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h6">
          {t('raid.impacts.title')}
        </Title>
        {data.inSimulation ? (
          <Badge color="teal" variant="light">
            {t('raid.impacts.inSimulation')}
          </Badge>
        ) : (
          <Badge color="gray" variant="light">
            {t('raid.impacts.notInSimulation')}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('raid.impacts.help', {
          probability: formatNumber(Math.round(data.probability * 100)),
          cost: formatMoney(data.costImpactCents),
        })}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('raid.impacts.none')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('raid.tasks.label')}</Table.Th>
              <Table.Th ta="right">{t('raid.impacts.days')}</Table.Th>
              {canEdit && <Table.Th w={40} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.taskId}>
                <Table.Td>{r.label}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.days)}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('raid.impacts.remove', { task: r.label })}
                      onClick={() => setRows(rows.filter((x) => x.taskId !== r.taskId))}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit && (
        <Group align="flex-end" gap="xs" wrap="wrap">
          <TaskSelect
            projectId={risk.project.id}
            leaves
            exclude={rows.map((r) => r.taskId)}
            label={t('raid.impacts.task')}
            value={taskId}
            onChange={(id, option) => {
              setTaskId(id);
              setTaskLabel(option?.label ?? '');
            }}
            style={{ flex: 2, minWidth: 240 }}
          />
          <NumberInput
            label={t('raid.impacts.days')}
            min={0.5}
            max={1000}
            step={1}
            decimalScale={1}
            decimalSeparator=","
            value={days}
            onChange={setDays}
            w={140}
          />
          <ActionIcon
            size="lg"
            aria-label={t('raid.impacts.add')}
            disabled={!taskId || typeof days !== 'number' || days <= 0}
            onClick={add}
          >
            <IconPlus size={18} aria-hidden />
          </ActionIcon>
          <Button
            type="button"
            variant={dirty ? 'filled' : 'default'}
            disabled={!dirty}
            loading={save.isPending}
            onClick={() =>
              save.mutate({
                riskId: risk.id,
                version: data.version,
                body: { impacts: rows.map((r) => ({ taskId: r.taskId, days: r.days })) },
              })
            }
          >
            {t('raid.impacts.save')}
          </Button>
        </Group>
      )}
      {save.error && <ErrorState error={save.error} />}
    </Stack>
  );
}
