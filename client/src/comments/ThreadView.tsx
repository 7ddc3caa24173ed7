import { useEffect, useId, useRef, useState } from 'react';
import type { MapView } from '../../../shared/index.ts';
import type { CommentThreadJson } from '../../../shared/comments.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AnchorLine } from './AnchorLine.tsx';
import { commentsApi } from './commentsApi.ts';
import { Composer, type MentionCandidate } from './Composer.tsx';
import { MessageItem } from './MessageItem.tsx';
import type { MapComments } from './useMapComments.ts';
import { usePageVisible } from './usePageVisible.ts';

interface ThreadViewProps {
  thread: CommentThreadJson;
  view: MapView;
  comments: MapComments;
  people: readonly MentionCandidate[];
  now: number;
  onBack: () => void;
}

/**
 * One open thread: where it is, its messages, resolve or reopen, and the reply box. While it is
 * open in the visible tab, every message in it counts as read (also the ones arriving live).
 */
export function ThreadView({ thread, view, comments, people, now, onBack }: ThreadViewProps) {
  const { t } = useI18n();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const { markRead } = comments;
  const unread = comments.unreadOf(thread);

  useEffect(() => {
    heading.current?.focus();
  }, [thread.id]);

  // Messages that arrive while the tab is in the background stay unread until it is back.
  const visible = usePageVisible();
  useEffect(() => {
    if (visible && unread > 0) markRead(thread);
  }, [visible, unread, thread, markRead]);

  const resolve = (resolved: boolean) => {
    setFailed(null);
    commentsApi
      .setResolved(thread.id, resolved)
      .catch(() => setFailed(t('comments.resolveFailed')));
  };

  return (
    <section className="thread" aria-labelledby={headingId} data-testid="comment-thread">
      <button type="button" className="link-button thread__back" onClick={onBack}>
        ← {t('comments.backToList')}
      </button>
      <h3 id={headingId} ref={heading} tabIndex={-1} className="thread__title">
        <AnchorLine thread={thread} view={view} />
      </h3>
      <div className="thread__status">
        {thread.resolved && <span className="tag tag--resolved">{t('comments.resolved')}</span>}
        {comments.canResolve(thread) && (
          <button type="button" className="secondary" onClick={() => resolve(!thread.resolved)}>
            {thread.resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        )}
      </div>
      {failed && (
        <p className="error" role="alert">
          {failed}
        </p>
      )}
      <ol className="thread__messages" aria-label={t('comments.messages')}>
        {thread.messages.map((message) => (
          <MessageItem
            key={message.id}
            message={message}
            comments={comments}
            people={people}
            now={now}
          />
        ))}
      </ol>
      {comments.canComment && (
        <Composer
          key={thread.id}
          label={t('comments.replyLabel')}
          submitLabel={t('comments.reply')}
          people={people}
          testId="reply-composer"
          onSend={async (body, mentions) => {
            await commentsApi.reply(thread.id, { body, mentions });
          }}
        />
      )}
    </section>
  );
}
