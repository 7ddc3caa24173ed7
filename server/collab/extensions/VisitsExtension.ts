import type {
  Extension,
  Hocuspocus,
  connectedPayload,
  onConfigurePayload,
  onDisconnectPayload,
} from '@hocuspocus/server';
import type { Logger } from 'pino';
import { parseDocName, type MapId } from '../../../shared/index.ts';
import { heartbeatMs, type ActivityOptions } from '../../activity/activityOptions.ts';
import { userOfContext } from '../../activity/connectionUser.ts';
import type { VisitStore } from '../../storage/storage.ts';

/** Settings of the visits extension. */
export interface VisitsConfiguration {
  visits: VisitStore;
  logger: Logger;
  options: Pick<ActivityOptions, 'visitGapMs'>;
}

/**
 * Visits ("since your last visit", issue 10): a person visits a map while at least one connection
 * of theirs to `map:<id>` is open, on any instance; a gap shorter than `visitGapMs` (a reload, a
 * network drop) does not end the visit. Stored (VisitStore), not only kept here, so instances
 * agree: a connection starts or continues the visit, every heartbeat (well inside the gap) this
 * instance refreshes the last-seen time of the people connected to its map documents (read from
 * the documents themselves, so no count can drift), and a disconnect marks them seen once more.
 * Customers never connect to the map document, so they never visit.
 */
export class VisitsExtension implements Extension {
  readonly extensionName = 'visits';
  readonly priority = 14;
  readonly #config: VisitsConfiguration;
  /**
   * The last stored write of each person on each map: writes of one person on one map run in
   * order, so a disconnect never overtakes the arrival it follows (on PostgreSQL they would race
   * on two pool connections, and a last-seen time moved before the arrival is read would make a
   * new visit look like the old one going on). Heartbeats skip whoever has a write in flight.
   */
  readonly #writes = new Map<string, Promise<void>>();
  #instance: Hocuspocus | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(config: VisitsConfiguration) {
    this.#config = config;
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.#instance = instance;
  }

  async connected({ context, documentName, instance }: connectedPayload): Promise<void> {
    const mapId = mapOf(documentName);
    const user = userOfContext(context);
    if (!mapId || !user || user.guest) return;
    this.#instance ??= instance;
    this.#timer ??= setInterval(() => void this.#heartbeat(), heartbeatMs(this.#config.options));
    this.#timer.unref();
    const now = Date.now();
    await this.#inOrder(`${mapId}|${user.id}`, async () => {
      try {
        await this.#config.visits.arrive(mapId, user.id, now, this.#config.options.visitGapMs);
      } catch (error) {
        this.#config.logger.warn({ err: error, mapId }, 'visit not recorded');
      }
    });
  }

  async onDisconnect({ context, documentName }: onDisconnectPayload): Promise<void> {
    const mapId = mapOf(documentName);
    const user = userOfContext(context);
    if (!mapId || !user || user.guest) return;
    await this.#inOrder(`${mapId}|${user.id}`, async () => {
      try {
        await this.#config.visits.seen(
          [{ mapId, userId: user.id }],
          Date.now(),
          this.#config.options.visitGapMs,
        );
      } catch (error) {
        this.#config.logger.warn({ err: error, mapId }, 'end of visit not recorded');
      }
    });
  }

  async onDestroy(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#heartbeat();
  }

  /** Runs a stored write of one person on one map after the ones before it. */
  #inOrder(key: string, write: () => Promise<void>): Promise<void> {
    const next = (this.#writes.get(key) ?? Promise.resolve()).then(write);
    this.#writes.set(key, next);
    void next.then(() => {
      if (this.#writes.get(key) === next) this.#writes.delete(key);
    });
    return next;
  }

  /** Marks everyone connected to a map document here as seen now, in one write. */
  async #heartbeat(): Promise<void> {
    const entries = new Map<string, { mapId: MapId; userId: string }>();
    for (const [name, document] of this.#instance?.documents ?? []) {
      const mapId = mapOf(name);
      if (!mapId) continue;
      for (const connection of document.getConnections()) {
        const user = userOfContext(connection.context);
        const key = `${mapId}|${user?.id ?? ''}`;
        if (!user || user.guest || this.#writes.has(key)) continue;
        entries.set(key, { mapId, userId: user.id });
      }
    }
    if (entries.size === 0) return;
    try {
      await this.#config.visits.seen(
        [...entries.values()],
        Date.now(),
        this.#config.options.visitGapMs,
      );
    } catch (error) {
      this.#config.logger.warn({ err: error }, 'open visits not refreshed');
    }
  }
}

function mapOf(documentName: string): MapId | null {
  const target = parseDocName(documentName);
  return target?.kind === 'map' ? target.mapId : null;
}
