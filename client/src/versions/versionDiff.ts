import { diffMaps } from '../../../shared/map-diff.ts';
import type { MapJson } from '../../../shared/interchange.ts';

/** How a card, stage or lane on the live board differs from the version compared with. */
export type DiffMark = 'added' | 'changed';

/** The kinds of record the live board marks. */
export type DiffKind = 'card' | 'stage' | 'lane';

/** A card of the version that is no longer on the map (listed in the panel: not on the board). */
export interface RemovedCard {
  id: string;
  text: string;
  /** Where it was in the version: its stage's name and lane's title ('' when unplaced there). */
  stage: string;
  lane: string;
}

/** "Compare with now": what the board marks and what the panel lists. */
export interface VersionComparison {
  /** Marks by `${kind}:${id}` of the live records added or changed since the version. */
  readonly marks: ReadonlyMap<string, DiffMark>;
  readonly removedCards: readonly RemovedCard[];
  /** Names of the stages and titles of the lanes removed since the version. */
  readonly removedStages: readonly string[];
  readonly removedLanes: readonly string[];
  readonly counts: Readonly<Record<'added' | 'changed' | 'removed', number>>;
}

/** The key of a record in `VersionComparison.marks`. */
export function markKey(kind: DiffKind, id: string): string {
  return `${kind}:${id}`;
}

/**
 * Compares a version (before) with the live map (after), through the shared `diffMaps` (the
 * same pairing by id as the AS-IS / TO-BE page). Removed records are described from the
 * version's content, since the live map no longer has them.
 */
export function compareWithNow(version: MapJson, now: MapJson): VersionComparison {
  const diff = diffMaps(version, now);
  const marks = new Map<string, DiffMark>();
  const mark = (kind: DiffKind, ids: readonly string[], value: DiffMark) => {
    for (const id of ids) marks.set(markKey(kind, id), value);
  };
  mark('card', diff.cards.added, 'added');
  mark('card', diff.cards.changed, 'changed');
  mark('stage', diff.stages.added, 'added');
  mark('stage', diff.stages.changed, 'changed');
  mark('lane', diff.lanes.added, 'added');
  mark('lane', diff.lanes.changed, 'changed');

  // Keyed by plain string: the diff lists ids as strings, the records carry branded ids.
  const stageName = new Map<string, string>(version.stages.map((s) => [s.id, s.name]));
  const laneTitle = new Map<string, string>(version.lanes.map((l) => [l.id, l.title]));
  const cards = new Map<string, MapJson['cards'][number]>(version.cards.map((c) => [c.id, c]));
  const removedCards = diff.cards.removed.flatMap((id): RemovedCard[] => {
    const card = cards.get(id);
    if (!card) return [];
    return [
      {
        id,
        text: card.paragraphs.join('\n').trim(),
        stage: stageName.get(card.stageId) ?? '',
        lane: laneTitle.get(card.laneId) ?? '',
      },
    ];
  });
  const removedStages = diff.stages.removed.map((id) => stageName.get(id) ?? '');
  const removedLanes = diff.lanes.removed.map((id) => laneTitle.get(id) ?? '');
  const sum = (pick: 'added' | 'changed' | 'removed') =>
    diff.cards[pick].length + diff.stages[pick].length + diff.lanes[pick].length;
  return {
    marks,
    removedCards,
    removedStages,
    removedLanes,
    counts: { added: sum('added'), changed: sum('changed'), removed: sum('removed') },
  };
}
