import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MapView } from '../../../shared/index.ts';
import type { ThreadAnchor } from '../../../shared/comments.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnchorText } from './AnchorLine.tsx';
import { anchorKey } from './anchors.ts';
import { CommentFilters } from './CommentFilters.tsx';
import { commentsApi } from './commentsApi.ts';
import { Composer, type MentionCandidate } from './Composer.tsx';
import { ThreadSummary } from './ThreadSummary.tsx';
import { ThreadView } from './ThreadView.tsx';
import { DEFAULT_FILTERS, filterThreads, type ThreadFilters } from './threadFilters.ts';
import { useNow } from '../ui/useNow.ts';
import type { CommentsRoute } from './useCommentsRoute.ts';
import type { MapComments } from './useMapComments.ts';

interface CommentsPanelProps {
  view: MapView;
  comments: MapComments;
  route: CommentsRoute;
  /** Grows each time someone asks to write a new comment: the composer takes the focus. */
  composeSignal: number;
  /** Where the focus goes on closing when what opened the panel is gone (the top-bar button). */
  fallbackFocus: () => HTMLElement | null;
}

/**
 * The comments beside the board (a sheet over it on a phone): the threads, filtered, newest
 * activity first, with a box to start one; or one thread with its replies. The board stays
 * editable beside it. Escape closes it and gives the focus back to what opened it.
 */
export function CommentsPanel({
  view,
  comments,
  route,
  composeSignal,
  fallbackFocus,
}: CommentsPanelProps) {
  const { t } = useI18n();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [filters, setFilters] = useState<ThreadFilters>(DEFAULT_FILTERS);
  const now = useNow();
  const anchorText = useAnchorText();
  // What had the focus when the panel opened (a bubble, the top-bar button, a menu's trigger).
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  // It reads the top-bar button's ref when called, so the one given at opening stays right.
  const [fallback] = useState(() => fallbackFocus);

  useEffect(() => {
    if (composeSignal === 0) heading.current?.focus();
    return () => {
      const target = opener?.isConnected ? opener : fallback();
      // After React has removed the panel, so the focus does not land in what is leaving.
      requestAnimationFrame(() => target?.focus());
    };
    // Runs on opening and closing only: a later "Comment" action moves the focus itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const people = useMemo<MentionCandidate[]>(
    () =>
      (comments.members ?? [])
        .filter((m) => m.userId !== comments.me)
        .map((m) => ({
          id: m.userId,
          name: m.name,
          department: m.department ? comments.departmentName(m.department) : null,
        })),
    [comments],
  );

  const departments = useMemo(() => {
    const ids = new Set<string>();
    for (const member of comments.members ?? []) if (member.department) ids.add(member.department);
    for (const thread of comments.threads) {
      for (const message of thread.messages) {
        const department = comments.departmentOf(message);
        if (department) ids.add(department);
      }
    }
    return [...ids]
      .map((id) => [id, comments.departmentName(id)] as const)
      .sort((a, b) => a[1].localeCompare(b[1]));
  }, [comments]);

  const anchor = route.anchor;
  const listed = filterThreads(
    comments.threads,
    { ...filters, anchor },
    { me: comments.me, departmentOf: comments.departmentOf },
  );
  const open = route.threadId
    ? (comments.threads.find((thread) => thread.id === route.threadId) ?? null)
    : null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    route.close();
  };

  const where = (to: ThreadAnchor | null) =>
    to
      ? anchorText(
          to,
          view,
          comments.threads.find((thread) => anchorKey(thread.anchor) === anchorKey(to))
            ?.anchorLabel,
        ).text
      : t('comments.anchor.map');

  let body;
  if (route.threadId && open) {
    body = (
      <ThreadView
        thread={open}
        view={view}
        comments={comments}
        people={people}
        now={now}
        onBack={() => route.showList(anchor)}
      />
    );
  } else if (route.threadId && comments.ready) {
    body = (
      <>
        <p className="side-panel__empty" role="status">
          {t('comments.threadMissing')}
        </p>
        <button type="button" className="link-button" onClick={() => route.showList(anchor)}>
          ← {t('comments.backToList')}
        </button>
      </>
    );
  } else {
    body = (
      <>
        {anchor && (
          <p className="comments-scope" data-testid="comments-scope">
            <span>{where(anchor)}</span>
            <button type="button" className="link-button" onClick={() => route.showList(null)}>
              {t('comments.showAll')}
            </button>
          </p>
        )}
        {comments.canComment && (
          <Composer
            key={anchor ? `${anchor.kind}:${anchor.id ?? ''}` : 'map'}
            label={fill(t('comments.newLabel'), { where: where(anchor) })}
            submitLabel={t('comments.send')}
            people={people}
            focusSignal={composeSignal > 0 ? composeSignal : undefined}
            testId="new-thread-composer"
            onSend={async (text, mentions) => {
              await commentsApi.createThread(comments.mapId, {
                anchor: anchor ?? { kind: 'map' },
                body: text,
                mentions,
              });
            }}
          />
        )}
        <CommentFilters filters={filters} onChange={setFilters} departments={departments} />
        {!comments.ready ? (
          <p className="side-panel__empty" aria-busy="true">
            {t('comments.loading')}
          </p>
        ) : listed.length === 0 ? (
          <p className="side-panel__empty">
            {comments.threads.length === 0
              ? t('comments.empty')
              : anchor &&
                  !comments.threads.some((thread) => anchorKey(thread.anchor) === anchorKey(anchor))
                ? t('comments.emptyHere')
                : t('comments.noMatch')}
          </p>
        ) : (
          <ul className="thread-list" aria-label={t('comments.threads')}>
            {listed.map((thread) => (
              <ThreadSummary
                key={thread.id}
                thread={thread}
                view={view}
                unread={comments.unreadOf(thread)}
                now={now}
                onOpen={() => route.showThread(thread.id)}
              />
            ))}
          </ul>
        )}
      </>
    );
  }

  return (
    <aside
      className="side-panel comments-panel"
      aria-labelledby={titleId}
      data-testid="comments-panel"
      onKeyDown={onKeyDown}
    >
      <header className="side-panel__head">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {t('comments.title')}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('comments.close')}
          onClick={route.close}
        >
          ×
        </button>
      </header>
      {body}
    </aside>
  );
}
