import { useEffect } from 'react';

/**
 * The browser tab's title on a map: "(3) Título del mapa · Recorrido" while I have 3 unread
 * comments, so a background tab shows that something is waiting. The previous title comes back
 * when the map is left.
 */
export function useUnreadTitle(title: string | undefined, unread: number, appName: string): void {
  useEffect(() => {
    const previous = document.title;
    return () => {
      document.title = previous;
    };
  }, []);
  useEffect(() => {
    if (title === undefined) return;
    const base = title ? `${title} · ${appName}` : appName;
    document.title = unread > 0 ? `(${unread}) ${base}` : base;
  }, [title, unread, appName]);
}
