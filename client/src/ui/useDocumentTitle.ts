import { useEffect } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

/**
 * Sets the browser tab's title to "(unread) page · Recorrido" ("(3) Mapas · Recorrido"), the
 * count only when there is something unread, and puts back the app name when the page goes.
 */
export function useDocumentTitle(page: string, unread = 0): void {
  const { t } = useI18n();
  const app = t('app.name');
  useEffect(() => {
    document.title = `${unread > 0 ? `(${unread}) ` : ''}${page} · ${app}`;
  }, [page, unread, app]);
  useEffect(() => () => void (document.title = app), [app]);
}
