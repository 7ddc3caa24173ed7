/** Longest file name stem an export gets (before its extension). */
const STEM_MAX = 80;

/**
 * A safe ASCII file name stem for a map title: accents dropped ("Recepción" -> "recepcion"),
 * anything but letters and digits turned into single dashes, lower case; "map" when nothing is
 * left. Safe inside a quoted Content-Disposition filename and on every file system.
 */
export function fileStem(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, STEM_MAX)
    .replace(/^-+|-+$/g, '');
  return stem || 'map';
}
