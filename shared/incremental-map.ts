import * as Y from 'yjs';
import { fragmentText } from './card-body.ts';
import { mapRoots, recordEntries, type MapRoots } from './doc-schema.ts';
import type { CardId, LaneId, StageId } from './ids.ts';
import { compareOrdered } from './ordering.ts';
import type { MapView } from './read-map.ts';
import { readCard, readCardBody, type CardView } from './records/card.ts';
import { readLane, type LaneView } from './records/lane.ts';
import { readMeta, type MapMeta } from './records/meta.ts';
import { readPersona, type PersonaView } from './records/persona.ts';
import { readStage, type StageView } from './records/stage.ts';

/** The key of one cell (a stage × lane pair) in `cellKey`-indexed structures. */
export function cellKey(stageId: string, laneId: string): string {
  return `${stageId}\u0000${laneId}`;
}

/** What one `flush` changed; every set holds ids whose views are new objects. */
export interface MapChanges {
  /** Cards whose view changed, appeared or disappeared. */
  readonly cards: ReadonlySet<CardId>;
  /** Cells (see `cellKey`) whose list of cards is a new array. */
  readonly cells: ReadonlySet<string>;
  /** Stages or lanes changed: their arrays are new, and so may be any cell's placement. */
  readonly structure: boolean;
  /** Personas or map-level fields changed. */
  readonly other: boolean;
  /** Only text inside card bodies changed (a keystroke): labels, not structure. */
  readonly textOnly: boolean;
}

const EMPTY: readonly CardView[] = Object.freeze([]);

/** True when a change happened inside rich text (a card body, a persona field). */
function isTextEvent(event: Y.YEvent<Y.AbstractType<unknown>>): boolean {
  const target = event.target;
  return (
    target instanceof Y.XmlFragment || target instanceof Y.XmlText || target instanceof Y.XmlElement
  );
}

/** Shallow equality of two card views, one level into objects and arrays (priority, lists). */
function sameCard(a: CardView, b: CardView): boolean {
  const keysA = Object.keys(a) as Array<keyof CardView>;
  if (keysA.length !== Object.keys(b).length) return false;
  for (const key of keysA) {
    const x: unknown = a[key];
    const y: unknown = b[key];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    const ex = Object.entries(x);
    if (ex.length !== Object.keys(y).length) return false;
    for (const [k, v] of ex) if ((y as Record<string, unknown>)[k] !== v) return false;
  }
  return true;
}

/**
 * A map document read once, then kept up to date from the Yjs events of each change, reading
 * again only what changed: a colleague's edit of one card re-reads that card, rebuilds the one or
 * two cells it touches, and leaves every other card's view (the same object) alone, so a board
 * that renders from these views re-renders that card only. `view` equals `readMap(doc)` at every
 * flush (a property test holds it to that).
 */
export class IncrementalMap {
  private readonly roots: MapRoots;
  private readonly cards = new Map<CardId, CardView>();
  /** Card ids by cell, whether or not the cell's stage and lane exist. */
  private readonly members = new Map<string, Set<CardId>>();
  /** Sorted card views by cell; only cells that were asked for or changed. */
  private readonly cellViews = new Map<string, readonly CardView[]>();
  private stageList: readonly StageView[] = [];
  private laneList: readonly LaneView[] = [];
  private personaList: readonly PersonaView[] = [];
  private meta: MapMeta;
  private cachedView: MapView | null = null;

  private readonly dirtyCards = new Set<CardId>();
  private dirtyStructure = false;
  private dirtyPersonas = false;
  private dirtyMeta = false;
  private onlyText = true;

  constructor(doc: Y.Doc) {
    this.roots = mapRoots(doc);
    this.meta = readMeta(this.roots.meta);
    this.readStructure();
    this.personaList = this.readPersonas();
    for (const [id] of recordEntries(this.roots.cards)) this.readOne(id as CardId);
  }

  /**
   * Notes the changes of every transaction on the map's roots and calls `onDirty` after each
   * one (the caller decides when to `flush`, e.g. once per animation frame). Returns the stop.
   */
  observe(onDirty: () => void): () => void {
    const note = (root: keyof MapRoots) => (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      for (const event of events) this.note(root, event);
      onDirty();
    };
    const stops = (Object.keys(this.roots) as Array<keyof MapRoots>).map((root) => {
      const handler = note(root);
      this.roots[root].observeDeep(handler);
      return () => this.roots[root].unobserveDeep(handler);
    });
    return () => {
      for (const stop of stops) stop();
    };
  }

  private note(root: keyof MapRoots, event: Y.YEvent<Y.AbstractType<unknown>>): void {
    if (!isTextEvent(event)) this.onlyText = false;
    switch (root) {
      case 'cards':
        if (event.target === this.roots.cards) {
          for (const key of event.changes.keys.keys()) this.dirtyCards.add(key as CardId);
        } else {
          const id = event.path[0];
          if (typeof id === 'string') this.dirtyCards.add(id as CardId);
        }
        return;
      case 'stages':
      case 'lanes':
        this.dirtyStructure = true;
        return;
      case 'personas':
        this.dirtyPersonas = true;
        return;
      case 'meta':
        this.dirtyMeta = true;
    }
  }

  /** True when changes are waiting for `flush`. */
  get dirty(): boolean {
    return this.dirtyCards.size > 0 || this.dirtyStructure || this.dirtyPersonas || this.dirtyMeta;
  }

  /** Reads what changed since the last flush; null when nothing did. */
  flush(): MapChanges | null {
    if (!this.dirty) return null;
    const cards = new Set<CardId>();
    const cells = new Set<string>();
    for (const id of this.dirtyCards) {
      const before = this.cards.get(id);
      const after = this.readOne(id);
      if (before === after) continue;
      cards.add(id);
      if (before) cells.add(cellKey(before.stageId, before.laneId));
      if (after) cells.add(cellKey(after.stageId, after.laneId));
    }
    for (const key of cells) this.cellViews.delete(key);
    const structure = this.dirtyStructure;
    if (structure) this.readStructure();
    if (this.dirtyPersonas) this.personaList = this.readPersonas();
    if (this.dirtyMeta) this.meta = readMeta(this.roots.meta);
    const other = this.dirtyPersonas || this.dirtyMeta;
    const textOnly = this.onlyText && !structure && !other;
    this.dirtyCards.clear();
    this.dirtyStructure = false;
    this.dirtyPersonas = false;
    this.dirtyMeta = false;
    this.onlyText = true;
    if (cards.size === 0 && cells.size === 0 && !structure && !other) return null;
    this.cachedView = null;
    return { cards, cells, structure, other, textOnly };
  }

  /** Reads one card again; keeps the old view object when nothing in it changed. */
  private readOne(id: CardId): CardView | undefined {
    const before = this.cards.get(id);
    const record = this.roots.cards.get(id);
    if (!(record instanceof Y.Map)) {
      if (before) {
        this.cards.delete(id);
        this.members.get(cellKey(before.stageId, before.laneId))?.delete(id);
      }
      return undefined;
    }
    const body = readCardBody(record);
    const read = readCard(id, record, body ? fragmentText(body) : '');
    if (before && sameCard(before, read)) return before;
    if (before) this.members.get(cellKey(before.stageId, before.laneId))?.delete(id);
    const key = cellKey(read.stageId, read.laneId);
    let set = this.members.get(key);
    if (!set) this.members.set(key, (set = new Set()));
    set.add(id);
    this.cards.set(id, read);
    return read;
  }

  private readStructure(): void {
    const stages = recordEntries(this.roots.stages)
      .map(([id, m]) => readStage(id, m))
      .sort(compareOrdered);
    const lanes = recordEntries(this.roots.lanes)
      .map(([id, m]) => readLane(id, m))
      .sort(compareOrdered);
    // Keep the arrays (and so everything rendered from them) when nothing in them changed.
    if (!sameList(stages, this.stageList)) this.stageList = stages;
    if (!sameList(lanes, this.laneList)) this.laneList = lanes;
  }

  private readPersonas(): readonly PersonaView[] {
    return recordEntries(this.roots.personas)
      .map(([id, m]) => readPersona(id, m))
      .sort(compareOrdered);
  }

  /** Stages, left to right. The same array until a stage changes. */
  get stages(): readonly StageView[] {
    return this.stageList;
  }

  /** Lanes, top to bottom. The same array until a lane changes. */
  get lanes(): readonly LaneView[] {
    return this.laneList;
  }

  /** One card's view (placed or not); the same object until that card changes. */
  card(id: string): CardView | undefined {
    return this.cards.get(id as CardId);
  }

  /** The cards of one cell, top to bottom; the same array until that cell changes. */
  cell(stageId: StageId, laneId: LaneId): readonly CardView[] {
    const key = cellKey(stageId, laneId);
    const cached = this.cellViews.get(key);
    if (cached) return cached;
    const ids = this.members.get(key);
    if (!ids || ids.size === 0) return EMPTY;
    const list: CardView[] = [];
    for (const id of ids) {
      const card = this.cards.get(id);
      if (card) list.push(card);
    }
    list.sort(compareOrdered);
    this.cellViews.set(key, list);
    return list;
  }

  /** The whole map as `readMap` would read it, assembled from the views kept here. */
  get view(): MapView {
    if (this.cachedView) return this.cachedView;
    const stageIds = new Set<string>(this.stageList.map((s) => s.id));
    const laneIds = new Set<string>(this.laneList.map((l) => l.id));
    const cards: CardView[] = [];
    for (const lane of this.laneList) {
      for (const stage of this.stageList) cards.push(...this.cell(stage.id, lane.id));
    }
    const unplaced: CardView[] = [];
    for (const card of this.cards.values()) {
      if (!stageIds.has(card.stageId) || !laneIds.has(card.laneId)) unplaced.push(card);
    }
    unplaced.sort(compareOrdered);
    this.cachedView = {
      meta: this.meta,
      stages: this.stageList,
      lanes: this.laneList,
      cards,
      unplaced,
      personas: this.personaList,
    };
    return this.cachedView;
  }
}

function sameList<T extends object>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((item, i) => {
    const other = b[i];
    if (!other) return false;
    const ea = Object.entries(item);
    return (
      ea.length === Object.keys(other).length &&
      ea.every(([k, v]) => (other as Record<string, unknown>)[k] === v)
    );
  });
}
