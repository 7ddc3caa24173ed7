import type { ThreadAnchor } from './comments.ts';

/**
 * `GET /api/maps/:id/since-last-visit` (issue 10): what other people did on a map after the end
 * of my previous visit (or my last dismissal, whichever is later). Shared by server and client.
 */
export interface SinceLastVisitJson {
  /** ISO time the lists start after; null on a first visit (then every list is empty). */
  since: string | null;
  /** One entry per card, stage or lane, newest first. */
  items: SinceItemJson[];
  threads: {
    created: SinceThreadEventJson[];
    replies: SinceThreadEventJson[];
    resolved: SinceThreadEventJson[];
  };
}

/** A card, stage or lane someone else created, changed or deleted. */
export interface SinceItemJson {
  kind: 'card' | 'stage' | 'lane';
  id: string;
  change: 'created' | 'changed' | 'deleted';
  /** Card text / stage name / lane title when last changed (before deletion when deleted). */
  label: string;
  byId: string;
  byName: string;
  /** The person's department id at the time (GET /api/departments names it). */
  byDepartment?: string;
  at: string;
}

/** A thread created, replied to or resolved by someone else. */
export interface SinceThreadEventJson {
  threadId: string;
  anchor: ThreadAnchor;
  byName: string;
  at: string;
}
