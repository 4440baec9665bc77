import {
  Badge,
  Button,
  Card,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REQUEST_STAGES, type RequestSummary } from '../../../contracts/strategy.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { RequestModal } from './RequestModal.tsx';
import { useRequests } from './strategy-api.ts';

export const URGENCY_COLOR: Record<string, string> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};
export const STAGE_COLOR: Record<string, string> = {
  submitted: 'blue',
  needs_info: 'yellow',
  evaluation: 'violet',
  approved: 'green',
  rejected: 'gray',
};

function RequestCard({ r }: { r: RequestSummary }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" radius="md" component={Link} to={`/strategy/intake/${r.id}`}>
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed" ff="monospace">
          {r.reference}
        </Text>
        <Badge size="xs" variant="light" color={URGENCY_COLOR[r.urgency]}>
          {t(`strategy.urgency.${r.urgency}`)}
        </Badge>
      </Group>
      <Text fw={600} size="sm" mt={4} lineClamp={2} title={r.title}>
        {r.title}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {r.requester?.name ?? '—'} · {formatDate(r.createdAt.slice(0, 10))}
      </Text>
      <Group gap="xs" mt={6}>
        {r.roughCost !== null && (
          <Text size="xs">
            {t('strategy.board.cost', { amount: formatMoney(r.roughCost, r.currency) })}
          </Text>
        )}
        {r.npv !== null && (
          <Text size="xs" fw={600} c={r.npv >= 0 ? undefined : 'red.9'}>
            {t('strategy.board.npv', { amount: formatMoney(r.npv, r.currency) })}
          </Text>
        )}
      </Group>
      {r.project && (
        <Text size="xs" mt={4}>
          {t('strategy.board.project', { name: r.project.name })}
        </Text>
      )}
    </Card>
  );
}

/** The intake pipeline as a board: one column per stage, newest first. */
export function IntakeBoardPage() {
  const { t } = useTranslation();
  const requests = useRequests();
  const [creating, setCreating] = useState(false);
  const items = requests.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('strategy.intake.title')}
        breadcrumbs={[{ label: t('strategy.nav') }, { label: t('strategy.intake.title') }]}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('strategy.intake.new')}
          </Button>
        }
      />
      {requests.isPending ? (
        <TableSkeleton />
      ) : requests.isError ? (
        <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title={t('strategy.intake.emptyTitle')}
          message={t('strategy.intake.emptyMessage')}
          action={<Button onClick={() => setCreating(true)}>{t('strategy.intake.new')}</Button>}
        />
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <SimpleGrid cols={5} spacing="sm" miw={1100}>
            {REQUEST_STAGES.map((stage) => {
              const column = items.filter((r) => r.stage === stage);
              return (
                <Paper
                  key={stage}
                  withBorder
                  radius="md"
                  p="xs"
                  bg="var(--mantine-color-default-hover)"
                  component="section"
                  aria-labelledby={`stage-${stage}`}
                >
                  <Group justify="space-between" mb="xs" wrap="nowrap" align="flex-start">
                    <Title order={2} size="h6" id={`stage-${stage}`}>
                      {t(`strategy.stage.${stage}`)}
                    </Title>
                    <Badge
                      variant="light"
                      color={STAGE_COLOR[stage]}
                      aria-label={t('strategy.board.count', { count: column.length })}
                    >
                      {column.length}
                    </Badge>
                  </Group>
                  <Stack gap="xs">
                    {column.length === 0 ? (
                      <Text size="xs" c="dimmed" ta="center" py="md">
                        {t('strategy.board.emptyColumn')}
                      </Text>
                    ) : (
                      column.map((r) => <RequestCard key={r.id} r={r} />)
                    )}
                  </Stack>
                </Paper>
              );
            })}
          </SimpleGrid>
        </ScrollArea>
      )}
      {creating && <RequestModal onClose={() => setCreating(false)} />}
    </>
  );
}
