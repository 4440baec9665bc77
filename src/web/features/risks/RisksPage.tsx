import {
  Button,
  Group,
  Select,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useTree } from '../portfolio/portfolio-api.ts';
import { useCan } from '../auth/auth-api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatMoney } from '../../format.ts';
import { HeatMap, type Cell } from './HeatMap.tsx';
import { RiskTable } from './RiskTable.tsx';
import { useHeatmap, useRiskSettings, useRisks } from './risks-api.ts';

/** The portfolio's risks: heat map of every visible risk and the top risks by score. */
export function RisksPage() {
  const { t } = useTranslation();
  const [residual, setResidual] = useState(false);
  const [cell, setCell] = useState<Cell | null>(null);
  const settings = useRiskSettings();
  const can = useCan();
  const map = useHeatmap({ residual });
  const risks = useRisks({
    residual,
    limit: 20,
    status: ['open', 'monitoring'],
    ...(cell ? { probability: cell.probability, impact: cell.impact } : {}),
  });
  const error = settings.error ?? map.error ?? risks.error;
  return (
    <Stack gap="md">
      <PageHeader
        title={t('risks.page.title')}
        breadcrumbs={[]}
        actions={
          can('risk.configure') ? (
            <Button component={Link} to="/risks/settings" variant="default">
              {t('register.configure')}
            </Button>
          ) : undefined
        }
      />
      {error ? (
        <ErrorState error={error} />
      ) : !settings.data || !map.data || !risks.data ? (
        <TableSkeleton rows={8} />
      ) : (
        <>
          <RegisterPickers />
          <SegmentedControl
            w="fit-content"
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
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <HeatMap
              map={map.data}
              settings={settings.data}
              selected={cell}
              onSelect={setCell}
              title={t('risks.page.heatmap')}
            />
            <Stack gap={4}>
              <Text size="sm">{t('risks.summary.open', { count: map.data.total })}</Text>
              <Text size="sm">
                {t('risks.summary.emv')} : <b>{formatMoney(map.data.emvCents)}</b>
              </Text>
              <Text size="sm">
                {t('risks.summary.contingency')} : <b>{formatMoney(map.data.contingencyCents)}</b>
              </Text>
            </Stack>
          </SimpleGrid>
          <Title order={2} size="h4">
            {cell ? t('risks.heatmap.filtered', { ...cell }) : t('risks.page.top')}
          </Title>
          {risks.data.items.length === 0 ? (
            <EmptyState title={t('risks.empty.title')} message={t('risks.page.empty')} />
          ) : (
            <RiskTable risks={risks.data.items} showProject />
          )}
        </>
      )}
    </Stack>
  );
}

/** Opens a programme's RAID or a portfolio's register. */
function RegisterPickers() {
  const { t } = useTranslation();
  const tree = useTree();
  const navigate = useNavigate();
  const portfolios = tree.data?.items ?? [];
  return (
    <Group gap="md" align="flex-end">
      <Select
        label={t('register.page.openProgram')}
        placeholder={t('register.page.pick')}
        searchable
        w={320}
        data={portfolios
          .map((p) => ({
            group: p.name,
            items: p.programs.map((g) => ({ value: g.id, label: `${g.code} — ${g.name}` })),
          }))
          .filter((g) => g.items.length > 0)}
        value={null}
        onChange={(id) => id && void navigate(`/risks/program/${id}`)}
      />
      <Select
        label={t('register.page.openPortfolio')}
        placeholder={t('register.page.pick')}
        w={280}
        data={portfolios.map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }))}
        value={null}
        onChange={(id) => id && void navigate(`/risks/portfolio/${id}`)}
      />
    </Group>
  );
}
