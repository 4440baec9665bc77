import { currentLocale } from './i18n.ts';

const intlLocale = () => (currentLocale() === 'fr' ? 'fr-FR' : 'en-GB');

/** A business date `YYYY-MM-DD` as `05/03/2026` (read in UTC so it never shifts a day). */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeZone: 'UTC' }).format(
    date,
  );
}

/** An instant as a local date and time: `05/03/2026 14:32`. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeStyle: 'short' }).format(
    date,
  );
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(intlLocale()).format(value);
}

/** An amount in integer minor units (cents) as `1 234 567,89 €`. */
export function formatMoney(minorUnits: number, currency = 'EUR'): string {
  const format = new Intl.NumberFormat(intlLocale(), { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}
