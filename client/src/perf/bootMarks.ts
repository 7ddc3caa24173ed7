/**
 * Performance marks of a page's way to its first board (`recorrido:<step>`), read by
 * bench/editor to split the time to first render. Each step is marked once per page load.
 */
export type BootStep = 'script' | 'me' | 'socket-open' | 'synced';

const marked = new Set<BootStep>();

export function markBoot(step: BootStep): void {
  if (marked.has(step) || typeof performance === 'undefined') return;
  marked.add(step);
  performance.mark(`recorrido:${step}`);
}
