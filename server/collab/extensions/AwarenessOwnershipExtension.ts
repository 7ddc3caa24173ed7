import type {
  Extension,
  beforeHandleAwarenessPayload,
  onDisconnectPayload,
} from '@hocuspocus/server';
import type { AuthenticatedContext } from '../context.ts';
import type { Rejections } from '../guards/rejections.ts';

/** Settings of the awareness ownership guard. */
export interface AwarenessOwnershipConfiguration {
  /** Where dropped states are logged and counted. */
  rejections: Rejections;
  /**
   * Awareness client ids one connection may own on one document. A browser tab has one Y.Doc
   * clientID per document; a few more cover a document re-created on the same socket.
   */
  maxClientIdsPerConnection?: number;
}

/** Default cap of client ids per connection and document. */
export const DEFAULT_MAX_AWARENESS_CLIENTS = 4;

/** Who owns one awareness client id on a document. */
interface Owner {
  socketId: string;
  userId: string;
}

/** Ownership on one document: client id -> owner, and socket -> the ids it owns. */
interface DocumentOwnership {
  owners: Map<number, Owner>;
  bySocket: Map<string, Set<number>>;
}

/**
 * Awareness states belong to the connection that announced them. A connection owns the client
 * ids it is first to announce with a non-empty state, up to a small cap; any state (or removal)
 * for an id owned by another person's connection, or beyond the cap, is dropped before it is
 * applied or broadcast, so nobody can overwrite, remove or flood other people's presence. The
 * same account may take over an id from its own older connection (a reconnect that the server
 * has not noticed closing yet). Runs before PresenceExtension, which stamps what is left.
 */
export class AwarenessOwnershipExtension implements Extension {
  readonly extensionName = 'awareness-ownership';
  readonly priority = 25;
  readonly #rejections: Rejections;
  readonly #max: number;
  readonly #documents = new Map<string, DocumentOwnership>();

  constructor(config: AwarenessOwnershipConfiguration) {
    this.#rejections = config.rejections;
    this.#max = config.maxClientIdsPerConnection ?? DEFAULT_MAX_AWARENESS_CLIENTS;
  }

  async beforeHandleAwareness({
    connection,
    context,
    documentName,
    socketId,
    states,
  }: beforeHandleAwarenessPayload<AuthenticatedContext>): Promise<void> {
    if (!connection) return; // server-side writes (no socket) are trusted
    const userId = context?.user.id;
    let ownership = this.#documents.get(documentName);
    if (!ownership) this.#documents.set(documentName, (ownership = newOwnership()));
    let mine = ownership.bySocket.get(socketId);
    if (!mine) ownership.bySocket.set(socketId, (mine = new Set()));
    let dropped = 0;
    for (const [clientId, state] of states) {
      if (mine.has(clientId)) continue;
      const owner = ownership.owners.get(clientId);
      // Hocuspocus decodes the update into a scratch Awareness whose own empty state shows up
      // here too (it is never applied: clock 0); an empty state claims nothing.
      const claims = state !== null && Object.keys(state).length > 0;
      const mayTake = owner === undefined || (userId !== undefined && owner.userId === userId);
      if (!userId || !claims || !mayTake || mine.size >= this.#max) {
        states.delete(clientId);
        if (claims || state === null) dropped += 1;
        continue;
      }
      if (owner) ownership.bySocket.get(owner.socketId)?.delete(clientId);
      ownership.owners.set(clientId, { socketId, userId });
      mine.add(clientId);
    }
    if (dropped > 0) {
      this.#rejections.report(
        'awareness_not_owned',
        { documentName, socketId, dropped },
        'dropped awareness states the connection does not own',
      );
    }
  }

  async onDisconnect({ documentName, socketId }: onDisconnectPayload): Promise<void> {
    const ownership = this.#documents.get(documentName);
    const mine = ownership?.bySocket.get(socketId);
    if (!ownership || !mine) return;
    for (const clientId of mine) {
      if (ownership.owners.get(clientId)?.socketId === socketId) ownership.owners.delete(clientId);
    }
    ownership.bySocket.delete(socketId);
    if (ownership.bySocket.size === 0) this.#documents.delete(documentName);
  }
}

function newOwnership(): DocumentOwnership {
  return { owners: new Map(), bySocket: new Map() };
}
