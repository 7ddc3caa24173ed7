import type { Locale } from '../../../shared/index.ts';

/** A due day ('YYYY-MM-DD') in the reader's words ("12 mar 2026"); a calendar day, not an instant. */
export function formatDay(day: string, locale: Locale): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(at)) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}

/** An instant (ISO) as a local date in the reader's words. */
export function formatInstant(iso: string, locale: Locale): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at);
}
