/** Longest piece of a card's text used as a title or a label. */
const LINE_CHARS = 200;

/** A card's first non-empty line, trimmed: what an action or a KPI is called after it. */
export function cardLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const trimmed = line.trim();
  return trimmed.length > LINE_CHARS ? `${trimmed.slice(0, LINE_CHARS - 1)}…` : trimmed;
}
