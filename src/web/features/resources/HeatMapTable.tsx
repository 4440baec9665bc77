import { Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CapacityCell, HeatMap } from '../../../contracts/resources.ts';
import { formatDate, formatNumber } from '../../format.ts';
import './heatmap.css';

/** Load as a share of capacity, in % (Infinity when there is load and no capacity). */
export function utilisation(c: CapacityCell): number {
  if (c.capacity <= 0) return c.load > 0 ? Number.POSITIVE_INFINITY : 0;
  return (c.load / c.capacity) * 100;
}

/**
 * The colour band of a cell: free, comfortable, full, over — and, for a group that has room
 * overall, "someone over" when at least one of its people is over-allocated (a team at 12 %
 * with one person at 150 % must not read as a 12 % overload).
 */
export function band(c: CapacityCell): 'empty' | 'low' | 'ok' | 'full' | 'over' | 'someover' {
  if (c.capacity <= 0 && c.load <= 0) return 'empty';
  if (c.load > c.capacity + 0.05) return 'over';
  if (c.overPeople > 0) return 'someover';
  const u = utilisation(c);
  if (u >= 90) return 'full';
  if (u >= 50) return 'ok';
  return 'low';
}

/** In a group's cell with room overall, how many of its people are over-allocated. */
function overMark(c: CapacityCell): string {
  return band(c) === 'someover' ? `⚠ ${c.overPeople}` : '';
}

function bucketLabel(map: HeatMap, i: number) {
  const b = map.buckets[i]!;
  if (map.unit === 'month') {
    return new Intl.DateTimeFormat(undefined, {
      month: 'short',
      year: '2-digit',
      timeZone: 'UTC',
    }).format(new Date(`${b.start}T00:00:00Z`));
  }
  return formatDate(b.start).slice(0, 5);
}

/**
 * The heat map as an HTML table (so it is also its own table view): one row per group, one
 * column per week or month, each cell coloured by utilisation and naming it; a cell is a button
 * that opens the drill-down.
 */
export function HeatMapTable({
  map,
  groupLabel,
  onOpen,
  compareTo,
}: {
  map: HeatMap;
  groupLabel: (key: string, label: string) => string;
  onOpen?: (row: { key: string; label: string }, bucket: number) => void;
  /** A second map (the same rows) to show what changed. */
  compareTo?: HeatMap;
}) {
  const { t } = useTranslation();
  const before = new Map(compareTo?.rows.map((r) => [r.key, r]) ?? []);
  return (
    <div
      className="heatmap-scroll"
      tabIndex={0}
      role="region"
      aria-label={t('resources.heat.title')}
    >
      <Table className="heatmap" withTableBorder withColumnBorders stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" className="heatmap-head">
              {t(`resources.groupBy.${map.groupBy}`)}
            </Table.Th>
            {map.buckets.map((b, i) => (
              <Table.Th
                key={b.start}
                scope="col"
                title={`${formatDate(b.start)} – ${formatDate(b.finish)}`}
              >
                {bucketLabel(map, i)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {map.rows.map((row) => {
            const label = groupLabel(row.key, row.label);
            const prior = before.get(row.key);
            return (
              <Table.Tr key={row.key}>
                <Table.Th scope="row" className="heatmap-head">
                  <Text size="sm" fw={500} lineClamp={1}>
                    {label}
                  </Text>
                  {map.groupBy !== 'person' && (
                    <Text size="xs" c="dimmed">
                      {t('resources.heat.people', { count: row.people })}
                    </Text>
                  )}
                </Table.Th>
                {row.cells.map((c, i) => {
                  const u = utilisation(c);
                  const text = Number.isFinite(u) ? `${Math.round(u)} %` : '∞';
                  const changed = prior && Math.abs((prior.cells[i]?.load ?? 0) - c.load) > 0.05;
                  const description = t('resources.heat.cellLabel', {
                    group: label,
                    period: formatDate(map.buckets[i]!.start),
                    load: formatNumber(c.load),
                    capacity: formatNumber(c.capacity),
                    over: c.overPeople,
                  });
                  return (
                    <Table.Td
                      key={i}
                      className={`heatmap-cell heatmap-${band(c)}${changed ? ' heatmap-changed' : ''}`}
                    >
                      {onOpen ? (
                        <UnstyledButton
                          className="heatmap-button"
                          // The accessible name starts with the visible text (WCAG 2.5.3).
                          aria-label={`${overMark(c) ? `${text} ${overMark(c)}` : text} — ${description}`}
                          title={description}
                          onClick={() => onOpen(row, i)}
                        >
                          {text}
                          {overMark(c) && (
                            <span className="heatmap-over-count"> {overMark(c)}</span>
                          )}
                        </UnstyledButton>
                      ) : (
                        <span title={description}>
                          {text}
                          {overMark(c) && (
                            <span className="heatmap-over-count"> {overMark(c)}</span>
                          )}
                        </span>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row" className="heatmap-head">
              {t('resources.heat.total')}
            </Table.Th>
            {map.totals.map((c, i) => (
              <Table.Td key={i} className="heatmap-total">
                <Text size="xs">
                  {formatNumber(c.load)} / {formatNumber(c.capacity)} h
                </Text>
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </div>
  );
}
