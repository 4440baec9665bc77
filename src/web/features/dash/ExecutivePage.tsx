import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { currentLocale } from '../../i18n.ts';
import { compactMoney, DataTable, Sparkline } from './charts.tsx';
import { usePortfolioDashboard } from './dash-api.ts';
import {
  AttentionTable,
  BenefitsCard,
  BubbleCard,
  BudgetCard,
  FreshnessLine,
  Headline,
  RoadmapCard,
  useDashFilters,
  WeatherMixCard,
} from './PortfolioDashboardPage.tsx';

/** Projects needing attention listed on the one-pager (the rest are on the dashboard). */
const ATTENTION_ROWS = 8;

/**
 * The executive one-pager ("synthèse direction"): the filtered portfolio on one printable A4
 * landscape page — headline figures, weather mix, budget, benefits planned vs realised, KPIs,
 * value × risk, roadmap and the projects needing a decision. Same data and filters as the portfolio dashboard.
 */
export function ExecutivePage() {
  const { t } = useTranslation();
  const [filters] = useDashFilters();
  const query = usePortfolioDashboard(filters);
  const data = query.data;
  const fr = currentLocale() === 'fr';
  const scope =
    (filters.portfolioId &&
      data?.options.portfolios.find((p) => p.id === filters.portfolioId)?.name) ||
    t('dash.allPortfolios');
  const search = new URLSearchParams(filters as Record<string, string>).toString();
  return (
    <div className="dash-onepager">
      <style>{`@media print {
        @page { size: A4 landscape; margin: 8mm; }
        nav, header, .dash-no-print, .mantine-AppShell-navbar, .mantine-AppShell-header { display: none !important; }
        .mantine-AppShell-main { padding: 0 !important; }
        .dash-onepager { zoom: 0.62; }
        .dash-onepager section { break-inside: avoid; }
      }`}</style>
      <Group justify="space-between" mb="sm" className="dash-no-print">
        <Button
          component={Link}
          to={`/dashboards${search ? `?${search}` : ''}`}
          variant="subtle"
          leftSection={<IconArrowLeft size={16} aria-hidden />}
        >
          {t('dash.executive.back')}
        </Button>
        <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
          {t('dash.executive.print')}
        </Button>
      </Group>
      {query.isPending ? (
        <TableSkeleton rows={8} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="sm">
          <Group justify="space-between" align="end">
            <Stack gap={0}>
              <Title order={1} size="h2">
                {t('dash.executive.title', { scope })}
              </Title>
              <Text size="sm" c="dimmed">
                {t('dash.executive.date', { date: formatDate(data!.asOf) })}
              </Text>
            </Stack>
            <FreshnessLine data={data!} />
          </Group>
          <Headline data={data!} />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <WeatherMixCard data={data!} />
            <BudgetCard data={data!} />
            <BenefitsCard data={data!} />
            <Card
              withBorder
              radius="md"
              padding="md"
              component="section"
              aria-labelledby="exec-kpis"
            >
              <Title order={2} size="h4" id="exec-kpis" mb="xs">
                {t('dash.kpis')}
              </Title>
              {data!.kpis.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {filters.portfolioId ? t('dash.kpisEmpty') : t('dash.kpisPickPortfolio')}
                </Text>
              ) : (
                <DataTable
                  head={[t('dash.col.kpi'), t('dash.col.trend'), t('dash.col.valueKpi')]}
                  rows={data!.kpis.map((k) => {
                    const last = k.points[k.points.length - 1];
                    const name = fr ? k.nameFr : k.nameEn;
                    return [
                      name,
                      <Sparkline
                        key="s"
                        points={k.points}
                        label={t('dash.kpiTrendOf', { name, n: k.points.length })}
                      />,
                      last?.value === null || last === undefined
                        ? '—'
                        : `${formatNumber(Math.round(last.value * 100) / 100)} ${k.unit}`,
                    ];
                  })}
                />
              )}
            </Card>
          </SimpleGrid>
          <SimpleGrid cols={2} spacing="sm">
            <BubbleCard data={data!} filters={filters} />
            <RoadmapCard data={data!} filters={filters} rows={15} />
          </SimpleGrid>
          <Card
            withBorder
            radius="md"
            padding="md"
            component="section"
            aria-labelledby="exec-attention"
          >
            <Title order={2} size="h4" id="exec-attention" mb="xs">
              {t('dash.executive.decisions')}
            </Title>
            <AttentionTable data={data!} limit={ATTENTION_ROWS} />
          </Card>
          <Text size="xs" c="dimmed">
            {t('dash.executive.footer', {
              n: data!.headline.projects,
              budget: compactMoney(data!.budget.total.budgetCents),
            })}
          </Text>
        </Stack>
      )}
    </div>
  );
}
