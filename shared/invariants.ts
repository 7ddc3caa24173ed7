import * as Y from 'yjs';
import { mapRoots, recordEntries } from './doc-schema.ts';
import { compareOrdered, isValidOrderKey } from './ordering.ts';
import type { Ordered } from './ordering.ts';
import type { MapView } from './read-map.ts';
import { readCardBody } from './records/card.ts';

function checkStrictOrder(items: readonly Ordered[], what: string, problems: string[]): void {
  for (let i = 1; i < items.length; i++) {
    const prev = items[i - 1];
    const cur = items[i];
    if (prev && cur && compareOrdered(prev, cur) >= 0) {
      problems.push(`${what} not in strict (order, id) order at ${i}: ${prev.id} / ${cur.id}`);
    }
  }
  for (const item of items) {
    if (!isValidOrderKey(item.order))
      problems.push(`${what} ${item.id} has malformed order key "${item.order}"`);
  }
}

/**
 * The shape rules of a card body that Tiptap's Collaboration binding (y-prosemirror) relies on
 * to open it, and that both it and every operation in shared/ keep, concurrent edits included.
 * Returns the violations (empty when all hold), each prefixed with `what`:
 * - no text at the top level, every top-level child is an element (a block): a ProseMirror doc
 *   holds blocks, never bare text, and y-prosemirror renders the root children as elements;
 * - no Y.XmlHook anywhere (top level included): y-prosemirror cannot render hooks.
 * Deeper schema rules (a list holds list items...) are not invariants: y-prosemirror repairs a
 * concurrent edit that breaks them by deleting the offending node on its next render.
 */
export function bodyInvariantViolations(fragment: Y.XmlFragment, what = 'body'): string[] {
  const problems: string[] = [];
  fragment.toArray().forEach((child, i) => {
    if (child instanceof Y.XmlText) problems.push(`${what} has text at the top level (child ${i})`);
  });
  // Iterative walk: nesting depth is user-controlled.
  const stack: Y.XmlFragment[] = [fragment];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlHook) problems.push(`${what} holds a Y.XmlHook`);
      else if (child instanceof Y.XmlElement) stack.push(child);
    }
  }
  return problems;
}

/**
 * The invariants every view of every replica must satisfy, whatever the interleaving of
 * concurrent operations. Returns a list of violations (empty when all hold):
 * - stages, lanes, personas and unplaced cards are in strict (order, id) order, keys well-formed;
 * - placed cards are sorted by (lane position, stage position, order, id);
 * - a placed card's stage and lane exist; an unplaced card's stage or lane does not;
 * - every card record of the document appears exactly once in `cards` or `unplaced`;
 * - every card body satisfies `bodyInvariantViolations` (checked when `doc` is given).
 */
export function mapInvariantViolations(view: MapView, doc?: Y.Doc): string[] {
  const problems: string[] = [];
  checkStrictOrder(view.stages, 'stage', problems);
  checkStrictOrder(view.lanes, 'lane', problems);
  checkStrictOrder(view.personas, 'persona', problems);
  checkStrictOrder(view.unplaced, 'unplaced card', problems);

  const stageIndex = new Map<string, number>(view.stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map<string, number>(view.lanes.map((l, i) => [l.id, i]));
  const seen = new Set<string>();
  let prev: readonly [number, number, Ordered] | undefined;
  for (const card of view.cards) {
    const s = stageIndex.get(card.stageId);
    const l = laneIndex.get(card.laneId);
    if (s === undefined || l === undefined) {
      problems.push(`placed card ${card.id} points to a missing stage or lane`);
      continue;
    }
    if (!isValidOrderKey(card.order))
      problems.push(`card ${card.id} has malformed order key "${card.order}"`);
    if (prev && (prev[0] - l || prev[1] - s || compareOrdered(prev[2], card)) >= 0) {
      problems.push(`placed cards out of order at ${card.id}`);
    }
    prev = [l, s, card];
  }
  for (const card of view.unplaced) {
    if (stageIndex.has(card.stageId) && laneIndex.has(card.laneId)) {
      problems.push(`unplaced card ${card.id} has both its stage and lane`);
    }
  }
  for (const card of [...view.cards, ...view.unplaced]) {
    if (seen.has(card.id)) problems.push(`card ${card.id} appears twice`);
    seen.add(card.id);
  }
  if (doc) {
    const stored = recordEntries(mapRoots(doc).cards).map(([id]) => id);
    for (const id of stored)
      if (!seen.has(id)) problems.push(`card ${id} is in the document but not in the view`);
    if (stored.length !== seen.size)
      problems.push(`view shows ${seen.size} cards, document has ${stored.length}`);
    for (const [id, map] of recordEntries(mapRoots(doc).cards)) {
      const body = readCardBody(map);
      if (body) problems.push(...bodyInvariantViolations(body, `card ${id} body`));
    }
  }
  return problems;
}
