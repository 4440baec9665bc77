import { Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Criticality, Heatmap } from '../../../contracts/risks.ts';
import type { RiskSettingsView } from '../../../contracts/risks.ts';
import type { z } from 'zod';

export const CRITICALITY_COLOR: Record<Criticality, string> = {
  low: 'var(--mantine-color-green-2)',
  moderate: 'var(--mantine-color-yellow-3)',
  high: 'var(--mantine-color-orange-4)',
  critical: 'var(--mantine-color-red-9)',
};

export interface Cell {
  probability: number;
  impact: number;
}

/**
 * The probability × impact matrix: one button per cell with its count, coloured by the PMO's
 * criticality; a click selects the cell (the list below shows its risks). It is a real table,
 * so it reads as one with a screen reader.
 */
export function HeatMap({
  map,
  settings,
  selected,
  onSelect,
  title,
}: {
  map: Heatmap;
  settings: z.infer<typeof RiskSettingsView>;
  selected: Cell | null;
  onSelect: (cell: Cell | null) => void;
  title: string;
}) {
  const { t } = useTranslation();
  const count = (p: number, i: number) =>
    map.cells.find((c) => c.probability === p && c.impact === i)?.count ?? 0;
  const rows = Array.from({ length: map.probabilityLevels }, (_, k) => map.probabilityLevels - k);
  const columns = Array.from({ length: map.impactLevels }, (_, k) => k + 1);
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        <table className="risk-heatmap" style={{ borderCollapse: 'separate', borderSpacing: 4 }}>
          <caption style={{ captionSide: 'bottom', textAlign: 'left' }}>
            <Text size="xs" c="dimmed">
              {t('risks.heatmap.caption', { total: map.total })}
            </Text>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Text size="xs" c="dimmed">
                  {t('risks.probability')} ↓ / {t('risks.impact')} →
                </Text>
              </th>
              {columns.map((i) => (
                <th key={i} scope="col" title={settings.impact[i - 1]?.description}>
                  <Text size="xs">
                    {i}. {settings.impact[i - 1]?.label}
                  </Text>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p}>
                <th scope="row" title={settings.probability[p - 1]?.description}>
                  <Text size="xs" ta="right">
                    {p}. {settings.probability[p - 1]?.label}
                  </Text>
                </th>
                {columns.map((i) => {
                  const level = settings.matrix[p - 1]?.[i - 1] ?? 'low';
                  const n = count(p, i);
                  const active = selected?.probability === p && selected.impact === i;
                  return (
                    <td key={i} style={{ padding: 0 }}>
                      <UnstyledButton
                        aria-pressed={active}
                        aria-label={t('risks.heatmap.cell', {
                          count: n,
                          probability: p,
                          impact: i,
                          level: t(`risks.criticality.${level}`),
                        })}
                        onClick={() => onSelect(active ? null : { probability: p, impact: i })}
                        style={{
                          display: 'block',
                          width: '100%',
                          minWidth: 56,
                          height: 44,
                          borderRadius: 6,
                          textAlign: 'center',
                          fontWeight: 700,
                          background: CRITICALITY_COLOR[level],
                          color: level === 'critical' ? 'white' : 'black',
                          outline: active ? '3px solid var(--mantine-color-blue-7)' : undefined,
                          opacity: n === 0 ? 0.45 : 1,
                        }}
                      >
                        {n > 0 ? n : ''}
                      </UnstyledButton>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </Stack>
    </Paper>
  );
}
