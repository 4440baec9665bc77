import { currentLocale } from '../../i18n.ts';

/** A `YYYY-MM` month as `janv. 2026` / `Jan 2026`. */
export function formatMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return new Intl.DateTimeFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** An index (SPI, CPI, TCPI) with two decimals, or a dash. */
export function formatIndex(value: number | null): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}
