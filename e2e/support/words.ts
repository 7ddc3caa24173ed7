/** "ana1", "ana2" … "anaN": words that can only come from one person, for co-typing checks. */
export function words(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
}

/** Each expected word that does not appear exactly once in `text` (as a whole word). */
export function notExactlyOnce(text: string, expected: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const word of text.split(/\s+/)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return expected.filter((word) => counts.get(word) !== 1);
}
