import { useCallback, useRef, useState } from 'react';
import { Link } from 'wouter';
import { UserMenu } from '../auth/UserMenu.tsx';
import { commentsApi } from '../comments/commentsApi.ts';
import { useDepartmentNames } from '../comments/useDepartmentNames.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import './inbox.css';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { INBOX_MAX_LIMIT, inboxApi, type Inbox } from './inboxApi.ts';
import { InboxItemView } from './InboxItemView.tsx';
import { unreadThreads } from './unreadThreads.ts';
import { beginInboxRequest, publishInboxUnread } from './unreadStore.ts';
import { useRefresh } from './useRefresh.ts';

type Filter = 'all' | 'unread';

/** My mentions and the replies to my threads across all maps, newest first. */
export function InboxPage() {
  const { t } = useI18n();
  const departmentName = useDepartmentNames();
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [error, setError] = useState<string | null>(null);
  const [marking, setMarking] = useState(false);
  // Re-rendered on every refresh, so "hace 5 minutos" moves on with the polling.
  const [now, setNow] = useState(() => Date.now());

  // Answers of this page's own reads could cross too: a counter keeps the newest for the list,
  // and the shared one decides whether its count is still the newest for the header badge.
  const pageRequest = useRef(0);
  const load = useCallback(async () => {
    const id = ++pageRequest.current;
    const isLatestForBadge = beginInboxRequest();
    try {
      const next = await inboxApi.inbox();
      if (isLatestForBadge()) publishInboxUnread(next.unread);
      if (id !== pageRequest.current) return;
      setInbox(next);
      setNow(Date.now());
      setError(null);
    } catch {
      if (id === pageRequest.current) setError(t('inbox.loadError'));
    }
  }, [t]);
  useRefresh(() => void load());
  useDocumentTitle(t('inbox.title'), inbox?.unread ?? 0);

  const markAllRead = async () => {
    const newestShown = inbox?.items[0]?.createdAt;
    if (!newestShown) return;
    setMarking(true);
    try {
      // "All" includes unread items older than the page shows, so read the largest page; but
      // only up to the newest item shown, so a reply that arrived since stays unread. One call
      // per thread: a few dozen small requests at most, which the browser queues.
      const everything = await inboxApi.inbox(INBOX_MAX_LIMIT);
      await Promise.all(
        unreadThreads(everything.items, newestShown).map(({ threadId, until }) =>
          commentsApi.markRead(threadId, until),
        ),
      );
    } catch {
      setError(t('inbox.markError'));
    } finally {
      setMarking(false);
      await load();
    }
  };

  const items = inbox?.items.filter((item) => filter === 'all' || !item.read) ?? [];
  const unread = inbox?.unread ?? 0;

  return (
    <div className="list-page">
      <header className="topbar">
        <Link href="/" className="topbar__back">
          ← {t('map.back')}
        </Link>
        <span className="topbar__spacer" />
        <UserMenu />
        <LanguageSwitch />
      </header>
      <main className="list-page__body inbox" aria-busy={inbox === null && !error}>
        <h1>{t('inbox.title')}</h1>
        <p className="muted">{t('inbox.intro')}</p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="inbox__toolbar">
          <div className="inbox__filter" role="group" aria-label={t('inbox.filter')}>
            <button type="button" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
              {t('inbox.filterAll')}
            </button>
            <button
              type="button"
              aria-pressed={filter === 'unread'}
              onClick={() => setFilter('unread')}
            >
              {t('inbox.filterUnread')} ({unread})
            </button>
          </div>
          {inbox && inbox.items.length > 0 && (
            <button
              type="button"
              className="link-button"
              disabled={unread === 0 || marking}
              onClick={() => void markAllRead()}
            >
              {t('inbox.markAllRead')}
            </button>
          )}
        </div>
        {inbox && items.length === 0 && (
          <p className="inbox__empty" data-testid="inbox-empty">
            {filter === 'unread' && inbox.items.length > 0
              ? t('inbox.emptyUnread')
              : t('inbox.empty')}
          </p>
        )}
        {items.length > 0 && (
          <ul className="inbox__list" aria-label={t('inbox.title')} data-testid="inbox-list">
            {items.map((item) => (
              <InboxItemView key={item.id} item={item} now={now} departmentName={departmentName} />
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
