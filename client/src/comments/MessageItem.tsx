import { useState } from 'react';
import type { CommentMessageJson } from '../../../shared/comments.ts';
import { ConfirmStep } from '../map/ConfirmStep.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { commentsApi } from './commentsApi.ts';
import { Composer, type MentionCandidate } from './Composer.tsx';
import { bodySegments } from './mentions.ts';
import { timeAgo } from '../i18n/format.ts';
import type { MapComments } from './useMapComments.ts';

interface MessageItemProps {
  message: CommentMessageJson;
  comments: MapComments;
  people: readonly MentionCandidate[];
  now: number;
}

/**
 * One message: author, department, when, "(edited)"; its text with the mentions highlighted.
 * Its author may edit it in place or delete it (after confirming); a deleted message stays as a
 * placeholder so the replies after it still read in order.
 */
export function MessageItem({ message, comments, people, now }: MessageItemProps) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const own = comments.canComment && message.authorId === comments.me && !message.deleted;
  const department = comments.departmentOf(message);
  const mentioned = message.mentions
    .map((id) => comments.members?.find((m) => m.userId === id))
    .filter((m) => m !== undefined);
  const mentionsMe = message.mentions.includes(comments.me);

  return (
    <li
      className={`message${mentionsMe ? ' message--mentions-me' : ''}`}
      data-testid="comment-message"
      data-message-id={message.id}
    >
      <div className="message__head">
        <strong className="message__author">{message.authorName}</strong>
        {department && (
          <span className="badge badge--department" data-testid="message-department">
            {comments.departmentName(department)}
          </span>
        )}
        <time
          className="message__time"
          dateTime={message.createdAt}
          title={new Date(message.createdAt).toLocaleString(locale)}
        >
          {timeAgo(message.createdAt, now, locale)}
        </time>
        {message.editedAt && !message.deleted && (
          <span className="message__edited">{t('comments.edited')}</span>
        )}
      </div>
      {message.deleted ? (
        <p className="message__deleted">{t('comments.deletedMessage')}</p>
      ) : editing ? (
        <Composer
          label={t('comments.editLabel')}
          submitLabel={t('comments.save')}
          people={people}
          initial={message.body}
          initialMentions={mentioned.map((m) => ({ id: m.userId, name: m.name }))}
          focusSignal={0}
          onCancel={() => setEditing(false)}
          onSend={async (body, mentions) => {
            await commentsApi.editMessage(message.id, { body, mentions });
            setEditing(false);
          }}
        />
      ) : (
        <p className="message__body" data-testid="message-body">
          {bodySegments(
            message.body,
            mentioned.map((m) => m.name),
          ).map((segment, index) =>
            segment.mention ? (
              <mark key={index} className="mention">
                {segment.text}
              </mark>
            ) : (
              segment.text
            ),
          )}
        </p>
      )}
      {own && !editing && !confirming && (
        <div className="message__actions">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('comments.edit')}
          </button>
          <button
            type="button"
            className="link-button link-button--danger"
            onClick={() => setConfirming(true)}
          >
            {t('comments.delete')}
          </button>
        </div>
      )}
      {confirming && (
        <ConfirmStep
          message={t('comments.deleteConfirm')}
          onConfirm={() => {
            setConfirming(false);
            commentsApi
              .deleteMessage(message.id)
              .catch(() => setFailed(t('comments.deleteFailed')));
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
      {failed && (
        <p className="error" role="alert">
          {failed}
        </p>
      )}
    </li>
  );
}
