import * as Y from 'yjs';
import { ROOT } from '../../shared/doc-schema.ts';
import { HARD_BREAK } from '../../shared/card-body.ts';
import { readCardBody } from '../../shared/records/card.ts';
import { readLane } from '../../shared/records/lane.ts';
import { readStage } from '../../shared/records/stage.ts';

/** The items whose changes are attributed (the root maps of a map document they live in). */
export type ItemKind = 'card' | 'stage' | 'lane';

/** What happened to an item in a transaction. */
export type ItemChange = 'created' | 'changed' | 'deleted';

/** One item a transaction touched. */
export interface TouchedItem {
  kind: ItemKind;
  id: string;
  change: ItemChange;
}

/** Longest label kept for an item (card text, stage name, lane title). */
export const ITEM_LABEL_MAX = 80;

const KIND_OF_ROOT: ReadonlyArray<[string, ItemKind]> = [
  [ROOT.cards, 'card'],
  [ROOT.stages, 'stage'],
  [ROOT.lanes, 'lane'],
];

/** The three root maps of a document whose entries are attributed, with their item kind. */
export function itemRoots(doc: Y.Doc): Map<object, ItemKind> {
  return new Map(KIND_OF_ROOT.map(([name, kind]) => [doc.getMap<unknown>(name), kind]));
}

/**
 * The cards, stages and lanes a transaction created, changed or deleted, read from the types it
 * changed (`transaction.changed`): a key added to or removed from a root map is a created or
 * deleted item, a key overwritten is a changed one, and a change anywhere below an item (a field, a
 * character of a card's body) is a change of that item. An item appears once, deleted winning over
 * changed. Types created in the transaction itself are not in `changed` (Yjs leaves them out), so a
 * new card filled in one go is just 'created'. Must run before the transaction's deleted content
 * is collected (Y.Doc 'afterTransaction', not 'update').
 */
export function touchedItems(
  transaction: Y.Transaction,
  roots: ReadonlyMap<object, ItemKind>,
): TouchedItem[] {
  const found = new Map<string, TouchedItem>();
  const note = (kind: ItemKind, id: string, change: ItemChange) => {
    const key = `${kind}:${id}`;
    const before = found.get(key);
    if (!before || rank(change) > rank(before.change)) found.set(key, { kind, id, change });
  };
  for (const [type, keys] of transaction.changed) {
    const rootKind = roots.get(type);
    if (rootKind !== undefined && type instanceof Y.Map) {
      const event = new Y.YMapEvent(type as Y.Map<unknown>, transaction, keys);
      for (const [id, { action }] of event.keys) {
        note(
          rootKind,
          id,
          action === 'add' ? 'created' : action === 'delete' ? 'deleted' : 'changed',
        );
      }
      continue;
    }
    const owner = owningItem(type, roots);
    if (owner) note(owner.kind, owner.id, 'changed');
  }
  return [...found.values()];
}

function rank(change: ItemChange): number {
  return change === 'deleted' ? 2 : change === 'created' ? 1 : 0;
}

/** The card, stage or lane a nested type belongs to (its ancestor right below a root map). */
function owningItem(
  type: object,
  roots: ReadonlyMap<object, ItemKind>,
): { kind: ItemKind; id: string } | null {
  let current: unknown = type;
  // Nesting is bounded by the nesting-depth guard; the loop walks parents only.
  while (current instanceof Y.AbstractType && current._item !== null) {
    const item = current._item;
    const parent: unknown = item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    const kind = roots.get(parent);
    if (kind !== undefined) return item.parentSub === null ? null : { kind, id: item.parentSub };
    current = parent;
  }
  return null;
}

/**
 * The label of an item as it is now: a card's plain text, a stage's name, a lane's title, on one
 * line and at most ITEM_LABEL_MAX characters; null when the item is not there.
 */
export function itemLabel(doc: Y.Doc, kind: ItemKind, id: string): string | null {
  const root = doc.getMap<unknown>(
    kind === 'card' ? ROOT.cards : kind === 'stage' ? ROOT.stages : ROOT.lanes,
  );
  const record = root.get(id);
  if (!(record instanceof Y.Map)) return null;
  const map = record as Y.Map<unknown>;
  let text: string;
  if (kind === 'card') {
    const body = readCardBody(map);
    text = body ? leadingText(body, 2 * ITEM_LABEL_MAX) : '';
  } else if (kind === 'stage') {
    text = readStage(id, map).name;
  } else {
    text = readLane(id, map).title;
  }
  return shorten(text);
}

/**
 * The first `limit` or so characters of a card body's plain text, blocks and line breaks as spaces.
 * Runs on every change of a card, so it walks the body only as far as the label needs (the whole
 * text of a long card on each keystroke would cost milliseconds): child lists item by item, text
 * content item by item, skipping what is deleted.
 */
function leadingText(fragment: { _start: Y.Item | null }, limit: number): string {
  const parts: string[] = [];
  let length = 0;
  const visit = (type: { _start: Y.Item | null }): void => {
    for (let item = type._start; item !== null && length < limit; item = item.right) {
      if (item.deleted) continue;
      const content = item.content;
      if (content instanceof Y.ContentString) {
        parts.push(content.str);
        length += content.str.length;
      } else if (content instanceof Y.ContentType) {
        const child = content.type;
        if (child instanceof Y.XmlElement && child.nodeName === HARD_BREAK) {
          parts.push(' ');
          length += 1;
        } else if (child instanceof Y.XmlText || child instanceof Y.XmlElement) {
          if (parts.length > 0) parts.push(' ');
          visit(child);
        }
      }
    }
  };
  visit(fragment);
  return parts.join('');
}

/** Whitespace collapsed to single spaces, cut to ITEM_LABEL_MAX characters with an ellipsis. */
export function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= ITEM_LABEL_MAX ? line : `${chars.slice(0, ITEM_LABEL_MAX - 1).join('')}…`;
}
