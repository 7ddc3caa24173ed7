import type { Locale } from '../../../shared/index.ts';

/** Majorities people say as fractions rather than percentages. */
const FRACTIONS: readonly [number, string][] = [
  [2 / 3, '2/3'],
  [3 / 4, '3/4'],
  [1 / 2, '1/2'],
];

/** A majority as people say it: "2/3" for 0.666…, otherwise a percentage ("80 %"). */
export function majorityText(majority: number, locale: Locale): string {
  const fraction = FRACTIONS.find(([value]) => Math.abs(value - majority) < 0.001);
  if (fraction) return fraction[1];
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
    majority,
  );
}

/** A share (0..1) as a whole percentage in the UI language ("67 %"). */
export function percent(share: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
    share,
  );
}
