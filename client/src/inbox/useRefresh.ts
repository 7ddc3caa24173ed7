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
    // Regaining focus also makes the tab visible: one read for both events is enough.
    let lastRun = 0;
    const run = () => {
      if (Date.now() - lastRun < 1000) return;
      lastRun = Date.now();
      latest.current();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') run();
    };
    run();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') run();
    }, intervalMs);
    window.addEventListener('focus', run);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', run);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [latest, intervalMs]);
}
