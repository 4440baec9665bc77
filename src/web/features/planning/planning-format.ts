import { currentLocale } from '../../i18n.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A cached `Intl.DateTimeFormat`: building one costs about a millisecond, which a Gantt that
 * formats hundreds of dates per scroll step cannot pay each time.
 */
export function dateFormatter(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    formatters.set(key, formatter);
  }
  return formatter;
}

const days = new Map<string, string>();

/**
 * A business date `YYYY-MM-DD` as `05/03/2026` (en: `05/03/2026` too, day first), cached per
 * locale and date (rows mounted while scrolling format two dates each).
 */
export function formatDay(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const locale = currentLocale() === 'fr' ? 'fr-FR' : 'en-GB';
  const key = `${locale}|${isoDate}`;
  const cached = days.get(key);
  if (cached !== undefined) return cached;
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  const text = dateFormatter(locale, { dateStyle: 'short' }).format(date);
  if (days.size > 20_000) days.clear();
  days.set(key, text);
  return text;
}
