import { useEffect } from 'react';
import { useLatest } from '../ui/useLatest.ts';

/** How often counts are read again while the window stays open and focused. */
export const REFRESH_INTERVAL_MS = 30_000;

/**
 * Calls `refresh` now, whenever the window regains focus or the tab becomes visible again, and
 * every REFRESH_INTERVAL_MS while the tab is visible: cheap polling for counts that need no
 * live connection.
 */
export function useRefresh(refresh: () => void, intervalMs: number = REFRESH_INTERVAL_MS): void {
  const latest = useLatest(refresh);
  useEffect(() => {
    const run = () => latest.current();
    // Coming back to the tab fires both focus and visibilitychange: one read for the pair.
    let lastReturn = 0;
    const onReturn = () => {
      if (Date.now() - lastReturn < 1000) return;
      lastReturn = Date.now();
      run();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') onReturn();
    };
    run();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') run();
    }, intervalMs);
    window.addEventListener('focus', onReturn);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onReturn);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [latest, intervalMs]);
}
