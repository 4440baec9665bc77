import { Button, Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { Risk } from '../../../contracts/risks.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatMoney } from '../../format.ts';
import { useCan, useCurrentUser } from '../auth/auth-api.ts';
import { usePortfolio, useProgram } from '../portfolio/portfolio-api.ts';
import { ChangeRequestsView } from '../raid/ChangeRequestsView.tsx';
import { DecisionsView } from '../raid/DecisionsView.tsx';
import { EscalatedIssuesView } from '../raid/EscalatedIssuesView.tsx';
import { HeatMap, type Cell } from '../risks/HeatMap.tsx';
import { RiskForm } from '../risks/RiskForm.tsx';
import { RiskTable } from '../risks/RiskTable.tsx';
import { useHeatmap, useRiskSettings, useRisks } from '../risks/risks-api.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { RiskTrend } from './RiskTrend.tsx';

const VIEWS = ['risks', 'issues', 'decisions', 'changes'] as const;
/** A portfolio's register: its risks, and the issues escalated to it. */
const PORTFOLIO_VIEWS = ['risks', 'issues'] as const;

/**
 * The RAID of a programme (its own risks, the project risks escalated to it, and its projects'
 * issues, decisions and change requests) or the register of a portfolio (its own risks and the
 * risks escalated to it).
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const { level, id } = useParams();
  const isProgram = level !== 'portfolio';
  const program = useProgram(isProgram ? (id ?? null) : null);
  const portfolio = usePortfolio(isProgram ? null : (id ?? null));
  const [params, setParams] = useSearchParams();
  const views: readonly string[] = isProgram ? VIEWS : PORTFOLIO_VIEWS;
  const view = views.includes(params.get('vue') ?? '') ? params.get('vue')! : 'risks';
  const container = isProgram ? { programId: id! } : { portfolioId: id! };
  const name = isProgram ? program.data?.name : portfolio.data?.name;
  const error = program.error ?? portfolio.error;
  return (
    <Stack gap="md">
      <PageHeader
        title={
          name ? t(`register.page.title.${isProgram ? 'program' : 'portfolio'}`, { name }) : '…'
        }
        breadcrumbs={[{ label: t('risks.page.title'), to: '/risks' }, { label: name ?? '…' }]}
        actions={
          // The issues view has its own export (it follows the view's filter).
          view !== 'issues' && (isProgram || view === 'risks') ? (
            <ExportMenu scope={container} register={view} />
          ) : undefined
        }
      />
      {error ? (
        <ErrorState error={error} />
      ) : (
        <>
          <SegmentedControl
            w="fit-content"
            value={view}
            onChange={(v) => {
              const next = new URLSearchParams(params);
              if (v === 'risks') next.delete('vue');
              else next.set('vue', v);
              setParams(next, { replace: true });
            }}
            data={views.map((v) => ({ value: v, label: t(`raid.views.${v}`) }))}
            aria-label={t('raid.views.label')}
          />
          {view === 'risks' && (
            <RegisterRisks
              container={container}
              canManage={isProgram ? undefined : false}
              managerId={program.data?.manager?.id ?? null}
            />
          )}
          {view === 'issues' && <EscalatedIssuesView container={container} />}
          {view === 'decisions' && <DecisionsView scope={{ programId: id! }} canEdit={false} />}
          {view === 'changes' && (
            <ChangeRequestsView
              scope={{ programId: id! }}
              project={null}
              rights={{ edit: false, approve: false, apply: false }}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function RegisterRisks({
  container,
  managerId,
}: {
  container: { programId: string } | { portfolioId: string };
  canManage?: boolean | undefined;
  managerId: string | null;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const [residual, setResidual] = useState(false);
  const [cell, setCell] = useState<Cell | null>(null);
  const [editing, setEditing] = useState<Risk | 'new' | null>(null);
  const settings = useRiskSettings();
  const scope =
    'programId' in container
      ? { programId: container.programId }
      : { portfolioId: container.portfolioId, level: 'portfolio' as const };
  const map = useHeatmap({ ...scope, residual });
  const risks = useRisks({
    ...scope,
    residual,
    ...(cell
      ? { probability: cell.probability, impact: cell.impact, status: ['open', 'monitoring'] }
      : {}),
  });
  const canEdit =
    can('risk.manage') ||
    ('programId' in container && managerId !== null && me.personId === managerId);
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
        {canEdit && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            {t('risks.new')}
          </Button>
        )}
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
            <Button size="xs" variant="subtle" w="fit-content" onClick={() => setCell(null)}>
              {t('risks.heatmap.clear')}
            </Button>
          )}
        </Stack>
      </SimpleGrid>
      {risks.data.items.length === 0 ? (
        <EmptyState
          title={t('register.page.emptyTitle')}
          message={t('register.page.emptyMessage')}
        />
      ) : (
        <RiskTable risks={risks.data.items} showProject onOpen={(r) => setEditing(r)} />
      )}
      <RiskTrend scope={scope} />
      {editing && (
        <RiskForm
          container={container}
          risk={editing === 'new' ? null : editing}
          settings={settings.data}
          canEdit={canEdit}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
