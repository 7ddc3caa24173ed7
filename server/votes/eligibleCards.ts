import type { Hocuspocus } from '@hocuspocus/server';
import { readMap, type MapId } from '../../shared/index.ts';
import type { LaneKind } from '../../shared/lane-kinds.ts';
import { withMapDocument } from '../feedback/mapDocument.ts';

/** The lane kinds whose cards can be voted on: pain points and opportunities. */
export const VOTABLE_LANE_KINDS: readonly LaneKind[] = ['pain-points', 'opportunities'];

/**
 * The map's placed pain-point and opportunity cards now, in board order (row by row, then stage),
 * read from the live document every client sees.
 */
export function votableCards(hocuspocus: Hocuspocus, mapId: MapId): Promise<string[]> {
  return withMapDocument(hocuspocus, mapId, (doc) => {
    const view = readMap(doc);
    const votable = new Set(
      view.lanes.filter((lane) => VOTABLE_LANE_KINDS.includes(lane.kind)).map((lane) => lane.id),
    );
    return view.cards.filter((card) => votable.has(card.laneId)).map((card) => card.id);
  });
}
