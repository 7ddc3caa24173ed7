import type { Extension, connectedPayload, onDisconnectPayload } from '@hocuspocus/server';
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

interface OpenVisit {
  mapId: MapId;
  userId: string;
  connections: number;
}

/**
 * Visits ("since your last visit", issue 10): a person visits a map while at least one connection
 * of theirs to `map:<id>` is open, on any instance; a gap shorter than `visitGapMs` (a reload, a
 * network drop) does not end the visit. Stored (VisitStore), not only kept here, so instances
 * agree: a connection starts or continues the visit, this instance refreshes the last-seen time
 * of the people it has connected every heartbeat (well inside the gap), and a disconnect marks
 * them seen once more. Customers never connect to the map document, so they never visit.
 */
export class VisitsExtension implements Extension {
  readonly extensionName = 'visits';
  readonly priority = 14;
  readonly #config: VisitsConfiguration;
  readonly #open = new Map<string, OpenVisit>();
  #timer: NodeJS.Timeout | undefined;

  constructor(config: VisitsConfiguration) {
    this.#config = config;
  }

  async connected({ context, documentName }: connectedPayload): Promise<void> {
    const mapId = mapOf(documentName);
    const user = userOfContext(context);
    if (!mapId || !user || user.guest) return;
    const key = `${mapId}|${user.id}`;
    const open = this.#open.get(key);
    if (open) open.connections += 1;
    else this.#open.set(key, { mapId, userId: user.id, connections: 1 });
    this.#timer ??= setInterval(() => void this.#heartbeat(), heartbeatMs(this.#config.options));
    this.#timer.unref();
    try {
      await this.#config.visits.arrive(mapId, user.id, Date.now(), this.#config.options.visitGapMs);
    } catch (error) {
      this.#config.logger.warn({ err: error, mapId }, 'visit not recorded');
    }
  }

  async onDisconnect({ context, documentName }: onDisconnectPayload): Promise<void> {
    const mapId = mapOf(documentName);
    const user = userOfContext(context);
    if (!mapId || !user || user.guest) return;
    const key = `${mapId}|${user.id}`;
    const open = this.#open.get(key);
    if (open && --open.connections <= 0) this.#open.delete(key);
    try {
      await this.#config.visits.seen([{ mapId, userId: user.id }], Date.now());
    } catch (error) {
      this.#config.logger.warn({ err: error, mapId }, 'end of visit not recorded');
    }
  }

  async onDestroy(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#heartbeat();
  }

  async #heartbeat(): Promise<void> {
    if (this.#open.size === 0) return;
    const entries = [...this.#open.values()].map(({ mapId, userId }) => ({ mapId, userId }));
    try {
      await this.#config.visits.seen(entries, Date.now());
    } catch (error) {
      this.#config.logger.warn({ err: error }, 'open visits not refreshed');
    }
  }
}

function mapOf(documentName: string): MapId | null {
  const target = parseDocName(documentName);
  return target?.kind === 'map' ? target.mapId : null;
}
