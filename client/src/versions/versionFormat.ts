import type { Locale } from '../../../shared/index.ts';

/** "29 nov 2026, 7:10": the exact moment of a version, in the UI language. */
export function exactTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}
