import type { Logger } from 'pino';
import type { MapId } from '../../shared/ids.ts';
import type { CollabAccessControl } from '../collab/access.ts';
import { MAX_SESSIONS_PER_MESSAGE, type ClusterBus } from './ClusterBus.ts';

export type { CollabAccessControl };

/**
 * Closes connections on every instance: closes this instance's sockets at once (synchronously, as
 * the local-only version does, so the caller's count and timing do not change), then publishes
 * the close on the bus; every other instance closes its own sockets when the message arrives.
 * This instance ignores its own message (Redis echoes it back): closing again could hit a client
 * that already reconnected with its new role. If Redis is down, the bus logs that the other
 * instances missed the message and the local close has still happened.
 */
export class ClusteredCollabAccess implements CollabAccessControl {
  readonly #local: CollabAccessControl;
  readonly #bus: ClusterBus;
  readonly #logger: Logger;
  readonly #unsubscribe: (() => void)[];

  constructor(local: CollabAccessControl, bus: ClusterBus, logger: Logger) {
    this.#local = local;
    this.#bus = bus;
    this.#logger = logger;
    this.#unsubscribe = [
      bus.on('close-member', ({ mapId, userId }, { self }) => {
        if (self) return;
        const closed = this.#local.closeMember(mapId, userId);
        if (closed > 0)
          this.#logger.info({ mapId, closed }, 'closed connections for another instance');
      }),
      bus.on('close-map', ({ mapId }, { self }) => {
        if (!self) this.#local.closeMap(mapId);
      }),
      bus.on('close-sessions', ({ sessionIds }, { self }) => {
        if (self) return;
        const closed = this.#local.closeSessions(sessionIds);
        if (closed > 0) this.#logger.info({ closed }, 'closed sessions for another instance');
      }),
    ];
  }

  closeMember(mapId: MapId, userId: string): number {
    const closed = this.#local.closeMember(mapId, userId);
    void this.#bus.publish('close-member', { mapId, userId });
    return closed;
  }

  closeSessions(sessionIds: readonly string[]): number {
    if (sessionIds.length === 0) return 0;
    const closed = this.#local.closeSessions(sessionIds);
    for (let start = 0; start < sessionIds.length; start += MAX_SESSIONS_PER_MESSAGE) {
      const chunk = sessionIds.slice(start, start + MAX_SESSIONS_PER_MESSAGE);
      void this.#bus.publish('close-sessions', { sessionIds: chunk });
    }
    return closed;
  }

  closeMap(mapId: MapId): void {
    this.#local.closeMap(mapId);
    void this.#bus.publish('close-map', { mapId });
  }

  /** Stops handling other instances' messages (the bus itself is closed by its owner). */
  dispose(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
  }
}
