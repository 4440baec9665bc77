import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

/** Reads `05/03/2026` (or `2026-03-05`) as the business date `2026-03-05`. */
export function parseDayMonthYear(input: string): string | null {
  const text = input.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return text;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!dmy) return null;
  const [, d, m, y] = dmy;
  const date = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const check = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date ? null : date;
}

/** A business date input: shows and reads `DD/MM/YYYY`, holds `YYYY-MM-DD`, weeks from Monday. */
export function DateField(props: DateInputProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      dateParser={parseDayMonthYear}
      placeholder={t('common.datePlaceholder')}
      clearable
      firstDayOfWeek={1}
      {...props}
    />
  );
}
