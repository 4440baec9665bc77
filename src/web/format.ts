import { currentLocale } from './i18n.ts';

const intlLocale = () => (currentLocale() === 'fr' ? 'fr-FR' : 'en-GB');

/*
 * Intl formatters are slow to build (tens of microseconds each) and pages format thousands of
 * values: one formatter per locale and kind, built on first use.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(
  kind: string,
  make: (locale: string) => F,
): F {
  const locale = intlLocale();
  const key = `${locale}|${kind}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    f = make(locale);
    formatters.set(key, f);
  }
  return f;
}

/** A business date `YYYY-MM-DD` as `05/03/2026` (read in UTC so it never shifts a day). */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return cached(
    'date',
    (l) => new Intl.DateTimeFormat(l, { dateStyle: 'short', timeZone: 'UTC' }),
  ).format(date);
}

/** An instant as a local date and time: `05/03/2026 14:32`. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return cached(
    'dateTime',
    (l) => new Intl.DateTimeFormat(l, { dateStyle: 'short', timeStyle: 'short' }),
  ).format(date);
}

export function formatNumber(value: number): string {
  return cached('number', (l) => new Intl.NumberFormat(l)).format(value);
}

/** An amount in integer minor units (cents) as `1 234 567,89 €`. */
export function formatMoney(minorUnits: number, currency = 'EUR'): string {
  const format = cached(
    `money|${currency}`,
    (l) => new Intl.NumberFormat(l, { style: 'currency', currency }),
  );
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}
