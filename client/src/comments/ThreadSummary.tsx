import type { MapView } from '../../../shared/index.ts';
import type { CommentThreadJson } from '../../../shared/comments.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AnchorLine } from './AnchorLine.tsx';
import { lastActivity } from './threadFilters.ts';
import { timeAgo } from '../i18n/format.ts';

/** Longest piece of the first message shown in the list. */
const EXCERPT_CHARS = 140;

interface ThreadSummaryProps {
  thread: CommentThreadJson;
  view: MapView;
  unread: number;
  now: number;
  onOpen: () => void;
}

/** One thread in the panel's list: where, who began it and what they said, replies, unread. */
export function ThreadSummary({ thread, view, unread, now, onOpen }: ThreadSummaryProps) {
  const { t, locale } = useI18n();
  const first = thread.messages[0];
  const replies = Math.max(thread.messages.length - 1, 0);
  const excerpt = first?.deleted
    ? t('comments.deletedMessage')
    : (first?.body ?? '').slice(0, EXCERPT_CHARS);
  return (
    <li className="thread-summary" data-testid="thread-summary" data-thread-id={thread.id}>
      <button type="button" className="thread-summary__open" onClick={onOpen}>
        <AnchorLine thread={thread} view={view} />
        <span className="thread-summary__first">
          <strong>{first?.authorName ?? ''}</strong>: {excerpt}
        </span>
        <span className="thread-summary__meta">
          <span>
            {fill(t(replies === 1 ? 'comments.replyOne' : 'comments.replyMany'), {
              count: replies,
            })}
          </span>
          <span aria-hidden="true">·</span>
          <time dateTime={lastActivity(thread)}>{timeAgo(lastActivity(thread), now, locale)}</time>
          {thread.resolved && <span className="tag tag--resolved">{t('comments.resolved')}</span>}
          {unread > 0 && (
            <span className="unread" data-testid="thread-unread">
              {fill(t('comments.unread'), { count: unread })}
            </span>
          )}
        </span>
      </button>
    </li>
  );
}
