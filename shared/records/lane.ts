import type * as Y from 'yjs';
import { z } from 'zod';
import { readBoolean, readString } from '../doc-schema.ts';
import { LaneIdSchema } from '../ids.ts';
import type { LaneId } from '../ids.ts';
import { isLaneKind, LANE_KINDS, laneKindInfo } from '../lane-kinds.ts';
import type { LaneKind } from '../lane-kinds.ts';
import { OrderKeySchema } from '../ordering.ts';
import type { OrderKey } from '../ordering.ts';
import { plainName } from '../plain-text.ts';

/** Keys of a lane's Y.Map in `lanes` (schema v1). Unknown keys are left untouched. */
export const LANE_KEYS = {
  kind: 'kind',
  title: 'title',
  order: 'order',
  customerVisible: 'customerVisible',
} as const;

/** A lane: one row of the map, of one kind (actions, emotions, backstage...). */
export interface LaneView {
  /** Stable id, the key in the `lanes` root map. */
  readonly id: LaneId;
  /**
   * What the row holds. A kind unknown to this version (written by a newer client) reads as
   * `text`, so the lane stays visible; the stored value is never rewritten.
   */
  readonly kind: LaneKind;
  /** Row title (plain text, last writer wins). */
  readonly title: string;
  /** Fractional-index key; rows are sorted by (order, id) so every replica agrees. */
  readonly order: OrderKey;
  /**
   * Whether invited customers see this row. The server's customer projection copies only
   * these lanes, so a missing value falls back to the kind's default (internal kinds: false).
   */
  readonly customerVisible: boolean;
}

/** Longest lane title accepted. */
export const LANE_TITLE_MAX = 200;

/** Zod validator for a lane kind. */
export const LaneKindSchema = z.enum(LANE_KINDS);

/** Zod validator for a lane title. */
export const LaneTitleSchema = plainName(z.string().max(LANE_TITLE_MAX));

/** Zod validator for a whole lane record (used by JSON interchange). */
export const LaneSchema = z.strictObject({
  id: LaneIdSchema,
  kind: LaneKindSchema,
  title: LaneTitleSchema,
  order: OrderKeySchema,
  customerVisible: z.boolean(),
});

/** Kind used to display a lane whose stored kind this version does not know. */
export const FALLBACK_LANE_KIND: LaneKind = 'text';

/** Reads one lane from its Y.Map; missing or malformed fields fall back to defaults. */
export function readLane(id: string, map: Y.Map<unknown>): LaneView {
  const stored = map.get(LANE_KEYS.kind);
  const kind = isLaneKind(stored) ? stored : FALLBACK_LANE_KIND;
  return {
    id: id as LaneId,
    kind,
    title: readString(map, LANE_KEYS.title) ?? '',
    order: readString(map, LANE_KEYS.order) ?? '',
    // An unknown kind might be internal: without an explicit flag, keep it from customers.
    customerVisible:
      readBoolean(map, LANE_KEYS.customerVisible) ??
      (isLaneKind(stored) && laneKindInfo(kind).customerVisibleByDefault),
  };
}
