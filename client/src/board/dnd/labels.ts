/** Longest piece of a card's text used to name it (as CardItem names its buttons). */
const NAME_CHARS = 40;

/** A card's first line, shortened: how grips, the drag overlay and announcements name it. */
export function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > NAME_CHARS ? `${line.slice(0, NAME_CHARS - 1)}…` : line;
}
