import type {
  Extension,
  afterLoadDocumentPayload,
  beforeUnloadDocumentPayload,
} from '@hocuspocus/server';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { parseDocName, type MapId } from '../../../shared/index.ts';
import type { ActivityOptions } from '../../activity/activityOptions.ts';
import { userOfOrigin } from '../../activity/connectionUser.ts';
import { itemLabel, itemRoots, touchedItems, type ItemKind } from '../../activity/touchedItems.ts';
import type { ItemChangeRecord } from '../../storage/rows.ts';
import type { ChangeStore } from '../../storage/storage.ts';
import { isLoadOrigin, isRedisOrigin } from '../origins.ts';

/** Settings of the change attribution extension. */
export interface ChangeAttributionConfiguration {
  changes: ChangeStore;
  logger: Logger;
  options: Pick<ActivityOptions, 'flushIntervalMs' | 'windowMs' | 'retentionMs'>;
}

/** How often old rows are pruned (the first time soon after start). */
const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * Change attribution ("since your last visit", issue 10): who created, changed or deleted which
 * card, stage and lane of a map, taken from the connection that sent each update, so it covers
 * what happened while anyone else was away.
 *
 * Kept off the typing hot path: each transaction of a map document is read once in the Y.Doc's
 * 'afterTransaction' event (Hocuspocus's onChange has no transaction, and by the 'update' event
 * deleted content is already collected, so the label of a deleted item would be gone), the touched
 * items go into an in-memory table coalesced by (map, person, item, kind of change, window), and
 * that table is written in one batch every `flushIntervalMs`, when a document unloads and on
 * shutdown (onDestroy). Updates relayed by Redis were attributed by the instance that received
 * them, and the server's own writes (its load from storage, migrations) are nobody's, so both are
 * skipped. Labels are kept per document for every item (computed at load and after each change),
 * so a deleted item is recorded with its label from just before the deletion.
 */
export class ChangeAttributionExtension implements Extension {
  readonly extensionName = 'change-attribution';
  readonly priority = 15;
  readonly #config: ChangeAttributionConfiguration;
  readonly #pending = new Map<string, ItemChangeRecord>();
  #timer: NodeJS.Timeout | undefined;
  #lastPrune = 0;
  #flushing: Promise<void> = Promise.resolve();

  constructor(config: ChangeAttributionConfiguration) {
    this.#config = config;
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const target = parseDocName(documentName);
    if (target?.kind !== 'map') return;
    const doc: Y.Doc = document;
    const roots = itemRoots(doc);
    // Every item's label, read before the first change after the load (a deletion needs the
    // label from before it) rather than at the load: on a big map that read takes tens of ms,
    // which the first reader would otherwise wait for before their sync reply.
    let known: Map<string, string> | null = null;
    const readLabels = (): Map<string, string> => {
      const read = new Map<string, string>();
      for (const [root, kind] of roots) {
        for (const id of (root as Y.Map<unknown>).keys()) {
          read.set(`${kind}:${id}`, itemLabel(doc, kind, id) ?? '');
        }
      }
      return read;
    };
    doc.on('beforeTransaction', () => {
      known ??= readLabels();
    });
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      const labels = (known ??= readLabels());
      if (transaction.changed.size === 0) return;
      const touched = touchedItems(transaction, roots);
      if (touched.length === 0) return;
      const origin: unknown = transaction.origin;
      const user = isRedisOrigin(origin) || isLoadOrigin(origin) ? null : userOfOrigin(origin);
      const now = Date.now();
      for (const { kind, id, change } of touched) {
        const key = `${kind}:${id}`;
        let label: string;
        if (change === 'deleted') {
          label = labels.get(key) ?? '';
          labels.delete(key);
        } else {
          label = itemLabel(doc, kind, id) ?? '';
          labels.set(key, label);
        }
        if (user) this.#note(target.mapId, user, kind, id, change, label, now);
      }
    });
  }

  async beforeUnloadDocument(_payload: beforeUnloadDocumentPayload): Promise<void> {
    await this.flush();
  }

  async onDestroy(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  /** Writes every pending row now (one batch); rows that fail stay pending for the next try. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  #note(
    mapId: MapId,
    user: { id: string; department: string | null },
    kind: ItemKind,
    itemId: string,
    change: ItemChangeRecord['change'],
    label: string,
    now: number,
  ): void {
    const windowStart = now - (now % this.#config.options.windowMs);
    const key = `${mapId}|${user.id}|${kind}|${itemId}|${change}|${windowStart}`;
    const row = this.#pending.get(key);
    if (row) {
      row.lastAt = now;
      row.label = label;
      row.department = user.department;
    } else {
      this.#pending.set(key, {
        mapId,
        userId: user.id,
        department: user.department,
        kind,
        itemId,
        change,
        label,
        windowStart,
        firstAt: now,
        lastAt: now,
      });
    }
    this.#timer ??= setInterval(() => void this.flush(), this.#config.options.flushIntervalMs);
    this.#timer.unref();
  }

  async #write(): Promise<void> {
    const now = Date.now();
    if (this.#pending.size > 0) {
      const batch = [...this.#pending.entries()];
      this.#pending.clear();
      try {
        await this.#config.changes.record(batch.map(([, row]) => row));
      } catch (error) {
        this.#config.logger.warn(
          { err: error, rows: batch.length },
          'change attribution not stored',
        );
        // Back into the table (merged with what came meanwhile) for the next flush.
        for (const [key, row] of batch) {
          const newer = this.#pending.get(key);
          if (newer) newer.firstAt = Math.min(newer.firstAt, row.firstAt);
          else this.#pending.set(key, row);
        }
        return;
      }
    }
    if (now - this.#lastPrune >= PRUNE_EVERY_MS) {
      this.#lastPrune = now;
      try {
        await this.#config.changes.prune(now - this.#config.options.retentionMs);
      } catch (error) {
        this.#config.logger.warn({ err: error }, 'old change attribution not pruned');
      }
    }
  }
}
