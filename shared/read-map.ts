import type * as Y from 'yjs';
import { fragmentText } from './card-body.ts';
import { mapRoots, recordEntries } from './doc-schema.ts';
import type { LaneId, StageId } from './ids.ts';
import { compareOrdered } from './ordering.ts';
import { readCard, readCardBody } from './records/card.ts';
import type { CardView } from './records/card.ts';
import { readLane } from './records/lane.ts';
import type { LaneView } from './records/lane.ts';
import { readMeta } from './records/meta.ts';
import type { MapMeta } from './records/meta.ts';
import { readPersona } from './records/persona.ts';
import type { PersonaView } from './records/persona.ts';
import { readStage } from './records/stage.ts';
import type { StageView } from './records/stage.ts';

/**
 * A plain, immutable snapshot of a whole map. Two replicas that have seen the same updates
 * produce deep-equal views: every list is in a total order broken by id.
 */
export interface MapView {
  /** Map-level fields. */
  readonly meta: MapMeta;
  /** Columns, left to right, sorted by (order, id). */
  readonly stages: readonly StageView[];
  /** Rows, top to bottom, sorted by (order, id). */
  readonly lanes: readonly LaneView[];
  /**
   * Cards whose stage AND lane exist, sorted row by row (lane position, then stage position,
   * then (order, id) within the cell).
   */
  readonly cards: readonly CardView[];
  /**
   * Cards whose stage or lane no longer exists (deleted while someone added or moved the card
   * there). Shown in an "unplaced" tray; `placeCard` puts one back. Sorted by (order, id).
   * A card is in exactly one of `cards` and `unplaced`.
   */
  readonly unplaced: readonly CardView[];
  /** Personas, sorted by (order, id). */
  readonly personas: readonly PersonaView[];
}

/** Reads the whole map document into a plain view. Never writes to the document. */
export function readMap(doc: Y.Doc): MapView {
  const roots = mapRoots(doc);
  const stages = recordEntries(roots.stages)
    .map(([id, m]) => readStage(id, m))
    .sort(compareOrdered);
  const lanes = recordEntries(roots.lanes)
    .map(([id, m]) => readLane(id, m))
    .sort(compareOrdered);
  const stageIndex = new Map<string, number>(stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map<string, number>(lanes.map((l, i) => [l.id, i]));

  const cards: CardView[] = [];
  const unplaced: CardView[] = [];
  for (const [id, m] of recordEntries(roots.cards)) {
    const body = readCardBody(m);
    const card = readCard(id, m, body ? fragmentText(body) : '');
    if (stageIndex.has(card.stageId) && laneIndex.has(card.laneId)) cards.push(card);
    else unplaced.push(card);
  }
  cards.sort(
    (a, b) =>
      (laneIndex.get(a.laneId) ?? 0) - (laneIndex.get(b.laneId) ?? 0) ||
      (stageIndex.get(a.stageId) ?? 0) - (stageIndex.get(b.stageId) ?? 0) ||
      compareOrdered(a, b),
  );
  unplaced.sort(compareOrdered);

  const personas = recordEntries(roots.personas)
    .map(([id, m]) => readPersona(id, m))
    .sort(compareOrdered);

  return { meta: readMeta(roots.meta), stages, lanes, cards, unplaced, personas };
}

/** The placed cards of one cell, top to bottom. */
export function cardsInCell(view: MapView, stageId: StageId, laneId: LaneId): CardView[] {
  return view.cards.filter((c) => c.stageId === stageId && c.laneId === laneId);
}

/** A stage by id from a view, or undefined. */
export function findStage(view: MapView, id: StageId): StageView | undefined {
  return view.stages.find((s) => s.id === id);
}

/** A lane by id from a view, or undefined. */
export function findLane(view: MapView, id: LaneId): LaneView | undefined {
  return view.lanes.find((l) => l.id === id);
}

/** A card (placed or unplaced) by id from a view, or undefined. */
export function findCard(view: MapView, id: string): CardView | undefined {
  return view.cards.find((c) => c.id === id) ?? view.unplaced.find((c) => c.id === id);
}
