import type { Ref } from 'react';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CommentIcon } from '../ui/icons.tsx';

interface CommentsButtonProps {
  open: boolean;
  openThreads: number;
  unread: number;
  onToggle: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
}

/** The top bar's comments toggle: the open threads, and my unread messages as a badge. */
export function CommentsButton({
  open,
  openThreads,
  unread,
  onToggle,
  buttonRef,
}: CommentsButtonProps) {
  const { t } = useI18n();
  const label = [
    t('comments.title'),
    fill(t(openThreads === 1 ? 'comments.openOne' : 'comments.openMany'), { count: openThreads }),
    unread > 0 ? fill(t('comments.unread'), { count: unread }) : null,
  ]
    .filter(Boolean)
    .join(', ');
  // The name comes from the content (no aria-label), so it always holds the visible text, as
  // speech input and axe's label-content-name-mismatch expect: "Comentarios 1 hilo abierto, 1 sin
  // leer", the words after each number visually hidden.
  return (
    <button
      ref={buttonRef}
      type="button"
      className="topbar__button comments-toggle"
      aria-pressed={open}
      title={label}
      data-testid="comments-toggle"
      onClick={onToggle}
    >
      <CommentIcon />
      <span className="comments-toggle__word">{t('comments.title')}</span>{' '}
      <span data-testid="comments-open-count">{openThreads}</span>
      <span className="visually-hidden">
        {' '}
        {t(openThreads === 1 ? 'phone.commentsOpenOne' : 'phone.commentsOpenMany')}
        {unread > 0 ? ', ' : ''}
      </span>
      {unread > 0 && (
        <>
          <span className="comments-toggle__unread" data-testid="comments-unread-count">
            {unread}
          </span>
          <span className="visually-hidden"> {t('phone.commentsUnread')}</span>
        </>
      )}
    </button>
  );
}
