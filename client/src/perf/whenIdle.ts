/**
 * Runs `task` once the page is idle, at the latest `withinMs` later (requestIdleCallback, or a
 * timer of `withinMs` where the browser has none, as Safari). Returns the function that cancels it.
 */
export function whenIdle(task: () => void, withinMs: number): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(task, { timeout: withinMs });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(task, withinMs);
  return () => window.clearTimeout(handle);
}
