import { Alert, Badge, Button, Group, List, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BacklogRefreshPreview,
  BacklogRefreshResult,
  type Scenario,
} from '../../../contracts/scenarios.ts';
import { api, apiRequest, isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { formatMoney, formatNumber } from '../../format.ts';
import { useInvalidateScenarios } from '../scenarios/scenarios-api.ts';

type Figures = BacklogRefreshPreview['added'][number]['after'];

const hoursText = (h: Record<string, number>) =>
  Object.entries(h)
    .map(([pool, n]) => `${pool} ${formatNumber(n)} h`)
    .join(' · ') || '—';

/** « Actualiser depuis le backlog »: shown on a scenario built from the backlog. */
export function BacklogRefreshButton({
  scenario,
  disabled,
}: {
  scenario: Scenario;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!scenario.backlog) return null;
  return (
    <>
      <Button
        variant="light"
        leftSection={<IconRefresh size={16} aria-hidden />}
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        {t('portfolioSelection.refresh.button')}
      </Button>
      {open && <BacklogRefreshModal scenario={scenario} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * What refreshing would change (candidates in, out, changed with before → after; the teams'
 * hours; the budget; forcing dropped), then « Appliquer » against the version previewed.
 */
function BacklogRefreshModal({ scenario, onClose }: { scenario: Scenario; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateScenarios();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const preview = useQuery({
    queryKey: ['scenarios', 'backlog-refresh', scenario.id, scenario.version],
    queryFn: () =>
      api.get(`/strategy/scenarios/${scenario.id}/backlog-refresh`, BacklogRefreshPreview),
    staleTime: 0,
    gcTime: 0,
  });
  const p = preview.data;
  const money = (n: number | null) => (n === null ? '—' : formatMoney(n * 100, 'EUR'));
  const figures = (f: Figures) =>
    t('portfolioSelection.refresh.figures', {
      value: formatNumber(f.value),
      cost: money(f.cost),
      hours: hoursText(f.hours),
      window: `${f.earliestStart} → ${f.latestStart}`,
    });
  const apply = async () => {
    if (!p) return;
    setError(null);
    setSaving(true);
    try {
      const out = await apiRequest(
        'POST',
        `/strategy/scenarios/${scenario.id}/backlog-refresh`,
        BacklogRefreshResult,
        { ifMatch: p.scenarioVersion, body: { fingerprint: p.fingerprint } },
      );
      await invalidate(out.scenario);
      onClose();
    } catch (err) {
      // The backlog moved since this preview: show the new one under the message.
      if (isApiError(err, 'BACKLOG_CHANGED')) void preview.refetch();
      setError(
        isApiError(err, 'VERSION_MISMATCH')
          ? t('portfolioSelection.refresh.stale')
          : errorMessage(t, err),
      );
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('portfolioSelection.refresh.title')} size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('portfolioSelection.refresh.help')}
        </Text>
        {preview.isPending && <Text size="sm">{t('common.loading')}</Text>}
        {preview.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, preview.error)}
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        {p && p.same && (
          <Alert color="teal" variant="light">
            {t('portfolioSelection.refresh.same', { count: p.unchanged })}
          </Alert>
        )}
        {p && !p.same && (
          <>
            <Group gap="xs">
              <Badge color="green" variant="light">
                {t('portfolioSelection.refresh.addedCount', { count: p.added.length })}
              </Badge>
              <Badge color="red" variant="light">
                {t('portfolioSelection.refresh.removedCount', { count: p.removed.length })}
              </Badge>
              <Badge color="orange" variant="light">
                {t('portfolioSelection.refresh.changedCount', { count: p.changed.length })}
              </Badge>
              <Badge color="gray" variant="light">
                {t('portfolioSelection.refresh.unchangedCount', { count: p.unchanged })}
              </Badge>
            </Group>
            {(p.added.length > 0 || p.removed.length > 0 || p.changed.length > 0) && (
              <Table withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('portfolioSelection.refresh.candidate')}</Table.Th>
                    <Table.Th>{t('portfolioSelection.refresh.change')}</Table.Th>
                    <Table.Th>{t('portfolioSelection.refresh.before')}</Table.Th>
                    <Table.Th>{t('portfolioSelection.refresh.after')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.added.map((x) => (
                    <Table.Tr key={`a${x.id}`}>
                      <Table.Td>
                        {x.id} — {x.after.name}
                      </Table.Td>
                      <Table.Td>
                        <Badge color="green">{t('portfolioSelection.refresh.added')}</Badge>
                      </Table.Td>
                      <Table.Td>—</Table.Td>
                      <Table.Td>{figures(x.after)}</Table.Td>
                    </Table.Tr>
                  ))}
                  {p.removed.map((x) => (
                    <Table.Tr key={`r${x.id}`}>
                      <Table.Td>
                        {x.id} — {x.before.name}
                      </Table.Td>
                      <Table.Td>
                        <Badge color="red">{t('portfolioSelection.refresh.removed')}</Badge>
                      </Table.Td>
                      <Table.Td>{figures(x.before)}</Table.Td>
                      <Table.Td>—</Table.Td>
                    </Table.Tr>
                  ))}
                  {p.changed.map((x) => (
                    <Table.Tr key={`c${x.id}`}>
                      <Table.Td>
                        {x.id} — {x.after.name}
                      </Table.Td>
                      <Table.Td>
                        {x.fields
                          .map((f) => t(`portfolioSelection.refresh.fields.${f}`))
                          .join(', ')}
                      </Table.Td>
                      <Table.Td>{figures(x.before)}</Table.Td>
                      <Table.Td>{figures(x.after)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {(p.capacity.length > 0 || p.budget.before !== p.budget.after) && (
              <div>
                <Title order={3} size="h6" mb={4}>
                  {t('portfolioSelection.refresh.limits')}
                </Title>
                <List size="sm">
                  {p.budget.before !== p.budget.after && (
                    <List.Item>
                      {t('portfolioSelection.refresh.budget', {
                        before: money(p.budget.before),
                        after: money(p.budget.after),
                      })}
                    </List.Item>
                  )}
                  {p.capacity.map((c) => (
                    <List.Item key={c.pool}>
                      {t('portfolioSelection.refresh.pool', {
                        pool: c.pool,
                        before: c.before === null ? '—' : `${formatNumber(c.before)} h`,
                        after: c.after === null ? '—' : `${formatNumber(c.after)} h`,
                      })}
                    </List.Item>
                  ))}
                </List>
              </div>
            )}
            {p.forcingDropped.length > 0 && (
              <Alert color="yellow" variant="light">
                {t('portfolioSelection.refresh.forcingDropped', {
                  ids: p.forcingDropped.join(', '),
                })}
              </Alert>
            )}
            <Alert color="blue" variant="light">
              {t('portfolioSelection.refresh.clears')}
            </Alert>
          </>
        )}
        <FormActions onCancel={onClose}>
          <Button
            loading={saving}
            disabled={!p || p.same}
            onClick={() => void apply()}
            leftSection={<IconRefresh size={16} aria-hidden />}
          >
            {t('portfolioSelection.refresh.apply')}
          </Button>
        </FormActions>
      </Stack>
    </Modal>
  );
}
