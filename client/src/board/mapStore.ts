import * as Y from 'yjs';
import { IncrementalMap, cellKey, type MapChanges } from '../../../shared/index.ts';

/**
 * How long the whole-map view may lag behind while only card text changes. Cards render their
 * text live from their own fragment and their labels from their own view, so only whole-map
 * readers (panels, the title) wait for this.
 */
const TEXT_ONLY_VIEW_DELAY_MS = 400;

type Listener = () => void;

/**
 * The live read model of one open map for the board: an `IncrementalMap` flushed once per
 * animation frame, with listeners per card, per cell, for the stages and lanes, and for the
 * whole view. A remote keystroke in one card wakes that card's listeners only.
 */
export class MapStore {
  private reader: IncrementalMap;
  /** The document's state when `reader` read it, to notice changes made before `start`. */
  private readAt: Uint8Array;
  private stopObserving: (() => void) | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private frame: number | null = null;
  private viewTimer: ReturnType<typeof setTimeout> | null = null;

  private readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.reader = new IncrementalMap(doc);
    this.readAt = Y.encodeStateVector(doc);
  }

  /** Starts following the document (again, after `stop`: it reads the map afresh). */
  start(): void {
    if (this.stopObserving) return;
    // Created while rendering, started after: re-read if anything arrived in between.
    const now = Y.encodeStateVector(this.doc);
    const changed = !sameBytes(now, this.readAt);
    if (changed) {
      this.reader = new IncrementalMap(this.doc);
      this.readAt = now;
    }
    this.stopObserving = this.reader.observe(() => this.schedule());
    if (changed) {
      this.bumpView();
      this.emitAll();
    }
  }

  /** Stops following the document and drops pending work. */
  stop(): void {
    this.stopObserving?.();
    this.stopObserving = null;
    this.readAt = new Uint8Array();
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.viewTimer !== null) clearTimeout(this.viewTimer);
    this.frame = null;
    this.viewTimer = null;
  }

  private schedule(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = null;
      this.flush();
    });
  }

  /** Applies the pending changes now (normally at the next animation frame). */
  flush(): MapChanges | null {
    const changes = this.reader.flush();
    if (!changes) return null;
    for (const id of changes.cards) this.emit(`card:${id}`);
    for (const key of changes.cells) this.emit(`cell:${key}`);
    if (changes.structure) this.emit('structure');
    if (changes.textOnly) {
      this.viewTimer ??= setTimeout(() => {
        this.viewTimer = null;
        this.bumpView();
      }, TEXT_ONLY_VIEW_DELAY_MS);
    } else {
      if (this.viewTimer !== null) clearTimeout(this.viewTimer);
      this.viewTimer = null;
      this.bumpView();
    }
    return changes;
  }

  private bumpView(): void {
    this.emit('view');
  }

  private emit(key: string): void {
    const set = this.listeners.get(key);
    if (set) for (const listener of [...set]) listener();
  }

  private emitAll(): void {
    for (const set of this.listeners.values()) for (const listener of [...set]) listener();
  }

  /** Calls `listener` when what `key` names changes; returns the unsubscribe. */
  subscribe(key: string, listener: Listener): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  /** The current reader (views stay the same objects until they change). */
  get map(): IncrementalMap {
    return this.reader;
  }

  /** The listener key of one cell. */
  static cellKey(stageId: string, laneId: string): string {
    return `cell:${cellKey(stageId, laneId)}`;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
