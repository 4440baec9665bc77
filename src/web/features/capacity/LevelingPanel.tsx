import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsHorizontal } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LevelingApplied, LevelingPreview } from '../../../contracts/capacity.ts';
import { api, isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { formatDate } from '../../format.ts';

interface Props {
  projectId: string;
  canApply: boolean;
}

/** "Lisser la charge": preview what leveling moves, by how much and why, then apply it. */
export function LevelingPanel({ projectId, canApply }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [includeSoft, setIncludeSoft] = useState(false);
  const [preview, setPreview] = useState<LevelingPreview | null>(null);
  const compute = useMutation({
    mutationFn: () =>
      api.post(`/projects/${projectId}/leveling/preview`, LevelingPreview, { includeSoft }),
    onSuccess: setPreview,
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
  });
  const apply = useMutation({
    mutationFn: (p: LevelingPreview) =>
      api.post(`/projects/${projectId}/leveling/apply`, LevelingApplied, {
        includeSoft,
        fingerprint: p.fingerprint,
      }),
    onSuccess: (r) => {
      notifications.show({
        color: 'green',
        message: t('capacity.leveling.applied', { count: r.constrained }),
      });
      setPreview(null);
      void qc.invalidateQueries();
    },
    onError: (e) => {
      if (isApiError(e, 'LEVELING_STALE')) {
        const fresh = LevelingPreview.safeParse((e.details as { preview?: unknown })?.preview);
        if (fresh.success) setPreview(fresh.data);
        notifications.show({ color: 'orange', message: t('capacity.leveling.stale') });
        return;
      }
      notifications.show({ color: 'red', message: errorMessage(t, e) });
    },
  });

  const reason = (m: LevelingPreview['moves'][number]) =>
    t(`capacity.leveling.reason.${m.reason}`, {
      float: m.totalFloat ?? 0,
      person: m.person?.name ?? '',
      by: m.blockedBy ? `${m.blockedBy.wbs} ${m.blockedBy.name}` : '',
    });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('capacity.leveling.title')}</Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t('capacity.leveling.intro')}
          </Text>
        </div>
        <Group>
          <Checkbox
            label={t('capacity.leveling.includeSoft')}
            checked={includeSoft}
            onChange={(e) => setIncludeSoft(e.currentTarget.checked)}
          />
          <Button
            leftSection={<IconArrowsHorizontal size={16} />}
            loading={compute.isPending}
            onClick={() => compute.mutate()}
          >
            {t('capacity.leveling.action')}
          </Button>
        </Group>
      </Group>
      {preview && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Figure label={t('capacity.leveling.overBefore')} value={String(preview.overBefore)} />
            <Figure
              label={t('capacity.leveling.overAfter')}
              value={String(preview.overAfter)}
              color={preview.overAfter > 0 ? 'red' : 'green'}
            />
            <Figure
              label={t('capacity.leveling.finishBefore')}
              value={formatDate(preview.projectFinishBefore)}
            />
            <Figure
              label={t('capacity.leveling.finishAfter')}
              value={formatDate(preview.projectFinishAfter)}
              color={
                preview.projectFinishAfter !== preview.projectFinishBefore ? 'orange' : undefined
              }
            />
          </SimpleGrid>
          {preview.people === 0 ? (
            <Alert color="gray">{t('capacity.leveling.noPeople')}</Alert>
          ) : preview.moves.length === 0 && preview.overBefore > 0 ? (
            <Alert color="orange">{t('capacity.leveling.cannotMove')}</Alert>
          ) : preview.moves.length === 0 ? (
            <Alert color="green">{t('capacity.leveling.nothing')}</Alert>
          ) : (
            <>
              <Text fw={500}>{t('capacity.leveling.moves', { count: preview.moves.length })}</Text>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('capacity.leveling.task')}</Table.Th>
                    <Table.Th>{t('capacity.leveling.from')}</Table.Th>
                    <Table.Th>{t('capacity.leveling.to')}</Table.Th>
                    <Table.Th ta="right">{t('capacity.leveling.delay')}</Table.Th>
                    <Table.Th>{t('capacity.leveling.why')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.moves.map((m) => (
                    <Table.Tr key={m.task.id}>
                      <Table.Td>
                        {m.task.wbs} {m.task.name}
                      </Table.Td>
                      <Table.Td>{formatDate(m.from)}</Table.Td>
                      <Table.Td>{formatDate(m.to)}</Table.Td>
                      <Table.Td ta="right">
                        {t('capacity.leveling.delayDays', { count: m.delay })}
                      </Table.Td>
                      <Table.Td>{reason(m)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
          {preview.unresolved.length > 0 && (
            <Alert color="red">
              {t('capacity.leveling.unresolved', {
                tasks: preview.unresolved.map((u) => `${u.wbs} ${u.name}`).join(', '),
              })}
            </Alert>
          )}
          {canApply && preview.moves.length > 0 && (
            <Group>
              <Button color="green" loading={apply.isPending} onClick={() => apply.mutate(preview)}>
                {t('capacity.leveling.apply')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value, color }: { label: string; value: string; color?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={color}>
        {value}
      </Text>
    </Paper>
  );
}
