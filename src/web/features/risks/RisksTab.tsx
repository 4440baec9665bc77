import { Button, Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../contracts/portfolio.ts';
import type { Risk } from '../../../contracts/risks.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatMoney } from '../../format.ts';
import { Link } from 'react-router';
import { ExportMenu } from '../register/ExportMenu.tsx';
import { RiskTrend } from '../register/RiskTrend.tsx';
import { HeatMap, type Cell } from './HeatMap.tsx';
import { RiskForm } from './RiskForm.tsx';
import { RiskTable } from './RiskTable.tsx';
import { useHeatmap, useRiskSettings, useRisks } from './risks-api.ts';

/** The "Risques" tab of a project: heat map (inherent or residual), register, record a risk. */
export function RisksTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const [residual, setResidual] = useState(false);
  const [cell, setCell] = useState<Cell | null>(null);
  const [editing, setEditing] = useState<Risk | 'new' | null>(null);
  const settings = useRiskSettings();
  const map = useHeatmap({ projectId: project.id, residual });
  const risks = useRisks({
    projectId: project.id,
    residual,
    ...(cell
      ? { probability: cell.probability, impact: cell.impact, status: ['open', 'monitoring'] }
      : {}),
  });
  const canEdit =
    project.can.update ||
    project.myRoles.some((r) => r === 'contributor' || r === 'project_manager');
  if (settings.error || map.error || risks.error) {
    return <ErrorState error={settings.error ?? map.error ?? risks.error} />;
  }
  if (!settings.data || !map.data || !risks.data) return <TableSkeleton rows={8} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <SegmentedControl
          value={residual ? 'residual' : 'inherent'}
          onChange={(v) => {
            setResidual(v === 'residual');
            setCell(null);
          }}
          data={[
            { value: 'inherent', label: t('risks.heatmap.inherent') },
            { value: 'residual', label: t('risks.heatmap.residual') },
          ]}
        />
        <Group gap="xs">
          {project.program && (
            <Button component={Link} to={`/risks/program/${project.program.id}`} variant="subtle">
              {t('register.page.title.program', { name: project.program.name })}
            </Button>
          )}
          <ExportMenu scope={{ projectId: project.id }} register="risks" />
          {canEdit && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing('new')}
            >
              {t('risks.new')}
            </Button>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <HeatMap
          map={map.data}
          settings={settings.data}
          selected={cell}
          onSelect={setCell}
          title={residual ? t('risks.heatmap.residual') : t('risks.heatmap.inherent')}
        />
        <Stack gap={4}>
          <Text size="sm">{t('risks.summary.open', { count: map.data.total })}</Text>
          <Text size="sm">
            {t('risks.summary.emv')} : <b>{formatMoney(map.data.emvCents)}</b>
          </Text>
          <Text size="sm">
            {t('risks.summary.contingency')} : <b>{formatMoney(map.data.contingencyCents)}</b>
          </Text>
          {cell && (
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {t('risks.heatmap.filtered', { ...cell })}
              </Text>
              <Button size="xs" variant="subtle" onClick={() => setCell(null)}>
                {t('risks.heatmap.clear')}
              </Button>
            </Group>
          )}
        </Stack>
      </SimpleGrid>
      {risks.data.items.length === 0 ? (
        <EmptyState
          title={t('risks.empty.title')}
          message={t('risks.empty.message')}
          action={
            canEdit ? (
              <Button onClick={() => setEditing('new')}>{t('risks.new')}</Button>
            ) : undefined
          }
        />
      ) : (
        <RiskTable risks={risks.data.items} onOpen={(r) => setEditing(r)} />
      )}
      <RiskTrend scope={{ projectId: project.id }} />
      {editing && (
        <RiskForm
          container={{ projectId: project.id }}
          risk={editing === 'new' ? null : editing}
          settings={settings.data}
          canEdit={canEdit}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
