// Differences between two states of a map, paired by record id: a version and now, or an
// AS-IS map and its TO-BE copy (copies keep the ids of the map they come from, so the same
// card in both maps has the same id). Pure functions over the interchange JSON.
import type { MapJson } from './interchange.ts';
import { compareOrdered } from './ordering.ts';

type StageJson = MapJson['stages'][number];
type LaneJson = MapJson['lanes'][number];
type CardJson = MapJson['cards'][number];
type PersonaJson = MapJson['personas'][number];

/** What happened to one kind of record between two map states (ids, in the `after` order then `before`). */
export interface RecordDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** In both states with any stored value different (text, fields, position, extra). */
  readonly changed: readonly string[];
}

/** Card differences; `moved` lists the changed cards whose stage or lane differs. */
export interface CardDiff extends RecordDiff {
  readonly moved: readonly string[];
}

/** Every difference between two map states. */
export interface MapDiff {
  /** Meta fields (title, state, locale, extra) whose value differs. */
  readonly meta: readonly string[];
  readonly stages: RecordDiff;
  readonly lanes: RecordDiff;
  readonly cards: CardDiff;
  readonly personas: RecordDiff;
}

/** What differs in one card: its text (paragraphs or rich body), a field, its place. */
export type CardChange =
  | 'text'
  | 'stage'
  | 'lane'
  | 'order'
  | 'department'
  | 'channel'
  | 'emotion'
  | 'momentOfTruth'
  | 'priority'
  | 'personaIds'
  | 'extra';

/** Structural equality of plain JSON values (object key order does not matter). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // An absent key and a key holding undefined are the same value in JSON.
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!jsonEqual(ra[k], rb[k])) return false;
  return true;
}

/** The aspects in which two versions of the same card differ (empty when equal). */
export function cardChanges(before: CardJson, after: CardJson): CardChange[] {
  const changes: CardChange[] = [];
  if (!jsonEqual(before.paragraphs, after.paragraphs) || !jsonEqual(before.body, after.body)) {
    changes.push('text');
  }
  if (before.stageId !== after.stageId) changes.push('stage');
  if (before.laneId !== after.laneId) changes.push('lane');
  if (before.order !== after.order) changes.push('order');
  const fields = [
    'department',
    'channel',
    'emotion',
    'momentOfTruth',
    'priority',
    'personaIds',
    'extra',
  ] as const;
  for (const f of fields) if (!jsonEqual(before[f], after[f])) changes.push(f);
  return changes;
}

function diffRecords<T extends { readonly id: string }>(
  before: readonly T[],
  after: readonly T[],
): RecordDiff & { readonly pairs: readonly (readonly [T, T])[] } {
  const old = new Map(before.map((r) => [r.id, r]));
  const now = new Set(after.map((r) => r.id));
  const added: string[] = [];
  const changed: string[] = [];
  const pairs: (readonly [T, T])[] = [];
  for (const r of after) {
    const prev = old.get(r.id);
    if (!prev) added.push(r.id);
    else if (!jsonEqual(prev, r)) {
      changed.push(r.id);
      pairs.push([prev, r]);
    }
  }
  const removed = before.filter((r) => !now.has(r.id)).map((r) => r.id);
  return { added, removed, changed, pairs };
}

function plain({ added, removed, changed }: RecordDiff): RecordDiff {
  return { added, removed, changed };
}

/** Differences from `before` to `after`, records paired by id. A map diffed with itself is empty. */
export function diffMaps(before: MapJson, after: MapJson): MapDiff {
  const metaKeys = ['title', 'state', 'locale', 'extra'] as const;
  const cards = diffRecords<CardJson>(before.cards, after.cards);
  return {
    meta: metaKeys.filter((k) => !jsonEqual(before.meta[k], after.meta[k])),
    stages: plain(diffRecords<StageJson>(before.stages, after.stages)),
    lanes: plain(diffRecords<LaneJson>(before.lanes, after.lanes)),
    cards: {
      ...plain(cards),
      moved: cards.pairs
        .filter(([b, a]) => b.stageId !== a.stageId || b.laneId !== a.laneId)
        .map(([, a]) => a.id),
    },
    personas: plain(diffRecords<PersonaJson>(before.personas, after.personas)),
  };
}

/** True when `diff` holds no difference at all. */
export function isEmptyDiff(diff: MapDiff): boolean {
  const empty = (d: RecordDiff) =>
    d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
  return (
    diff.meta.length === 0 &&
    empty(diff.stages) &&
    empty(diff.lanes) &&
    empty(diff.cards) &&
    empty(diff.personas)
  );
}

/** A lane as named in a stage diff (from the map the card is shown in). */
export interface LaneRef {
  readonly id: string;
  readonly title: string;
  readonly kind: LaneJson['kind'];
}

/** A card added to or removed from a stage, with its lane (undefined when its lane is gone). */
export interface CardEntry {
  readonly card: CardJson;
  readonly lane: LaneRef | undefined;
}

/** A card in both maps whose content or place differs. */
export interface ChangedCardEntry {
  readonly before: CardJson;
  readonly after: CardJson;
  /** Its lane in `after` (undefined when that lane is gone). */
  readonly lane: LaneRef | undefined;
  /** Its lane in `before` when it differs (a card moved between rows). */
  readonly fromLane?: LaneRef | undefined;
  /** The stage it came from when it moved between columns. */
  readonly fromStageId?: string;
  readonly changes: readonly CardChange[];
}

/** What changes in one stage (column) between two maps. */
export interface StageDiff {
  readonly stageId: string;
  /** The stage in each map (absent on the side where it does not exist). */
  readonly before: StageJson | undefined;
  readonly after: StageJson | undefined;
  /** 'added' and 'removed' for whole stages; 'changed' when its name differs or any card differs. */
  readonly status: 'added' | 'removed' | 'changed' | 'same';
  /** Cards of this stage in `before` that `after` no longer has (or holds in another stage). */
  readonly removed: readonly CardEntry[];
  /** Cards in both maps, now in this stage, that differ (moved here from another stage too). */
  readonly changed: readonly ChangedCardEntry[];
  /** Cards of this stage in `after` that `before` did not have. */
  readonly added: readonly CardEntry[];
  /** Cards of `before`'s pain-point lanes in this stage: what a change here may address. */
  readonly painPoints: readonly CardEntry[];
}

function laneRefs(map: MapJson): Map<string, LaneRef & { readonly order: string }> {
  return new Map(
    map.lanes.map((l) => [l.id, { id: l.id, title: l.title, kind: l.kind, order: l.order }]),
  );
}

function byLaneThenOrder(
  lanes: ReadonlyMap<string, { readonly order: string }>,
): (a: CardJson, b: CardJson) => number {
  const laneOrder = (c: CardJson) => lanes.get(c.laneId)?.order ?? '\uffff';
  return (a, b) => {
    const la = laneOrder(a);
    const lb = laneOrder(b);
    if (la !== lb) return la < lb ? -1 : 1;
    return compareOrdered(a, b);
  };
}

function ref(lanes: ReadonlyMap<string, LaneRef>, id: string): LaneRef | undefined {
  const lane = lanes.get(id);
  return lane ? { id: lane.id, title: lane.title, kind: lane.kind } : undefined;
}

/**
 * Differences stage by stage, for comparing an AS-IS map with its TO-BE: the stages of `after`
 * in its order, then the stages only `before` has. A card counts in the stage it is in in
 * `after` (in `before` when removed, or when its `after` stage does not exist).
 */
export function diffByStage(before: MapJson, after: MapJson): StageDiff[] {
  const beforeStages = new Map(before.stages.map((s) => [s.id, s]));
  const afterStages = new Map(after.stages.map((s) => [s.id, s]));
  const beforeCards = new Map(before.cards.map((c) => [c.id, c]));
  const afterCards = new Map(after.cards.map((c) => [c.id, c]));
  const beforeLanes = laneRefs(before);
  const afterLanes = laneRefs(after);

  const order = [
    ...[...after.stages].sort(compareOrdered).map((s) => s.id),
    ...[...before.stages]
      .sort(compareOrdered)
      .filter((s) => !afterStages.has(s.id))
      .map((s) => s.id),
  ];
  const home = (c: CardJson, stages: ReadonlyMap<string, unknown>, fallback: string) =>
    stages.has(c.stageId) ? c.stageId : fallback;

  const removed = new Map<string, CardJson[]>();
  const added = new Map<string, CardJson[]>();
  const changed = new Map<string, [CardJson, CardJson][]>();
  const push = <T>(m: Map<string, T[]>, key: string, v: T) => {
    const list = m.get(key);
    if (list) list.push(v);
    else m.set(key, [v]);
  };
  for (const c of before.cards) {
    if (!afterCards.has(c.id)) push(removed, c.stageId, c);
  }
  for (const c of after.cards) {
    const prev = beforeCards.get(c.id);
    if (!prev) push(added, c.stageId, c);
    else if (cardChanges(prev, c).length > 0) {
      push(changed, home(c, afterStages, prev.stageId), [prev, c]);
    }
  }

  const sortBefore = byLaneThenOrder(beforeLanes);
  const sortAfter = byLaneThenOrder(afterLanes);
  return order.map((stageId): StageDiff => {
    const b = beforeStages.get(stageId);
    const a = afterStages.get(stageId);
    const removedHere = (removed.get(stageId) ?? []).sort(sortBefore);
    const addedHere = (added.get(stageId) ?? []).sort(sortAfter);
    const changedHere = (changed.get(stageId) ?? []).sort(([, x], [, y]) => sortAfter(x, y));
    const status: StageDiff['status'] = !b
      ? 'added'
      : !a
        ? 'removed'
        : b.name !== a.name ||
            !jsonEqual(b.extra, a.extra) ||
            removedHere.length + addedHere.length + changedHere.length > 0
          ? 'changed'
          : 'same';
    return {
      stageId,
      before: b,
      after: a,
      status,
      removed: removedHere.map((card) => ({ card, lane: ref(beforeLanes, card.laneId) })),
      added: addedHere.map((card) => ({ card, lane: ref(afterLanes, card.laneId) })),
      changed: changedHere.map(([prev, card]) => ({
        before: prev,
        after: card,
        lane: ref(afterLanes, card.laneId),
        ...(prev.laneId !== card.laneId ? { fromLane: ref(beforeLanes, prev.laneId) } : {}),
        ...(prev.stageId !== card.stageId ? { fromStageId: prev.stageId } : {}),
        changes: cardChanges(prev, card),
      })),
      painPoints: before.cards
        .filter((c) => c.stageId === stageId && beforeLanes.get(c.laneId)?.kind === 'pain-points')
        .sort(sortBefore)
        .map((card) => ({ card, lane: ref(beforeLanes, card.laneId) })),
    };
  });
}
