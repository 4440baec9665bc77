import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ACTUAL_IMPORT_FIELDS,
  BUDGET_CATEGORIES,
  type ActualImportBody,
  type ActualImportReport,
  type Rollup,
  type RollupRow,
} from '../../../contracts/finance.ts';
import { parseCsv } from '../../../core/tabular/csv.ts';
import { API_BASE } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { errorMessage } from '../../components/errors.ts';
import { formatDate, formatMoney, formatNumber } from '../../format.ts';
import { formatIndex, formatMonth } from './finance-format.ts';
import { DiscountRatesPanel } from '../evm/DiscountRatesPanel.tsx';
import { STATUS_COLOR } from '../evm/EvmTrendChart.tsx';
import { PendingForecastsPanel } from '../evm/PendingForecastsPanel.tsx';
import { PortfolioBenefitsPanel } from '../evm/PortfolioBenefitsPanel.tsx';
import { ThresholdsPanel } from '../evm/ThresholdsPanel.tsx';
import { YearMonthsChart } from '../evm/YearMonthsChart.tsx';
import { formatShare } from '../evm/ForecastPanel.tsx';
import { RatesPanel } from './RatesPanel.tsx';
import { useTree } from '../portfolio/portfolio-api.ts';
import { useImportActuals, usePortfolioFinance, useRollup } from './finance-api.ts';

/** The status the server computed against the thresholds in force (the portfolio's, else the company's). */
const statusColor = (s: RollupRow['spiStatus']) => (s ? STATUS_COLOR[s] : undefined);

/** The PMO / finance view: roll-up with drill-down, the year by nature and category, the actuals import. */
export function FinancePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={t('finance.page.title')}
        breadcrumbs={[{ label: t('finance.page.title') }]}
      />
      <Tabs defaultValue="rollup" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="rollup">{t('finance.page.rollup')}</Tabs.Tab>
          <Tabs.Tab value="year">{t('finance.page.year')}</Tabs.Tab>
          <Tabs.Tab value="import">{t('finance.page.import')}</Tabs.Tab>
          <Tabs.Tab value="rates">{t('finance.rates.tab')}</Tabs.Tab>
          <Tabs.Tab value="forecasts">{t('evm.pending.tab')}</Tabs.Tab>
          <Tabs.Tab value="thresholds">{t('evm.thresholds.tab')}</Tabs.Tab>
          <Tabs.Tab value="discount">{t('evm.discount.tab')}</Tabs.Tab>
          <Tabs.Tab value="benefits">{t('evm.portfolioBenefits.tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="rollup">
          <RollupPanel />
        </Tabs.Panel>
        <Tabs.Panel value="year">
          <YearPanel />
        </Tabs.Panel>
        <Tabs.Panel value="import">
          <ImportPanel />
        </Tabs.Panel>
        <Tabs.Panel value="rates">
          <RatesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="forecasts">
          <PendingForecastsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="thresholds">
          <ThresholdsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="discount">
          <DiscountRatesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="benefits">
          <PortfolioBenefitsPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function RollupPanel() {
  const { t } = useTranslation();
  const [date, setDate] = useState<string | null>(null);
  const rollup = useRollup(date);
  const [open, setOpen] = useState<Set<string>>(new Set());
  if (rollup.isPending) return <TableSkeleton rows={10} />;
  if (rollup.isError)
    return <ErrorState error={rollup.error} onRetry={() => void rollup.refetch()} />;
  const r = rollup.data;
  const query = `${date ? `&date=${date}` : ''}`;
  const children = new Map<string | null, Rollup['rows']>();
  for (const row of r.rows) {
    const list = children.get(row.parentId) ?? [];
    list.push(row);
    children.set(row.parentId, list);
  }
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const rows: { row: Rollup['rows'][number]; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const row of children.get(parent) ?? []) {
      rows.push({ row, depth });
      if (row.level !== 'project' && open.has(row.id)) walk(row.id, depth + 1);
    }
  };
  walk(null, 0);
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <DateField
          label={t('finance.evm.statusDate')}
          value={r.statusDate}
          onChange={(v) => setDate(v)}
        />
        <Group>
          <Button
            component="a"
            variant="default"
            href={`${API_BASE}/finance/rollup/export?format=xlsx${query}`}
            leftSection={<IconDownload size={14} aria-hidden />}
          >
            XLSX
          </Button>
          <Button
            component="a"
            variant="default"
            href={`${API_BASE}/finance/rollup/export?format=csv${query}`}
            leftSection={<IconDownload size={14} aria-hidden />}
          >
            CSV
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }}>
        {(
          [
            ['budget', r.total.budget],
            ['baseline', r.total.baseline],
            ['committed', r.total.committed],
            ['actual', r.total.actual],
            ['eac', r.total.eac],
            ['vacShort', r.total.vac],
          ] as const
        ).map(([k, v]) => (
          <Paper key={k} withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t(`finance.figures.${k}`)}
            </Text>
            <Text size="lg" fw={700} c={k === 'vacShort' && v < 0 ? 'red' : undefined}>
              {formatMoney(v)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {r.rows.length === 0 ? (
        <EmptyState title={t('finance.page.emptyTitle')} message={t('finance.page.emptyMessage')} />
      ) : (
        <Table
          striped
          withTableBorder
          highlightOnHover
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('finance.page.name')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.figures.budget')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.figures.committed')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.figures.actual')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.figures.eac')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.figures.vacShort')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.evm.spi')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('finance.evm.cpi')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ row, depth }) => (
              <Table.Tr key={`${row.level}-${row.id}`}>
                <Table.Th scope="row" fw={row.level === 'project' ? 400 : 600}>
                  <Group gap={4} wrap="nowrap" style={{ paddingLeft: depth * 20 }}>
                    {row.level !== 'project' ? (
                      <ActionIcon
                        variant="subtle"
                        size="sm"
                        aria-expanded={open.has(row.id)}
                        aria-label={t(
                          open.has(row.id) ? 'finance.page.collapse' : 'finance.page.expand',
                          { name: row.name },
                        )}
                        onClick={() => toggle(row.id)}
                      >
                        {open.has(row.id) ? (
                          <IconChevronDown size={14} aria-hidden />
                        ) : (
                          <IconChevronRight size={14} aria-hidden />
                        )}
                      </ActionIcon>
                    ) : (
                      <span style={{ width: 22 }} />
                    )}
                    {row.level === 'project' ? (
                      <Link to={`/projects/${row.id}/budget`}>
                        {row.code} — {row.name}
                      </Link>
                    ) : (
                      <Text size="sm" fw={600}>
                        {row.name}{' '}
                        <Text span size="xs" c="dimmed">
                          ({t('finance.page.projects', { count: row.projectCount })})
                        </Text>
                      </Text>
                    )}
                  </Group>
                </Table.Th>
                <Table.Td ta="right">{formatMoney(row.budget)}</Table.Td>
                <Table.Td ta="right">{formatMoney(row.committed)}</Table.Td>
                <Table.Td ta="right">{formatMoney(row.actual)}</Table.Td>
                <Table.Td ta="right">
                  {formatMoney(row.eac)}
                  <Text size="xs" c="dimmed">
                    {row.level === 'project'
                      ? row.forecastPeriod
                        ? t('finance.page.forecastOf', { month: formatMonth(row.forecastPeriod) })
                        : t('finance.page.noForecast')
                      : t('finance.page.forecastCount', {
                          count: row.forecastCount,
                          total: row.projectCount,
                        })}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" c={statusColor(row.vacStatus)}>
                  {formatMoney(row.vac)}
                </Table.Td>
                <Table.Td ta="right" c={statusColor(row.spiStatus)}>
                  {formatIndex(row.spi)}
                </Table.Td>
                <Table.Td ta="right" c={statusColor(row.cpiStatus)}>
                  {formatIndex(row.cpi)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed">
        {t('finance.page.indicesNote', { date: formatDate(r.statusDate) })}
      </Text>
    </Stack>
  );
}

function YearPanel() {
  const { t } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  const [portfolioId, setPortfolioId] = useState<string | null>(null);
  const tree = useTree();
  const data = usePortfolioFinance(year, portfolioId);
  const exportQuery = `year=${year}${portfolioId ? `&portfolioId=${portfolioId}` : ''}`;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <NumberInput
            label={t('finance.page.yearLabel')}
            value={year}
            min={2000}
            max={2100}
            w={160}
            onChange={(v) => typeof v === 'number' && setYear(v)}
          />
          <Select
            label={t('finance.page.portfolioLabel')}
            placeholder={t('finance.page.allPortfolios')}
            data={(tree.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.code} — ${p.name}`,
            }))}
            value={portfolioId}
            onChange={setPortfolioId}
            clearable
            searchable
            w={320}
          />
        </Group>
        <Group>
          {(['xlsx', 'csv'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              variant="default"
              href={`${API_BASE}/finance/portfolio/export?format=${format}&${exportQuery}`}
              leftSection={<IconDownload size={14} aria-hidden />}
            >
              {format.toUpperCase()}
            </Button>
          ))}
        </Group>
      </Group>
      {data.isPending ? (
        <TableSkeleton rows={6} />
      ) : data.isError ? (
        <ErrorState error={data.error} onRetry={() => void data.refetch()} />
      ) : (
        (() => {
          const cells = data.data.cells;
          const totalOf = (n: 'capex' | 'opex', k: 'budget' | 'actual' | 'committed') =>
            cells.filter((c) => c.nature === n).reduce((s, c) => s + c[k], 0);
          const grand = (k: 'budget' | 'actual' | 'committed') =>
            cells.reduce((s, c) => s + c[k], 0);
          const shareOf = (n: 'capex' | 'opex') =>
            grand('budget') === 0 ? null : totalOf(n, 'budget') / grand('budget');
          if (cells.length === 0)
            return (
              <EmptyState
                title={t('evm.year.emptyTitle', { year })}
                message={t('evm.year.empty')}
              />
            );
          return (
            <>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {(['capex', 'opex'] as const).map((n) => (
                  <Paper key={n} withBorder p="sm" radius="md">
                    <Group justify="space-between">
                      <Text fw={700}>{t(`finance.nature.${n}`)}</Text>
                      <Badge variant="light" color={n === 'capex' ? 'indigo' : 'cyan'}>
                        {t('evm.year.share', { share: formatShare(shareOf(n)) })}
                      </Badge>
                    </Group>
                    <Text size="sm">
                      {t('finance.page.natureLine', {
                        budget: formatMoney(totalOf(n, 'budget')),
                        actual: formatMoney(totalOf(n, 'actual')),
                        committed: formatMoney(totalOf(n, 'committed')),
                      })}
                    </Text>
                  </Paper>
                ))}
              </SimpleGrid>
              <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('finance.line.nature')}</Table.Th>
                    <Table.Th scope="col">{t('finance.line.category')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('finance.figures.budget')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('finance.figures.committed')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('finance.figures.actual')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('evm.year.variance')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cells
                    .slice()
                    .sort(
                      (a, b) =>
                        a.nature.localeCompare(b.nature) ||
                        BUDGET_CATEGORIES.indexOf(a.category) -
                          BUDGET_CATEGORIES.indexOf(b.category),
                    )
                    .map((c) => (
                      <Table.Tr key={`${c.nature}-${c.category}`}>
                        <Table.Td>{t(`finance.nature.${c.nature}`)}</Table.Td>
                        <Table.Td>{t(`finance.category.${c.category}`)}</Table.Td>
                        <Table.Td ta="right">{formatMoney(c.budget)}</Table.Td>
                        <Table.Td ta="right">{formatMoney(c.committed)}</Table.Td>
                        <Table.Td ta="right">{formatMoney(c.actual)}</Table.Td>
                        <Table.Td ta="right" c={c.budget - c.actual < 0 ? 'red.9' : undefined}>
                          {formatMoney(c.budget - c.actual)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  <Table.Tr fw={700}>
                    <Table.Th scope="row" colSpan={2}>
                      {t('evm.year.total')}
                    </Table.Th>
                    <Table.Td ta="right">{formatMoney(grand('budget'))}</Table.Td>
                    <Table.Td ta="right">{formatMoney(grand('committed'))}</Table.Td>
                    <Table.Td ta="right">{formatMoney(grand('actual'))}</Table.Td>
                    <Table.Td
                      ta="right"
                      c={grand('budget') - grand('actual') < 0 ? 'red.9' : undefined}
                    >
                      {formatMoney(grand('budget') - grand('actual'))}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              <YearMonthsChart months={data.data.byMonth} />
            </>
          );
        })()
      )}
    </Stack>
  );
}

type Mapping = ActualImportBody['mapping'];

function ImportPanel() {
  const { t } = useTranslation();
  const mutation = useImportActuals();
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<{ format: 'csv' | 'xlsx'; content: string } | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Partial<Mapping>>({});
  const [report, setReport] = useState<ActualImportReport | null>(null);
  const [target, setTarget] = useState<ActualImportBody['target']>('actuals');

  const load = async (f: File | null) => {
    setFile(f);
    setReport(null);
    if (!f) return;
    if (f.name.toLowerCase().endsWith('.xlsx')) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      setContent({ format: 'xlsx', content: btoa(binary) });
      setHeaders([]);
    } else {
      const text = await f.text();
      setContent({ format: 'csv', content: text });
      const first = parseCsv(text.split(/\r?\n/, 1)[0] ?? '').rows[0]?.cells ?? [];
      setHeaders(first);
      // Guess the mapping from French or English headers.
      const guess: Partial<Mapping> = {};
      const find = (...names: string[]) =>
        first.find((h) => names.some((n) => h.trim().toLowerCase().startsWith(n)));
      const pairs: [keyof Mapping, string[]][] = [
        ['project', ['projet', 'project', 'code projet']],
        ['date', ['date']],
        ['amount', ['montant', 'amount']],
        ['currency', ['devise', 'currency']],
        ['line', ['ligne', 'line', 'poste']],
        ['source', ['type', 'source', 'nature de la dépense']],
        ['supplier', ['fournisseur', 'supplier']],
        ['reference', ['référence', 'reference', 'n° facture', 'facture']],
        ['description', ['libellé', 'description']],
      ];
      for (const [field, names] of pairs) {
        const h = find(...names);
        if (h) guess[field] = h;
      }
      setMapping(guess);
    }
  };

  const ready = content && mapping.project && mapping.date && mapping.amount;
  const run = (dryRun: boolean) => {
    if (!ready) return;
    mutation.mutate(
      { ...content, target, mapping: mapping as Mapping, dryRun },
      { onSuccess: (r) => setReport(r) },
    );
  };
  const select = (field: keyof Mapping) => {
    const required = field === 'project' || field === 'date' || field === 'amount';
    const common = {
      label: t(`finance.import.fields.${field}`),
      value: mapping[field] ?? null,
      onChange: (v: string | null) => setMapping((m) => ({ ...m, [field]: v ?? undefined })),
      withAsterisk: required,
    };
    return headers.length ? (
      <Select key={field} {...common} clearable={!required} data={headers.filter(Boolean)} />
    ) : (
      <TextInput
        key={field}
        label={common.label}
        withAsterisk={required}
        value={mapping[field] ?? ''}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setMapping((m) => ({ ...m, [field]: v || undefined }));
        }}
      />
    );
  };
  return (
    <Stack gap="sm" maw={960}>
      <Text size="sm">{t('finance.import.help')}</Text>
      <Radio.Group
        label={t('finance.import.target')}
        value={target}
        onChange={(v) => {
          setTarget(v as ActualImportBody['target']);
          setReport(null);
        }}
      >
        <Group mt={4}>
          {(['actuals', 'orders'] as const).map((v) => (
            <Radio key={v} value={v} label={t(`finance.import.targets.${v}`)} />
          ))}
        </Group>
      </Radio.Group>
      {target === 'orders' && (
        <Text size="sm" c="dimmed">
          {t('finance.import.ordersHelp')}
        </Text>
      )}
      <FileInput
        label={t('finance.import.file')}
        accept=".csv,.xlsx,text/csv"
        value={file}
        onChange={(f) => void load(f)}
        clearable
      />
      {content?.format === 'xlsx' && (
        <Text size="sm" c="dimmed">
          {t('finance.import.xlsxHeaders')}
        </Text>
      )}
      {content && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {ACTUAL_IMPORT_FIELDS.filter((f) => target === 'actuals' || f !== 'source').map((f) =>
            select(f),
          )}
        </SimpleGrid>
      )}
      <Group>
        <Button
          variant="light"
          disabled={!ready}
          loading={mutation.isPending}
          onClick={() => run(true)}
        >
          {t('finance.import.dryRun')}
        </Button>
        <Button
          disabled={!ready || !report || report.rejectedCount > 0 || report.committed}
          loading={mutation.isPending}
          onClick={() => run(false)}
        >
          {t('finance.import.commit')}
        </Button>
      </Group>
      {mutation.isError && <Alert color="red">{errorMessage(t, mutation.error)}</Alert>}
      {report && (
        <Paper withBorder p="md" radius="md" role="status">
          <Stack gap="xs">
            <Group>
              <Badge color={report.committed ? 'teal' : report.rejectedCount ? 'red' : 'blue'}>
                {t(
                  report.committed
                    ? 'finance.import.committed'
                    : report.rejectedCount
                      ? 'finance.import.hasRejections'
                      : 'finance.import.readyToCommit',
                )}
              </Badge>
              <Text size="sm">
                {t('finance.import.summary', {
                  rows: formatNumber(report.rows),
                  accepted: formatNumber(report.accepted),
                  rejected: formatNumber(report.rejectedCount),
                  total: formatMoney(report.total),
                })}
              </Text>
            </Group>
            {report.rejected.length > 0 && (
              <Table striped withTableBorder>
                <Table.Caption>{t('finance.import.rejectedCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('finance.import.line')}</Table.Th>
                    <Table.Th scope="col">{t('finance.import.column')}</Table.Th>
                    <Table.Th scope="col">{t('finance.import.value')}</Table.Th>
                    <Table.Th scope="col">{t('finance.import.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.rejected.map((r, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{r.line}</Table.Td>
                      <Table.Td>{r.column ?? '—'}</Table.Td>
                      <Table.Td>{r.value ?? '—'}</Table.Td>
                      <Table.Td>{t(`finance.import.codes.${r.code}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {report.byProject.length > 0 && (
              <Text size="sm" c="dimmed">
                {report.byProject
                  .map((p) => `${p.code} : ${formatNumber(p.rows)} · ${formatMoney(p.total)}`)
                  .join(' — ')}
              </Text>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
