import { HocuspocusProvider } from '@hocuspocus/provider';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Target } from './protocol.ts';

/** One benchmark client: its own Y.Doc and its own WebSocket (as one browser tab would have). */
export interface BenchClient {
  readonly doc: Y.Doc;
  /** Resolves after the first full sync with the server; rejects on refused authentication. */
  readonly synced: Promise<void>;
  /** Updates sent and not yet acknowledged (Hocuspocus only; y-websocket has no acks). */
  unacked(): number;
  /** Counts socket closes after the first sync (each one means a reconnect and resync). */
  disconnects(): number;
  destroy(): void;
}

/**
 * Connects a fresh client with the provider its server speaks (Node 24 global WebSocket).
 * `presence`: awareness fields it announces, as the web client does (its provider then renews
 * them every 15 s); none when absent.
 */
export function connectClient(target: Target, presence?: Record<string, unknown>): BenchClient {
  const doc = new Y.Doc();
  let closes = 0;
  let isSynced = false;
  if (target.provider === 'hocuspocus') {
    const provider = new HocuspocusProvider({
      url: target.wsUrl,
      name: target.documentName,
      document: doc,
      token: target.token,
    });
    for (const [field, value] of Object.entries(presence ?? {})) {
      provider.setAwarenessField(field, value);
    }
    const synced = new Promise<void>((resolve, reject) => {
      provider.on('synced', () => {
        isSynced = true;
        resolve();
      });
      provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
        reject(new Error(`authentication failed: ${reason}`)),
      );
    });
    provider.on('close', () => {
      if (isSynced) closes += 1;
    });
    return {
      doc,
      synced,
      unacked: () => provider.unsyncedChanges,
      disconnects: () => closes,
      destroy() {
        provider.destroy();
        doc.destroy();
      },
    };
  }
  const provider = new WebsocketProvider(target.wsUrl, target.documentName, doc, {
    // Otherwise providers of one process would sync through BroadcastChannel, not the server.
    disableBc: true,
  });
  for (const [field, value] of Object.entries(presence ?? {})) {
    provider.awareness.setLocalStateField(field, value);
  }
  const synced = new Promise<void>((resolve) => {
    provider.on('sync', (done: boolean) => {
      if (!done) return;
      isSynced = true;
      resolve();
    });
  });
  provider.on('connection-close', () => {
    if (isSynced) closes += 1;
  });
  return {
    doc,
    synced,
    unacked: () => 0,
    disconnects: () => closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
