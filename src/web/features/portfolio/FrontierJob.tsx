import { Alert, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChartLine } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../contracts/scenarios.ts';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { formatDateTime } from '../../format.ts';
import { scenarioKeys, startFrontier, useFrontierRun } from '../scenarios/scenarios-api.ts';

/**
 * « Frontière efficace » as a background job: the button queues it, the panel shows its
 * progress (budget levels solved) and survives leaving the page — the job runs on the server
 * and the panel picks it up again on return. When it ends the scenario (and its chart) reloads.
 */
export function FrontierJobButton({
  scenario,
  timeLimit,
  disabled,
}: {
  scenario: Scenario;
  timeLimit: number;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const run = useFrontierRun(scenario.id);
  const [starting, setStarting] = useState(false);
  const active = run.data?.run?.state === 'queued' || run.data?.run?.state === 'running';
  const start = async () => {
    setStarting(true);
    try {
      const started = await startFrontier(scenario.id, Math.max(7, timeLimit), scenario.version);
      qc.setQueryData([...scenarioKeys.one(scenario.id), 'frontier'], { run: started });
    } catch (err) {
      if (isApiError(err, 'VERSION_MISMATCH') || isApiError(err, 'FRONTIER_RUNNING'))
        await qc.invalidateQueries({ queryKey: scenarioKeys.one(scenario.id) });
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    } finally {
      setStarting(false);
    }
  };
  return (
    <Button
      variant="light"
      leftSection={<IconChartLine size={16} aria-hidden />}
      loading={starting}
      disabled={disabled || active}
      onClick={() => void start()}
    >
      {t('scenarios.portfolio.frontier')}
    </Button>
  );
}

export function FrontierJobStatus({ scenarioId }: { scenarioId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const query = useFrontierRun(scenarioId);
  const run = query.data?.run ?? null;
  const last = useRef<string | null>(null);
  // A run that ends while the page is open: reload the scenario (its frontier and version).
  useEffect(() => {
    const key = run ? `${run.id}:${run.state}` : null;
    if (last.current && key !== last.current && run && run.state !== 'running')
      void qc.invalidateQueries({ queryKey: scenarioKeys.one(scenarioId), exact: true });
    last.current = key;
  }, [run, qc, scenarioId]);
  if (!run || run.state === 'done') return null;
  if (run.state === 'failed')
    return (
      <Alert color="orange" variant="light" title={t('portfolioSelection.frontier.failedTitle')}>
        {t(`portfolioSelection.frontier.failed.${run.error?.code ?? 'FRONTIER_FAILED'}`, {
          defaultValue: t('portfolioSelection.frontier.failed.FRONTIER_FAILED'),
        })}
      </Alert>
    );
  return (
    <Paper withBorder p="md" radius="md" aria-live="polite">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {run.state === 'queued'
              ? t('portfolioSelection.frontier.queued')
              : t('portfolioSelection.frontier.running', {
                  done: run.levelsDone,
                  levels: run.levels,
                })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('portfolioSelection.frontier.requested', {
              who: run.requestedBy,
              when: formatDateTime(run.createdAt),
            })}
          </Text>
        </Group>
        <Progress
          value={Math.max(run.progress, 2)}
          animated
          aria-label={t('portfolioSelection.frontier.progressLabel')}
          aria-valuenow={run.progress}
        />
        <Text size="xs" c="dimmed">
          {t('portfolioSelection.frontier.leave')}
        </Text>
      </Stack>
    </Paper>
  );
}
