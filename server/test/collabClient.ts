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

/** Connects a client to map:<id> (or another document) on a running server. */
export function connectClient(
  serverUrl: string,
  documentName: string,
  options: { token?: string } = {},
): TestClient {
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({
    url: `${serverUrl.replace(/^http/, 'ws')}/collab`,
    name: documentName,
    document: doc,
    token: options.token ?? '',
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
export function connectMap(serverUrl: string, mapId: string, options: { token?: string } = {}): TestClient {
  return connectClient(serverUrl, mapDocName(mapId as MapId), options);
}
