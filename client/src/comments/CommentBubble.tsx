import type { ThreadAnchor } from '../../../shared/comments.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CommentIcon } from '../ui/icons.tsx';
import { useCommentsBoard } from './CommentsContext.tsx';
import { anchorKey } from './anchors.ts';

interface CommentBubbleProps {
  anchor: ThreadAnchor;
  /** The thing's name, for the button's accessible name ("2 comment threads: Check-in"). */
  name: string;
}

/**
 * The small count of open threads on a card, stage, lane or persona; clicking it opens the
 * comments panel on that thing's threads. Nothing shows while it has no open thread.
 */
export function CommentBubble({ anchor, name }: CommentBubbleProps) {
  const { t } = useI18n();
  const comments = useCommentsBoard();
  const count = comments?.openCounts.get(anchorKey(anchor)) ?? 0;
  if (!comments || count === 0) return null;
  const label = fill(t(count === 1 ? 'comments.bubbleOne' : 'comments.bubbleMany'), {
    count,
    name,
  });
  return (
    <button
      type="button"
      className="comment-bubble"
      aria-label={label}
      title={label}
      data-testid="comment-bubble"
      onClick={() => comments.showThreadsOf(anchor)}
    >
      <CommentIcon />
      <span>{count}</span>
    </button>
  );
}
