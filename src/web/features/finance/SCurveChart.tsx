import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProjectEvm } from '../../../contracts/finance.ts';
import {
  ChartOrTable,
  moneyTick,
  seriesPath,
  useChartTheme,
  YGrid,
} from '../../components/chart.tsx';
import { formatMoney } from '../../format.ts';
import { formatMonth } from './finance-format.ts';
import { niceTicks } from '../../../core/finance/ticks.ts';

const M = { top: 16, right: 24, bottom: 36, left: 96 };
const SERIES = ['pv', 'ev', 'ac'] as const;
const COLORS = { pv: '#1c5d99', ev: '#2b8a3e', ac: '#c92a2a' };
const COLORS_DARK = { pv: '#74c0fc', ev: '#69db7c', ac: '#ff8787' };
const DASH = { pv: '6 4', ev: '', ac: '' };

/** Cumulative PV, EV and AC by month (S-curves), as a chart or as a table. */
export function SCurveChart({ points }: { points: ProjectEvm['sCurve'] }) {
  const { t } = useTranslation();
  const { axis, pick } = useChartTheme();
  const colors = pick(COLORS, COLORS_DARK);
  const { top: max, ticks } = niceTicks(
    Math.max(1, ...points.flatMap((p) => [p.pv, p.ev ?? 0, p.ac ?? 0])),
  );
  const step = Math.ceil(points.length / 10);
  return (
    <ChartOrTable
      legend={SERIES.map((s) => ({
        key: s,
        label: t(`finance.evm.series.${s}`),
        color: colors[s],
        mark: 'line',
        dash: DASH[s],
      }))}
      viewLabel={t('finance.evm.view')}
      title={t('finance.evm.sCurveTitle')}
      titleId="scurve-title"
      width={820}
      height={300}
      margin={M}
      chart={({ w, h }) => {
        const x = (i: number) => (points.length <= 1 ? w / 2 : (i * w) / (points.length - 1));
        const y = (v: number) => h - (v / max) * h;
        return (
          <>
            <YGrid ticks={ticks} y={y} w={w} format={moneyTick} />
            {points.map((p, i) =>
              i % step === 0 ? (
                <text
                  key={p.month}
                  x={x(i)}
                  y={h + 20}
                  textAnchor="middle"
                  fontSize={11}
                  fill={axis}
                >
                  {formatMonth(p.month)}
                </text>
              ) : null,
            )}
            {SERIES.map((s) => (
              <path
                key={s}
                d={seriesPath(points, (p) => p[s], x, y)}
                fill="none"
                stroke={colors[s]}
                strokeWidth={2.5}
                strokeDasharray={DASH[s]}
              />
            ))}
            {points.map((p, i) =>
              p.ev !== null ? (
                <circle key={p.month} cx={x(i)} cy={y(p.ev)} r={3.5} fill={colors.ev} />
              ) : null,
            )}
          </>
        );
      }}
      table={() => (
        <Table striped withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('finance.evm.month')}</Table.Th>
              {SERIES.map((s) => (
                <Table.Th key={s} scope="col" ta="right">
                  {t(`finance.evm.series.${s}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.month}>
                <Table.Th scope="row">{formatMonth(p.month)}</Table.Th>
                <Table.Td ta="right">{formatMoney(p.pv)}</Table.Td>
                <Table.Td ta="right">{p.ev === null ? '—' : formatMoney(p.ev)}</Table.Td>
                <Table.Td ta="right">{p.ac === null ? '—' : formatMoney(p.ac)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    />
  );
}
