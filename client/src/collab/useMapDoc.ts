import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import { mapDocName, type MapId } from '../../../shared/index.ts';
import { SCHEMA_OUTDATED_REASON, UNAUTHENTICATED } from '../../../shared/close-codes.ts';
import { limitReason, type LimitReason } from './limitReason.ts';
import { isMapUnavailable, isStorageUnavailable } from './mapUnavailable.ts';
import { collabUrl } from './collabUrl.ts';
import { localCopyName } from './localCopies.ts';
import { browserHints } from './browserHints.ts';
import { watchLiveness } from './watchLiveness.ts';
import { markBoot } from '../perf/bootMarks.ts';
import { openProvider } from './openProvider.ts';
import { quietFirstSync } from './quietFirstSync.ts';
import { adoptEarlyConnection, FOLLOWED_EVENTS, type FollowedEvent } from './earlyConnection.ts';

/** Connection state of one map document, as the UI shows it. */
export interface MapConnection {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /**
   * The map page's one WebSocket: the map's provider and the server-owned documents beside it
   * (the comments mirror) share it, multiplexed, so a page holds one connection, one liveness
   * watch and one reconnect loop.
   */
  socket: HocuspocusProviderWebsocket;
  /** 'connected' once the socket is open; 'disconnected' while offline (edits are kept locally). */
  status: 'connecting' | 'connected' | 'disconnected';
  /** Local changes the server has not acknowledged yet. */
  unsynced: number;
  /** The server's state has been received at least once (or the local copy was loaded). */
  ready: boolean;
  /** Why the server refused the document, if it did. */
  denied: string | null;
  /**
   * The server could not load this map (logged and counted there). The provider keeps retrying
   * with back-off; cleared once a sync succeeds.
   */
  unavailable: boolean;
  /** The server could not store changes (STORAGE_UNAVAILABLE) and the map has not synced since. */
  storageFailing: boolean;
  /** The server runs a newer map schema: this page must be reloaded before editing. */
  outdated: boolean;
  /** The server accepts reads only from this connection (commenter, viewer). */
  readOnly: boolean;
  /** Times the server authenticated this connection: grows after a role change reconnects it. */
  authentications: number;
  /** The last limit the server closed this connection for, with when (to show a notice). */
  refused: { reason: LimitReason; at: number } | null;
}

function toStatus(status: WebSocketStatus): MapConnection['status'] {
  if (status === WebSocketStatus.Connected) return 'connected';
  if (status === WebSocketStatus.Connecting) return 'connecting';
  return 'disconnected';
}

/**
 * Opens a map's Y.Doc: a local IndexedDB copy kept per user (edits survive offline and reloads;
 * deleted when access to the map is lost) plus the Hocuspocus provider that syncs it with the
 * server. Closes both when the map is left.
 */
export function useMapDoc(mapId: MapId, userId: string): MapConnection | null {
  const [connection, setConnection] = useState<MapConnection | null>(null);

  useEffect(() => {
    const name = mapDocName(mapId);
    // Opened while the page asked who is signed in (earlyConnection.ts), or now.
    const early = adoptEarlyConnection(mapId, userId);
    const doc = early?.doc ?? new Y.Doc();
    const local = new IndexeddbPersistence(localCopyName(userId, name), doc);
    const socket = early?.socket ?? new HocuspocusProviderWebsocket({ url: collabUrl() });
    const provider = early?.provider ?? openProvider(socket, name, doc);
    const stopQuietSync = quietFirstSync(doc, provider, local);
    let state: MapConnection = {
      doc,
      provider,
      socket,
      status: 'connecting',
      unsynced: 0,
      ready: false,
      denied: null,
      unavailable: false,
      storageFailing: false,
      outdated: false,
      readOnly: false,
      authentications: 0,
      refused: null,
    };
    const update = (patch: Partial<MapConnection>) => {
      state = { ...state, ...patch };
      setConnection(state);
    };
    update({});
    const handlers: Record<FollowedEvent, (payload: never) => void> = {
      status: ({ status }: { status: WebSocketStatus }) => {
        if (status === WebSocketStatus.Connected) markBoot('socket-open');
        update({ status: toStatus(status) });
      },
      synced: () => {
        markBoot('synced');
        update({ ready: true, unavailable: false, storageFailing: false });
      },
      close: ({ event }: { event: { code: number; reason: string } }) => {
        if (isMapUnavailable(event.code, event.reason)) update({ unavailable: true });
        if (isStorageUnavailable(event.code, event.reason)) update({ storageFailing: true });
        const refused = limitReason(event.code, event.reason);
        if (refused) update({ refused: { reason: refused, at: Date.now() } });
      },
      authenticated: ({ scope }: { scope: string }) =>
        update({
          readOnly: scope === 'readonly',
          denied: null,
          authentications: state.authentications + 1,
        }),
      unsyncedChanges: ({ number }: { number: number }) => update({ unsynced: number }),
      authenticationFailed: ({ reason }: { reason: string }) => {
        if (reason.startsWith(SCHEMA_OUTDATED_REASON)) {
          update({ outdated: true });
          return;
        }
        if (isMapUnavailable(null, reason)) {
          update({ unavailable: true });
          return;
        }
        // The server could not read the session or the role: not a refusal. Its socket closes
        // and the provider tries again; the local copy (and any change not yet sent) stays.
        if (isStorageUnavailable(null, reason)) {
          update({ storageFailing: true });
          return;
        }
        // No access any more (removed, or now a customer): the local copy must not outlive it.
        // An expired session keeps it, so edits made offline still reach the server after login.
        if (reason !== UNAUTHENTICATED.reason) void local.clearData();
        update({ denied: reason });
      },
    };
    for (const event of FOLLOWED_EVENTS) provider.on(event, handlers[event]);
    // What the early connection saw before this page was ready for it, in order.
    for (const [event, payload] of early?.events ?? []) handlers[event](payload as never);
    // Gives up a silent socket within seconds, so the status above does not claim a dead one.
    const stopLiveness = watchLiveness(provider, { hints: browserHints() });
    void local.whenSynced.then(() => {
      if (local.synced && doc.share.size > 0) update({ ready: true });
    });
    return () => {
      stopLiveness();
      stopQuietSync();
      provider.destroy();
      socket.destroy();
      void local.destroy();
      doc.destroy();
      setConnection(null);
    };
  }, [mapId, userId]);

  return connection;
}
