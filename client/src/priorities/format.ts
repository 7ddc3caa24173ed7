/** Longest piece of a card's text shown in a list. */
const LABEL_CHARS = 80;

/** The first line of a card's text, shortened. */
export function cardLabel(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > LABEL_CHARS ? `${line.slice(0, LABEL_CHARS - 1)}…` : line;
}

/** A score with at most one decimal, in the UI language ("12,5" / "12.5"). */
export function formatScore(score: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(score);
}
