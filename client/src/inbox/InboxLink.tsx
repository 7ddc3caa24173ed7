import { Link, useRoute } from 'wouter';
import { InboxIcon } from '../ui/icons.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import './inbox.css';
import { fill } from '../i18n/format.ts';
import { refreshInboxUnread, useInboxUnread } from './unreadStore.ts';
import { useRefresh } from './useRefresh.ts';

/** The top bar's link to my inbox, with its unread count as a badge; re-read on focus and every 30 s. */
export function InboxLink() {
  const { t } = useI18n();
  const unread = useInboxUnread() ?? 0;
  const [here] = useRoute('/inbox');
  useRefresh(() => void refreshInboxUnread());
  return (
    <Link
      href="/inbox"
      className="topbar__button inbox-link"
      // The name starts with the visible text ("Bandeja 3" -> "Bandeja, 3 sin leer"), as speech
      // input users say what they see (WCAG 2.5.3); the word itself may be hidden on a crowded
      // map page top bar, leaving the icon and the count.
      aria-label={unread > 0 ? fill(t('inbox.linkUnread'), { count: unread }) : t('inbox.link')}
      title={t('inbox.title')}
      aria-current={here ? 'page' : undefined}
      data-testid="inbox-link"
    >
      <InboxIcon />
      <span className="inbox-link__text">{t('inbox.link')}</span>{' '}
      {unread > 0 && (
        <span className="inbox-link__badge" data-testid="inbox-link-count">
          {unread}
        </span>
      )}
    </Link>
  );
}
