import type { MapId } from '../../shared/ids.ts';
import type {
  SinceItemJson,
  SinceLastVisitJson,
  SinceThreadEventJson,
} from '../../shared/since-last-visit.ts';
import { FORMER_MEMBER_NAME } from '../comments/threadJson.ts';
import type { ItemChangeRow, ThreadRow, VisitRow } from '../storage/rows.ts';
import type { StorageStores } from '../storage/storage.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Where "since your last visit" starts for a person (ms), or null on a first visit: the end of the
 * previous visit, or the last dismissal if later. When the stored visit is not going on any more
 * (last seen a whole gap ago: the person's page asked before its connection arrived), that visit
 * is the previous one, ended when they were last seen.
 */
export function sinceOf(visit: VisitRow | null, now: number, visitGapMs: number): number | null {
  if (!visit) return null;
  const ongoing = visit.lastSeenAt !== null && now - visit.lastSeenAt < visitGapMs;
  const previousEnd = ongoing ? visit.previousEndedAt : visit.lastSeenAt;
  const candidates = [previousEnd, visit.dismissedAt].filter((time) => time !== null);
  return candidates.length === 0 ? null : Math.max(...candidates);
}

/**
 * One entry per item from the change rows of other people: deleted when the last thing that
 * happened to it was a deletion; otherwise created when the first thing was its creation (it did
 * not exist before), else changed. By whom, when and its label: the latest row.
 */
export function collapseChanges(rows: readonly ItemChangeRow[]): SinceItemJson[] {
  const byItem = new Map<string, ItemChangeRow[]>();
  for (const row of rows) {
    const key = `${row.kind}:${row.itemId}`;
    const list = byItem.get(key) ?? [];
    list.push(row);
    byItem.set(key, list);
  }
  const items: SinceItemJson[] = [];
  for (const list of byItem.values()) {
    // Latest last: by last time, a deletion after anything else at the same millisecond.
    const byLast = [...list].sort(
      (a, b) =>
        a.lastAt - b.lastAt || Number(a.change === 'deleted') - Number(b.change === 'deleted'),
    );
    const byFirst = [...list].sort(
      (a, b) =>
        a.firstAt - b.firstAt || Number(b.change === 'created') - Number(a.change === 'created'),
    );
    const latest = byLast[byLast.length - 1];
    const earliest = byFirst[0];
    if (!latest || !earliest) continue;
    const change =
      latest.change === 'deleted'
        ? 'deleted'
        : earliest.change === 'created'
          ? 'created'
          : 'changed';
    // The label of a deletion is the one before it; otherwise the latest non-empty one.
    const labelled = [...byLast].reverse().find((row) => row.label !== '') ?? latest;
    items.push({
      kind: latest.kind,
      id: latest.itemId,
      change,
      label: change === 'deleted' ? latest.label || labelled.label : labelled.label,
      byId: latest.userId,
      byName: latest.userName ?? FORMER_MEMBER_NAME,
      ...(latest.department ? { byDepartment: latest.department } : {}),
      at: iso(latest.lastAt),
    });
  }
  return items.sort((a, b) => b.at.localeCompare(a.at));
}

/** Threads created, replies written and threads resolved by others after `since`, newest first. */
export async function threadEvents(
  stores: Pick<StorageStores, 'users'>,
  threads: readonly ThreadRow[],
  me: string,
  since: number,
): Promise<SinceLastVisitJson['threads']> {
  const created: SinceThreadEventJson[] = [];
  const replies: SinceThreadEventJson[] = [];
  const resolved: SinceThreadEventJson[] = [];
  const names = new Map<string, string>();
  const nameOf = async (id: string) => {
    let name = names.get(id);
    if (name === undefined) {
      name = (await stores.users.byId(id))?.name ?? FORMER_MEMBER_NAME;
      names.set(id, name);
    }
    return name;
  };
  for (const thread of threads) {
    const anchor =
      thread.anchor.id === undefined ? { kind: thread.anchor.kind } : { ...thread.anchor };
    const [first, ...rest] = thread.messages;
    if (thread.createdAt > since && thread.createdBy !== null && thread.createdBy !== me) {
      created.push({
        threadId: thread.id,
        anchor,
        byName: first?.authorName ?? (await nameOf(thread.createdBy)),
        at: iso(thread.createdAt),
      });
    }
    for (const message of rest) {
      if (message.createdAt <= since || message.deletedAt !== null) continue;
      if (message.authorId === null || message.authorId === me) continue;
      replies.push({
        threadId: thread.id,
        anchor,
        byName: message.authorName ?? FORMER_MEMBER_NAME,
        at: iso(message.createdAt),
      });
    }
    if (
      thread.resolvedAt !== null &&
      thread.resolvedAt > since &&
      thread.resolvedBy !== null &&
      thread.resolvedBy !== me
    ) {
      resolved.push({
        threadId: thread.id,
        anchor,
        byName: await nameOf(thread.resolvedBy),
        at: iso(thread.resolvedAt),
      });
    }
  }
  const newestFirst = (a: SinceThreadEventJson, b: SinceThreadEventJson) =>
    b.at.localeCompare(a.at);
  return {
    created: created.sort(newestFirst),
    replies: replies.sort(newestFirst),
    resolved: resolved.sort(newestFirst),
  };
}

/** The whole answer of `GET /api/maps/:id/since-last-visit` for `me`. */
export async function sinceLastVisit(
  stores: Pick<StorageStores, 'changes' | 'visits' | 'threads' | 'users'>,
  mapId: MapId,
  me: string,
  options: { now: number; visitGapMs: number },
): Promise<SinceLastVisitJson> {
  const since = sinceOf(await stores.visits.get(mapId, me), options.now, options.visitGapMs);
  if (since === null) {
    return { since: null, items: [], threads: { created: [], replies: [], resolved: [] } };
  }
  const rows = (await stores.changes.since(mapId, since)).filter((row) => row.userId !== me);
  return {
    since: iso(since),
    items: collapseChanges(rows),
    threads: await threadEvents(stores, await stores.threads.list(mapId), me, since),
  };
}
