import type {
  Extension,
  afterLoadDocumentPayload,
  beforeUnloadDocumentPayload,
  onDisconnectPayload,
} from '@hocuspocus/server';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { parseDocName, type MapId } from '../../../shared/index.ts';
import { userOfOrigin } from '../../activity/connectionUser.ts';
import type { MapStore, VersionStore } from '../../storage/storage.ts';
import type { VersionOptions } from '../../versions/versionOptions.ts';
import { packState } from '../../versions/versionState.ts';

/** Settings of the versions extension. */
export interface VersionsConfiguration {
  versions: VersionStore;
  maps: Pick<MapStore, 'get'>;
  logger: Logger;
  options: VersionOptions;
}

/** What the extension remembers about one loaded map document. */
interface Tracked {
  mapId: MapId;
  doc: Y.Doc;
  /** When a connection last changed the map (ms); null when nothing changed since the last save. */
  lastChangeAt: number | null;
  /** Who made that change (the author of the auto version). */
  lastAuthorId: string | null;
  /** Saves an auto version `autoIntervalMs` after the first unsaved change. */
  timer: NodeJS.Timeout | undefined;
  /** The save in progress, so two saves of one map never run together. */
  saving: Promise<void>;
}

/**
 * Automatic versions of maps (issue 13): one full Yjs update of a map document
 * (Y.encodeStateAsUpdate, compressed: versionState.ts) at the end of each editing session (the
 * last connection of this instance leaves, or the document unloads) and at least every
 * `autoIntervalMs` while it is being edited, but only when a connection changed it since its last version: the server's own writes
 * (its load from storage, migrations, renames, a restore) and updates relayed by Redis (the
 * instance that received them saves them) are nobody's editing session. The check against the
 * stored versions (latestCreatedAt) skips a save when a newer version already holds the change,
 * e.g. a named version someone took just before leaving, or the one a restore took.
 *
 * Auto versions older than `retentionMs` are pruned every `pruneEveryMs` (checked on each load
 * and save); named ones are kept. Only `map:<id>` documents are watched, never their mirrors.
 */
export class VersionsExtension implements Extension {
  readonly extensionName = 'versions';
  readonly priority = 12;
  readonly #config: VersionsConfiguration;
  readonly #tracked = new Map<string, Tracked>();
  #lastPrune = 0;

  constructor(config: VersionsConfiguration) {
    this.#config = config;
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const target = parseDocName(documentName);
    if (target?.kind !== 'map') return;
    const tracked: Tracked = {
      mapId: target.mapId,
      doc: document,
      lastChangeAt: null,
      lastAuthorId: null,
      timer: undefined,
      saving: Promise.resolve(),
    };
    this.#tracked.set(documentName, tracked);
    // 'update' fires once per transaction that changed something, with its origin; only
    // connections carry a person (userOfOrigin is null for load, migration, server and Redis).
    document.on('update', (_update: Uint8Array, origin: unknown) => {
      const user = userOfOrigin(origin);
      if (!user) return;
      tracked.lastChangeAt = Date.now();
      tracked.lastAuthorId = user.id;
      this.#arm(tracked);
    });
    void this.#pruneNowAndThen();
  }

  async onDisconnect({ documentName, clientsCount }: onDisconnectPayload): Promise<void> {
    if (clientsCount > 0) return;
    const tracked = this.#tracked.get(documentName);
    if (tracked) await this.#save(tracked, 'session end');
  }

  async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload): Promise<void> {
    const tracked = this.#tracked.get(documentName);
    if (!tracked) return;
    await this.#save(tracked, 'unload');
    clearTimeout(tracked.timer);
    this.#tracked.delete(documentName);
  }

  async onDestroy(): Promise<void> {
    await Promise.all(
      [...this.#tracked.values()].map((tracked) => this.#save(tracked, 'shutdown')),
    );
    for (const tracked of this.#tracked.values()) clearTimeout(tracked.timer);
  }

  /** Makes sure an auto version is saved within `autoIntervalMs` (a timer per changed map). */
  #arm(tracked: Tracked): void {
    if (tracked.timer) return;
    tracked.timer = setTimeout(
      () => void this.#save(tracked, 'interval'),
      this.#config.options.autoIntervalMs,
    );
    tracked.timer.unref();
  }

  /** Saves an auto version of the map when a connection changed it since its last version. */
  #save(tracked: Tracked, reason: string): Promise<void> {
    tracked.saving = tracked.saving.then(() => this.#saveNow(tracked, reason));
    return tracked.saving;
  }

  async #saveNow(tracked: Tracked, reason: string): Promise<void> {
    clearTimeout(tracked.timer);
    tracked.timer = undefined;
    const changedAt = tracked.lastChangeAt;
    if (changedAt === null) return;
    // Taken now, synchronously: changes arriving during the writes below mark the map again.
    const state = Y.encodeStateAsUpdate(tracked.doc);
    const authorId = tracked.lastAuthorId;
    tracked.lastChangeAt = null;
    const { versions, maps, logger } = this.#config;
    try {
      const latest = await versions.latestCreatedAt(tracked.mapId);
      if (latest === null || latest <= changedAt) {
        await versions.add({
          mapId: tracked.mapId,
          name: null,
          authorId,
          auto: true,
          state: await packState(state),
        });
      }
    } catch (error) {
      // A deleted map has no history to keep; anything else is retried at the next save.
      // (When even that read fails, the storage is down: keep the change for the next save.)
      const exists = await maps.get(tracked.mapId).then(
        (row) => row !== null,
        () => true,
      );
      if (!exists) return;
      tracked.lastChangeAt ??= changedAt;
      tracked.lastAuthorId ??= authorId;
      this.#arm(tracked);
      logger.warn({ err: error, mapId: tracked.mapId, reason }, 'auto version not stored');
      return;
    }
    await this.#pruneNowAndThen();
  }

  /** Deletes auto versions past retention, at most once every `pruneEveryMs`. */
  async #pruneNowAndThen(): Promise<void> {
    const now = Date.now();
    const { options, versions, logger } = this.#config;
    if (now - this.#lastPrune < options.pruneEveryMs) return;
    this.#lastPrune = now;
    try {
      await versions.pruneAuto(now - options.retentionMs);
    } catch (error) {
      logger.warn({ err: error }, 'old auto versions not pruned');
    }
  }
}
