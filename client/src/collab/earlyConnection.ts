import * as Y from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { mapDocName, type MapId } from '../../../shared/index.ts';
import { collabUrl } from './collabUrl.ts';
import { openProvider } from './openProvider.ts';
import { markBoot } from '../perf/bootMarks.ts';

/**
 * Opening a map's connection while the page still asks who is signed in (`GET /api/me`): the
 * socket's cookie authenticates it on its own, so on a big map the server's load and the sync
 * run beside the page's boot instead of after it. Only for a browser whose last signed-in
 * person was a team member (a hint kept in localStorage): a customer's browser never opens the
 * internal map document, not even to be refused. `useMapDoc` adopts the connection once the
 * person is known to be that member; anything else drops it.
 */

/** Where the signed-in team member's id is remembered (nothing for guests or signed out). */
const MEMBER_HINT = 'recorrido:member';
/** An early connection nobody adopted by then is closed (the page went elsewhere). */
const UNCLAIMED_MS = 15_000;

/** The provider events `useMapDoc` follows, recorded until it adopts the connection. */
export const FOLLOWED_EVENTS = [
  'status',
  'synced',
  'close',
  'authenticated',
  'unsyncedChanges',
  'authenticationFailed',
] as const;
export type FollowedEvent = (typeof FOLLOWED_EVENTS)[number];

export interface EarlyConnection {
  mapId: MapId;
  userId: string;
  doc: Y.Doc;
  socket: HocuspocusProviderWebsocket;
  provider: HocuspocusProvider;
  /** What happened before adoption, in order, for the adopter to play through its handlers. */
  events: [FollowedEvent, unknown][];
}

let early: (EarlyConnection & { stopRecording(): void; timer: number }) | null = null;

function isConnected(payload: unknown): boolean {
  return (payload as { status?: unknown } | null)?.status === WebSocketStatus.Connected;
}

/** Remembers whether the signed-in person is a team member (the early connection's hint). */
export function rememberMember(user: { id: string; guest: boolean } | null): void {
  try {
    if (user && !user.guest) localStorage.setItem(MEMBER_HINT, user.id);
    else localStorage.removeItem(MEMBER_HINT);
  } catch {
    // Storage may be off (private mode): the page then connects after /api/me, as before.
  }
  if (!user || user.guest || (early && early.userId !== user.id)) dropEarlyConnection();
}

function rememberedMember(): string | null {
  try {
    return localStorage.getItem(MEMBER_HINT);
  } catch {
    return null;
  }
}

/** Opens the connection of the map at `pathname` (/maps/:id) when a member is remembered. */
export function connectEarly(pathname: string): void {
  const match = /^\/maps\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  const userId = rememberedMember();
  if (!match?.[1] || !userId || early) return;
  const mapId = match[1] as MapId;
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: collabUrl() });
  const provider = openProvider(socket, mapDocName(mapId), doc);
  const events: [FollowedEvent, unknown][] = [];
  const recorders = FOLLOWED_EVENTS.map((name) => {
    const record = (payload: unknown) => {
      events.push([name, payload]);
      // The boot marks say when it happened, not when the page played it back.
      if (name === 'synced') markBoot('synced');
      if (name === 'status' && isConnected(payload)) markBoot('socket-open');
    };
    provider.on(name, record);
    return () => provider.off(name, record);
  });
  early = {
    mapId,
    userId,
    doc,
    socket,
    provider,
    events,
    stopRecording: () => recorders.forEach((stop) => stop()),
    timer: window.setTimeout(dropEarlyConnection, UNCLAIMED_MS),
  };
}

/**
 * The early connection of `mapId` for `userId`, handed over once (it stops recording: the
 * caller plays `events` through its handlers right after subscribing them).
 */
export function adoptEarlyConnection(mapId: MapId, userId: string): EarlyConnection | null {
  if (!early || early.mapId !== mapId || early.userId !== userId) return null;
  const adopted = early;
  early = null;
  window.clearTimeout(adopted.timer);
  adopted.stopRecording();
  return adopted;
}

/** Closes an early connection nobody adopted. */
export function dropEarlyConnection(): void {
  if (!early) return;
  const dropped = early;
  early = null;
  window.clearTimeout(dropped.timer);
  dropped.stopRecording();
  dropped.provider.destroy();
  dropped.socket.destroy();
  dropped.doc.destroy();
}
