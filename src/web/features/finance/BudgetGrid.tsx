import { ActionIcon, Badge, ScrollArea, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Budget, BudgetLine } from '../../../contracts/finance.ts';
import { parseMinorUnits } from '../../../core/tabular/csv.ts';
import { formatMoney } from '../../format.ts';
import { formatMonth } from './finance-format.ts';

interface Props {
  budget: Budget;
  onSetAmount: (line: BudgetLine, month: string, amount: number) => void;
  onDelete: (line: BudgetLine) => void;
}

/** An amount in cents as an editable text: `1234,5` (no currency, no grouping). */
const editText = (minor: number) =>
  minor === 0 ? '' : (minor / 100).toFixed(2).replace('.', ',').replace(/,00$/, '');

/**
 * The budget as a spreadsheet: lines × months with row and column totals. Arrow keys, Tab and
 * Home/End move; typing or Enter/F2 edits the cell; Enter commits and moves down, Tab commits
 * and moves right, Escape cancels.
 */
export function BudgetGrid({ budget, onSetAmount, onDelete }: Props) {
  const { t } = useTranslation();
  const [active, setActive] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const tableRef = useRef<HTMLTableElement>(null);
  const months = budget.months;
  const rows = budget.lines.length;
  const cols = months.length;

  const amountOf = (line: BudgetLine, month: string) =>
    line.amounts.find((a) => a.month === month)?.amount ?? 0;

  const focusCell = (row: number, col: number) => {
    const r = Math.max(0, Math.min(rows - 1, row));
    const c = Math.max(0, Math.min(cols - 1, col));
    setActive({ row: r, col: c });
    requestAnimationFrame(() =>
      tableRef.current?.querySelector<HTMLElement>(`[data-cell="${r}-${c}"]`)?.focus(),
    );
  };

  const commit = (): boolean => {
    if (draft === null) return true;
    const line = budget.lines[active.row];
    const month = months[active.col];
    if (!line || !month) return true;
    const amount = draft.trim() === '' ? 0 : parseMinorUnits(draft);
    if (amount === null || amount < 0) {
      setInvalid(true);
      return false;
    }
    setDraft(null);
    setInvalid(false);
    if (amount !== amountOf(line, month)) onSetAmount(line, month, amount);
    return true;
  };

  const onCellKey = (e: KeyboardEvent<HTMLElement>) => {
    if (!budget.can.edit) return;
    const { row, col } = active;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [row - 1, col],
      ArrowDown: [row + 1, col],
      ArrowLeft: [row, col - 1],
      ArrowRight: [row, col + 1],
      Home: [row, 0],
      End: [row, cols - 1],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      focusCell(move[0], move[1]);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      const line = budget.lines[row];
      setDraft(line ? editText(amountOf(line, months[col]!)) : '');
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      const line = budget.lines[row];
      if (line && amountOf(line, months[col]!) !== 0) onSetAmount(line, months[col]!, 0);
    } else if (e.key.length === 1 && /[\d,.-]/.test(e.key) && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      setDraft(e.key);
    }
  };

  const onEditorKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      setDraft(null);
      setInvalid(false);
      focusCell(active.row, active.col);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (commit()) focusCell(active.row + 1, active.col);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      if (commit()) focusCell(active.row, active.col + (e.shiftKey ? -1 : 1));
    }
  };

  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Table
        ref={tableRef}
        role="grid"
        aria-label={t('finance.grid.label')}
        withTableBorder
        withColumnBorders
        striped
        highlightOnHover
        style={{ minWidth: 360 + cols * 110, fontVariantNumeric: 'tabular-nums' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" style={{ minWidth: 220 }}>
              {t('finance.grid.line')}
            </Table.Th>
            {months.map((m) => (
              <Table.Th key={m} scope="col" ta="right" style={{ minWidth: 100 }}>
                {formatMonth(m)}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right" style={{ minWidth: 120 }}>
              {t('finance.grid.total')}
            </Table.Th>
            {budget.can.edit && (
              <Table.Th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {budget.lines.map((line, r) => (
            <Table.Tr key={line.id}>
              <Table.Th scope="row" fw={500}>
                <Text size="sm" fw={500}>
                  {line.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`finance.category.${line.category}`)} ·{' '}
                  <Badge
                    size="xs"
                    variant="light"
                    color={line.nature === 'capex' ? 'grape' : 'cyan'}
                  >
                    {t(`finance.nature.${line.nature}`)}
                  </Badge>
                  {line.costCentre && ` · ${line.costCentre}`}
                  {line.task && ` · ${line.task.wbs} ${line.task.name}`}
                </Text>
              </Table.Th>
              {months.map((m, c) => {
                const isActive = active.row === r && active.col === c;
                const amount = amountOf(line, m);
                if (isActive && draft !== null)
                  return (
                    <Table.Td key={m} p={2}>
                      <TextInput
                        size="xs"
                        autoFocus
                        value={draft}
                        error={invalid}
                        aria-label={t('finance.grid.cellLabel', {
                          line: line.label,
                          month: formatMonth(m),
                        })}
                        aria-invalid={invalid}
                        onChange={(e) => {
                          setDraft(e.currentTarget.value);
                          setInvalid(false);
                        }}
                        onKeyDown={onEditorKey}
                        onBlur={() => commit()}
                        styles={{ input: { textAlign: 'right' } }}
                      />
                    </Table.Td>
                  );
                return (
                  <Table.Td
                    key={m}
                    ta="right"
                    role="gridcell"
                    data-cell={`${r}-${c}`}
                    tabIndex={isActive ? 0 : -1}
                    aria-label={`${line.label}, ${formatMonth(m)}: ${formatMoney(amount)}`}
                    onKeyDown={onCellKey}
                    onFocus={() => setActive({ row: r, col: c })}
                    onClick={() => setActive({ row: r, col: c })}
                    onDoubleClick={() => budget.can.edit && setDraft(editText(amount))}
                    style={{
                      cursor: budget.can.edit ? 'cell' : undefined,
                      outlineOffset: -2,
                      color: amount === 0 ? 'var(--mantine-color-dimmed)' : undefined,
                    }}
                  >
                    {amount === 0 ? '–' : formatMoney(amount)}
                  </Table.Td>
                );
              })}
              <Table.Td ta="right" fw={600} data-testid={`line-total-${r}`}>
                {formatMoney(line.total)}
              </Table.Td>
              {budget.can.edit && (
                <Table.Td>
                  <Tooltip label={t('finance.grid.deleteLine')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('finance.grid.deleteLineNamed', { line: line.label })}
                      onClick={() => onDelete(line)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t('finance.grid.total')}</Table.Th>
            {budget.totals.byMonth.map((m) => (
              <Table.Td key={m.month} ta="right" fw={600}>
                {formatMoney(m.amount)}
              </Table.Td>
            ))}
            <Table.Td ta="right" fw={700} data-testid="budget-grand-total">
              {formatMoney(budget.totals.total)}
            </Table.Td>
            {budget.can.edit && <Table.Td />}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </ScrollArea>
  );
}
