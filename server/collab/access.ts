import type { Connection, Hocuspocus } from '@hocuspocus/server';
import { ACCESS_CHANGED, SESSION_REVOKED, type CloseEvent } from '../../shared/close-codes.ts';
import {
  commentsDocName,
  customerDocName,
  mapDocName,
  validationDocName,
  actionsDocName,
  votesDocName,
} from '../../shared/doc-names.ts';
import type { MapId } from '../../shared/ids.ts';
import type { AuthenticatedContext } from './context.ts';

/**
 * What routes and commands need to make an access change bite on open collaboration connections.
 * CollabAccess (this process only) and server/cluster/ClusteredCollabAccess.ts (every instance,
 * through Redis) both implement it, so callers depend on this interface, not on either class.
 */
export interface CollabAccessControl {
  /** Closes every connection of the user on any document of the map; returns how many here. */
  closeMember(mapId: MapId, userId: string): number;
  /** Closes every connection authenticated by one of these sessions; returns how many here. */
  closeSessions(sessionIds: readonly string[]): number;
  /** Closes every connection to any document of a deleted map (Hocuspocus's reset close). */
  closeMap(mapId: MapId): void;
}

/**
 * Makes access changes take effect on open collaboration connections at once: closes the sockets
 * of the affected connections with a shared close code; the client reconnects, authenticates
 * again and gets its new role (read-only, refused, ...).
 */
export class CollabAccess implements CollabAccessControl {
  readonly #hocuspocus: Hocuspocus;

  constructor(hocuspocus: Hocuspocus) {
    this.#hocuspocus = hocuspocus;
  }

  /** Closes every connection of the user on any document of the map; returns how many. */
  closeMember(mapId: MapId, userId: string): number {
    return this.#closeWhere(
      (context) => context.target?.mapId === mapId && context.user?.id === userId,
      ACCESS_CHANGED,
    );
  }

  /** Closes every connection authenticated by one of these sessions; returns how many. */
  closeSessions(sessionIds: readonly string[]): number {
    if (sessionIds.length === 0) return 0;
    const ids = new Set(sessionIds);
    return this.#closeWhere(
      (context) => context.sessionId != null && ids.has(context.sessionId),
      SESSION_REVOKED,
    );
  }

  closeMap(mapId: MapId): void {
    const names = [mapDocName(mapId), commentsDocName(mapId), customerDocName(mapId)];
    const mirrors = [validationDocName(mapId), actionsDocName(mapId), votesDocName(mapId)];
    for (const name of [...names, ...mirrors]) {
      this.#hocuspocus.closeConnections(name);
    }
  }

  #closeWhere(match: (context: Partial<AuthenticatedContext>) => boolean, event: CloseEvent) {
    const doomed: Connection[] = [];
    for (const document of this.#hocuspocus.documents.values()) {
      for (const connection of document.getConnections()) {
        if (match(connection.context as Partial<AuthenticatedContext>)) doomed.push(connection);
      }
    }
    for (const connection of doomed) closeConnection(connection, event);
    return doomed.length;
  }
}

/**
 * Closes one document connection and its socket. Hocuspocus 4's `connection.close` only detaches
 * the document (the provider would stay unauthenticated on a live socket); closing the socket
 * makes the provider reconnect and run onAuthenticate again.
 */
export function closeConnection(connection: Connection, event: CloseEvent): void {
  connection.close({ code: event.code, reason: event.reason });
  connection.webSocket.close(event.code, event.reason);
}
