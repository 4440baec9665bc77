import { SegmentedControl, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Weather } from '../../../contracts/reporting.ts';
import { WEATHERS } from '../../../core/reporting/weather.ts';

const FILL = {
  sun: '#2f9e44',
  cloud: '#f08c00',
  rain: '#e03131',
  storm: '#862e9c',
  none: '#adb5bd',
} as const;

/** How many projects are under each weather: a stacked SVG bar, with a table view. */
export function WeatherBar({ weathers }: { weathers: (Weather | null)[] }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const keys = [...WEATHERS, 'none'] as const;
  const counts = keys.map((k) => ({ k, n: weathers.filter((w) => (w ?? 'none') === k).length }));
  const total = Math.max(1, weathers.length);
  let x = 0;
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        w={200}
        value={view}
        onChange={(v) => setView(v as 'chart' | 'table')}
        data={[
          { value: 'chart', label: t('reporting.view.chart') },
          { value: 'table', label: t('reporting.view.table') },
        ]}
        aria-label={t('reporting.view.label')}
      />
      {view === 'chart' ? (
        <svg
          role="img"
          aria-label={counts.map((c) => `${t(`reporting.weather.${c.k}`)} : ${c.n}`).join(', ')}
          viewBox="0 0 600 56"
          width="100%"
          style={{ maxWidth: 600 }}
        >
          {counts.map((c) => {
            const w = (c.n / total) * 600;
            const rect = (
              <g key={c.k}>
                <rect x={x} y={0} width={w} height={28} fill={FILL[c.k]} />
                {c.n > 0 && w > 60 && (
                  <text x={x + 6} y={46} fontSize={12} fill="#343a40">
                    {`${t(`reporting.weather.${c.k}`)} ${c.n}`}
                  </text>
                )}
              </g>
            );
            x += w;
            return rect;
          })}
        </svg>
      ) : (
        <Table maw={360} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reporting.weatherLabel')}</Table.Th>
              <Table.Th>{t('reporting.projects')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {counts.map((c) => (
              <Table.Tr key={c.k}>
                <Table.Td>{t(`reporting.weather.${c.k}`)}</Table.Td>
                <Table.Td>{c.n}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
