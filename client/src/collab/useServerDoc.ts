import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { openProvider } from './openProvider.ts';

/** A server-owned document as read so far: null until its first sync. */
export interface ServerDocState<T> {
  value: T | null;
  /** The server's state has been received at least once. */
  ready: boolean;
}

/**
 * Follows a read-only, server-owned document (the comments mirror, the validation summary) through
 * a provider on the map page's socket, multiplexed beside the map's; `read` turns the document into
 * the value shown (keep it a stable, module-level function). Writes go through the HTTP commands
 * (the server refuses writes to these documents), so there is no local copy to keep. Nothing is
 * opened while `name` or `socket` is null.
 */
export function useServerDoc<T>(
  name: string | null,
  socket: HocuspocusProviderWebsocket | null,
  read: (doc: Y.Doc) => T,
): ServerDocState<T> {
  const [state, setState] = useState<ServerDocState<T>>({ value: null, ready: false });

  useEffect(() => {
    if (!name || !socket) return;
    const doc = new Y.Doc();
    const provider = openProvider(socket, name, doc);
    let ready = false;
    const publish = () => setState({ value: read(doc), ready });
    provider.on('synced', () => {
      ready = true;
      publish();
    });
    doc.on('update', publish);
    return () => {
      doc.off('update', publish);
      provider.destroy();
      doc.destroy();
      setState({ value: null, ready: false });
    };
  }, [name, socket, read]);

  return state;
}
