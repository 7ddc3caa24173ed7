/** The UI languages the product ships; the domain vocabulary exists in both. */
export const LOCALES = ['es', 'en'] as const;

/** A UI language: Spanish (the seed articles' language) or English. */
export type Locale = (typeof LOCALES)[number];

/** A text given in every UI language. */
export type Localized = Readonly<Record<Locale, string>>;

/** True when `value` names a supported UI language. */
export function isLocale(value: unknown): value is Locale {
  return value === 'es' || value === 'en';
}
