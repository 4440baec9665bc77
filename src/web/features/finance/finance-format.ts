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

/** How long ago an instant was, in words: `il y a 12 minutes` / `12 minutes ago`. */
export function formatAgo(instant: string, now: number): string {
  const seconds = Math.round((new Date(instant).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', {
    numeric: 'auto',
  });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

/**
 * Minor units as the text of an amount field, thousands grouped as people read them:
 * 4908814 → `49 088,14` (fr) / `49,088.14` (en); `parseMinorUnits` reads both back.
 */
export function minorToInput(minor: number, locale = currentLocale()): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const [group, sep] = locale === 'fr' ? [' ', ','] : [',', '.'];
  const units = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, group);
  return `${sign}${units}${sep}${String(abs % 100).padStart(2, '0')}`;
}
