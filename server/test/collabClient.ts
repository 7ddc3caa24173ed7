import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { mapDocName, type MapId } from '../../shared/index.ts';

/** A Node collaboration client for tests: a fresh Y.Doc synced through the real provider. */
export interface TestClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves once the first sync with the server completed. */
  synced: Promise<void>;
  destroy(): void;
}

/** How a test client authenticates: a session token, or upgrade headers (Cookie, Origin). */
export interface ConnectOptions {
  token?: string;
  headers?: Record<string, string>;
}

function webSocketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL) {
      super(url, { headers });
    }
  };
}

/** Connects a client to map:<id> (or another document) on a running server. */
export function connectClient(
  serverUrl: string,
  documentName: string,
  options: ConnectOptions = {},
): TestClient {
  const doc = new Y.Doc();
  const { headers } = options;
  const provider = new HocuspocusProvider({
    url: `${serverUrl.replace(/^http/, 'ws')}/collab`,
    name: documentName,
    document: doc,
    token: options.token ?? '',
    // Node's WebSocket (undici) accepts request headers: a browser-like upgrade with a cookie.
    ...(headers ? { WebSocketPolyfill: webSocketWithHeaders(headers) } : {}),
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.isSynced) resolve();
    else provider.on('synced', () => resolve());
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Shorthand for a client on a map document. */
export function connectMap(
  serverUrl: string,
  mapId: string,
  options: ConnectOptions = {},
): TestClient {
  return connectClient(serverUrl, mapDocName(mapId as MapId), options);
}
