import { useEffect, useRef, useState } from 'react';
import type { CommentThreadJson } from '../../../shared/comments.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Longest piece of a message read out. */
const SPOKEN_CHARS = 120;

interface CommentsAnnouncerProps {
  threads: readonly CommentThreadJson[];
  ready: boolean;
  me: string;
}

/**
 * A polite live region that reads out new messages by others as they arrive ("Nuevo comentario
 * de Ana: …"), whether or not the panel is open. The messages already there when the map opened
 * are not read out.
 */
export function CommentsAnnouncer({ threads, ready, me }: CommentsAnnouncerProps) {
  const { t } = useI18n();
  const seen = useRef<Set<string> | null>(null);
  const [spoken, setSpoken] = useState('');

  useEffect(() => {
    if (!ready) return;
    const ids = threads.flatMap((thread) => thread.messages);
    if (seen.current === null) {
      seen.current = new Set(ids.map((m) => m.id));
      return;
    }
    const known = seen.current;
    const fresh = ids.filter((m) => !known.has(m.id));
    for (const message of fresh) known.add(message.id);
    const news = fresh.filter((m) => m.authorId !== me && !m.deleted);
    const last = news.at(-1);
    if (!last) return;
    setSpoken(
      news.length === 1
        ? fill(t('comments.announceOne'), {
            name: last.authorName,
            body: last.body.slice(0, SPOKEN_CHARS),
          })
        : fill(t('comments.announceMany'), { count: news.length }),
    );
  }, [threads, ready, me, t]);

  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="comments-live">
      {spoken}
    </div>
  );
}
