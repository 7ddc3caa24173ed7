import type * as Y from 'yjs';
import { mapToJson } from './interchange.ts';
import type { MapJson } from './interchange.ts';

/**
 * What an invited customer may see of a map, as map JSON for the server-owned read-only
 * document `map:<id>/customer`: every stage; only lanes marked `customerVisible`; only the
 * placed cards of those lanes, without internal fields (department, priority factors, fields
 * unknown to this version); no unplaced cards and no personas (internal research).
 */
export function customerMapJson(doc: Y.Doc): MapJson {
  const full = mapToJson(doc);
  const stageIds = new Set(full.stages.map((s) => s.id));
  const lanes = full.lanes
    .filter((l) => l.customerVisible)
    .map(({ extra: _extra, ...lane }) => lane);
  const laneIds = new Set(lanes.map((l) => l.id));
  return {
    format: full.format,
    version: full.version,
    meta: {
      title: full.meta.title,
      state: full.meta.state,
      ...(full.meta.locale ? { locale: full.meta.locale } : {}),
    },
    stages: full.stages.map(({ extra: _extra, ...stage }) => stage),
    lanes,
    cards: full.cards
      .filter((c) => laneIds.has(c.laneId) && stageIds.has(c.stageId))
      .map(({ extra: _extra, department: _department, priority: _priority, ...card }) => card),
    personas: [],
  };
}
