import type * as Y from 'yjs';
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';

/** The provider of one document on the page's socket (the cookie authenticates it). */
export function openProvider(
  socket: HocuspocusProviderWebsocket,
  name: string,
  doc: Y.Doc,
): HocuspocusProvider {
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token: '',
  });
  // A provider given a shared socket does not attach itself.
  provider.attach();
  return provider;
}
