import type { LivenessHints } from './watchLiveness.ts';

/**
 * The browser's hints for the liveness check: the window's offline and online events (offline is
 * reliable: no network interface; online only means one is back, so the socket still has to
 * prove itself) and the page's visibility.
 */
export function browserHints(): LivenessHints {
  return {
    onNetwork(callback) {
      const offline = () => callback(false);
      const online = () => callback(true);
      window.addEventListener('offline', offline);
      window.addEventListener('online', online);
      return () => {
        window.removeEventListener('offline', offline);
        window.removeEventListener('online', online);
      };
    },
    onVisibility(callback) {
      const changed = () => callback(document.visibilityState === 'visible');
      document.addEventListener('visibilitychange', changed);
      return () => document.removeEventListener('visibilitychange', changed);
    },
    visible: () => document.visibilityState === 'visible',
  };
}
