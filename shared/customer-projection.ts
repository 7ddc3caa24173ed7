import * as Y from 'yjs';
import { BODY_MAX_DEPTH, fragmentToJson, replaceWithJson } from './card-body.ts';
import type { BodyElement, BodyNode, BodyText } from './card-body.ts';
import { mapRoots, recordEntries, recordMap, setIfChanged } from './doc-schema.ts';
import { readCard, readCardBody } from './records/card.ts';
import { readLane } from './records/lane.ts';
import { readMeta } from './records/meta.ts';
import { readStage } from './records/stage.ts';

/**
 * What invited customers may see of a map: an ALLOW-list. The projection `map:<id>/customer`
 * copies exactly these root types, record fields, rich-text nodes and marks, and nothing else, so
 * a field, node or mark added to the map next year stays internal until someone lists it here.
 * Personas (internal research) are not a listed root type; nor are departments, priority factors,
 * moments of truth, link marks (their href) or unknown fields.
 */
export const CUSTOMER_SCHEMA = {
  /** Root types of the projection document (the map document's names). */
  roots: ['meta', 'stages', 'lanes', 'cards'],
  /** Keys of `meta`. */
  meta: ['schemaVersion', 'title', 'state', 'locale'],
  /** Keys of a stage (every stage is visible). */
  stages: ['name', 'order'],
  /** Keys of a lane (only lanes visible to customers are copied). */
  lanes: ['kind', 'title', 'order', 'customerVisible'],
  /** Keys of a card besides `body` (only placed cards of visible lanes are copied). */
  cards: ['stageId', 'laneId', 'order', 'channel', 'emotion'],
  /** Rich-text element types kept in a card body; any other element is dropped with its content. */
  bodyNodes: ['paragraph', 'bulletList', 'orderedList', 'listItem', 'hardBreak'],
  /** Marks kept on text runs; others (links...) are dropped, their text stays as plain text. */
  bodyMarks: ['bold', 'italic'],
} as const;

/** The card record key holding the body fragment (as in the map document). */
const BODY_KEY = 'body';

/** A scalar field value of the projection. */
export type CustomerScalar = string | number | boolean;

/** The allow-listed scalar fields of one record (or of `meta`). */
export type CustomerFields = Readonly<Record<string, CustomerScalar>>;

/** A card of the projection: its scalar fields and its filtered rich body. */
export interface CustomerCard {
  /** stageId and laneId are opaque customer ids, as every id in the projection. */
  readonly fields: CustomerFields;
  readonly body: readonly BodyNode[];
}

/**
 * The projection as a plain value: what `map:<id>/customer` holds. Records are keyed by opaque
 * customer ids (`customerId(internalId)`), never by the map's own ids.
 */
export interface CustomerProjection {
  readonly meta: CustomerFields;
  readonly stages: Readonly<Record<string, CustomerFields>>;
  readonly lanes: Readonly<Record<string, CustomerFields>>;
  readonly cards: Readonly<Record<string, CustomerCard>>;
}

/** Maps an internal id to the opaque id customers see (the server passes an HMAC of it). */
export type CustomerIdFn = (internalId: string) => string;

/** Internal ids of what customers see: every stage, visible lanes, their placed cards. */
export interface CustomerVisibleIds {
  readonly stages: readonly string[];
  readonly lanes: readonly string[];
  readonly cards: readonly string[];
}

/** Which stages, lanes and cards of a map document customers see. */
export function customerVisibleIds(doc: Y.Doc): CustomerVisibleIds {
  const roots = mapRoots(doc);
  const stages = recordEntries(roots.stages).map(([id]) => id);
  const lanes = recordEntries(roots.lanes)
    .filter(([id, m]) => readLane(id, m).customerVisible)
    .map(([id]) => id);
  const stageSet = new Set(stages);
  const laneSet = new Set(lanes);
  const cards = recordEntries(roots.cards)
    .filter(([id, m]) => {
      const card = readCard(id, m, '');
      return stageSet.has(card.stageId) && laneSet.has(card.laneId);
    })
    .map(([id]) => id);
  return { stages, lanes, cards };
}

/** Copies the listed keys of a read view whose values are scalars. */
function pick(view: object, keys: readonly string[]): Record<string, CustomerScalar> {
  const out: Record<string, CustomerScalar> = {};
  for (const key of keys) {
    const value: unknown = Reflect.get(view, key);
    if (typeof value === 'string' || typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  }
  return out;
}

const ALLOWED_NODES: ReadonlySet<string> = new Set(CUSTOMER_SCHEMA.bodyNodes);

/** The allow-listed marks of a run, each as `{}` (no mark attributes are kept). */
function allowedMarks(run: BodyText): string[] {
  return CUSTOMER_SCHEMA.bodyMarks.filter((mark) => run.marks?.[mark] != null);
}

function sameMarks(a: BodyText, b: BodyText): boolean {
  return allowedMarks(a).join() === allowedMarks(b).join();
}

/**
 * Filters body nodes to the allow-list. Runs keep their text and allowed marks; adjacent runs with
 * the same marks merge (as they would once written into a Y.XmlText), so the value is canonical.
 */
function filterNodes(nodes: readonly BodyNode[], depth: number): BodyNode[] {
  const out: BodyNode[] = [];
  for (const node of nodes) {
    if ('text' in node) {
      if (node.text.length === 0) continue;
      const marks = allowedMarks(node);
      const run: BodyText =
        marks.length > 0
          ? { text: node.text, marks: Object.fromEntries(marks.map((m) => [m, {}])) }
          : { text: node.text };
      const last = out.at(-1);
      if (last && 'text' in last && sameMarks(last, run)) {
        out[out.length - 1] = { ...run, text: last.text + run.text };
      } else {
        out.push(run);
      }
      continue;
    }
    if (!ALLOWED_NODES.has(node.type)) continue;
    // Deeper than any body the editor makes: keep the element, not what is nested in it.
    const content = depth < BODY_MAX_DEPTH ? filterNodes(node.content ?? [], depth + 1) : [];
    const element: BodyElement =
      content.length > 0 ? { type: node.type, content } : { type: node.type };
    out.push(element);
  }
  return out;
}

/** A card body as customers see it: allow-listed elements and marks, blocks at the top level. */
export function customerBody(fragment: Y.XmlFragment): BodyNode[] {
  return filterNodes(fragmentToJson(fragment), 1).filter((node) => 'type' in node);
}

/** Options of customerProjection. */
export interface CustomerProjectionOptions {
  /**
   * The customer body of a card (default: customerBody). The server passes a cached version
   * that recomputes only the bodies of cards that changed.
   */
  readonly body?: (cardId: string, fragment: Y.XmlFragment) => readonly BodyNode[];
}

/**
 * The customer projection of a map document: a pure function of the document (and the id
 * function). Only CUSTOMER_SCHEMA's fields are read; ids are replaced by `customerId(id)`.
 */
export function customerProjection(
  doc: Y.Doc,
  customerId: CustomerIdFn,
  options: CustomerProjectionOptions = {},
): CustomerProjection {
  const roots = mapRoots(doc);
  const bodyOf = options.body ?? ((_id: string, fragment: Y.XmlFragment) => customerBody(fragment));
  const visible = customerVisibleIds(doc);

  const stages: Record<string, CustomerFields> = {};
  for (const id of visible.stages) {
    const map = recordMap(roots.stages, id);
    if (map) stages[customerId(id)] = pick(readStage(id, map), CUSTOMER_SCHEMA.stages);
  }
  const lanes: Record<string, CustomerFields> = {};
  for (const id of visible.lanes) {
    const map = recordMap(roots.lanes, id);
    if (map) lanes[customerId(id)] = pick(readLane(id, map), CUSTOMER_SCHEMA.lanes);
  }
  const cards: Record<string, CustomerCard> = {};
  for (const id of visible.cards) {
    const map = recordMap(roots.cards, id);
    if (!map) continue;
    const view = readCard(id, map, '');
    const fields = pick(view, CUSTOMER_SCHEMA.cards);
    fields['stageId'] = customerId(view.stageId);
    fields['laneId'] = customerId(view.laneId);
    const fragment = readCardBody(map);
    cards[customerId(id)] = { fields, body: fragment ? bodyOf(id, fragment) : [] };
  }
  return { meta: pick(readMeta(roots.meta), CUSTOMER_SCHEMA.meta), stages, lanes, cards };
}

/**
 * Projects one map document again and again, cheaply: the customer body of each card is kept
 * until that card's body changes (observed on the map document), so a change elsewhere does not
 * re-read every card's rich text. `project()` always equals `customerProjection(doc, customerId)`.
 */
export class CustomerProjector {
  readonly #doc: Y.Doc;
  readonly #customerId: CustomerIdFn;
  /** Customer body of each card, by card id, for the fragment it was computed from. */
  readonly #bodies = new Map<string, { fragment: Y.XmlFragment; body: readonly BodyNode[] }>();

  constructor(doc: Y.Doc, customerId: CustomerIdFn) {
    this.#doc = doc;
    this.#customerId = customerId;
    mapRoots(doc).cards.observeDeep(this.#onCardsChanged);
  }

  /** The projection of the document now. */
  project(): CustomerProjection {
    return customerProjection(this.#doc, this.#customerId, {
      body: (cardId, fragment) => this.#bodyOf(cardId, fragment),
    });
  }

  /** Stops observing the document. */
  destroy(): void {
    mapRoots(this.#doc).cards.unobserveDeep(this.#onCardsChanged);
    this.#bodies.clear();
  }

  /** Forgets the body of each card whose body changed, or that was added, replaced or deleted. */
  readonly #onCardsChanged = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    for (const event of events) {
      const [cardId, key] = event.path;
      if (typeof cardId !== 'string') {
        if (event instanceof Y.YMapEvent)
          for (const id of event.keysChanged) this.#bodies.delete(id);
      } else if (
        key === BODY_KEY ||
        (event instanceof Y.YMapEvent && event.keysChanged.has(BODY_KEY))
      ) {
        this.#bodies.delete(cardId);
      }
    }
  };

  #bodyOf(cardId: string, fragment: Y.XmlFragment): readonly BodyNode[] {
    const cached = this.#bodies.get(cardId);
    if (cached?.fragment === fragment) return cached.body;
    const body = customerBody(fragment);
    this.#bodies.set(cardId, { fragment, body });
    return body;
  }
}

/** Makes a Y.Map hold exactly `fields` (plus `keep`), writing only what differs. */
function reconcileFields(map: Y.Map<unknown>, fields: CustomerFields, keep?: string): void {
  for (const key of Array.from(map.keys())) {
    if (key !== keep && !Object.hasOwn(fields, key)) map.delete(key);
  }
  for (const [key, value] of Object.entries(fields)) setIfChanged(map, key, value);
}

/**
 * The body last written into each projection fragment (the value and its JSON), so a body that
 * is the same value as last time (CustomerProjector hands out the same array until the card's
 * body changes) is skipped without serialising it.
 */
const writtenBodies = new WeakMap<
  Y.XmlFragment,
  { readonly body: readonly BodyNode[]; readonly json: string }
>();

function reconcileBody(map: Y.Map<unknown>, body: readonly BodyNode[]): void {
  let fragment = readCardBody(map);
  if (!fragment) {
    fragment = new Y.XmlFragment();
    map.set(BODY_KEY, fragment);
  }
  const written = writtenBodies.get(fragment);
  if (written?.body === body) return;
  const json = JSON.stringify(body);
  const current = written?.json ?? JSON.stringify(fragmentToJson(fragment));
  if (current !== json) replaceWithJson(fragment, body);
  writtenBodies.set(fragment, { body, json });
}

function reconcileRecords<T>(
  root: Y.Map<unknown>,
  next: Readonly<Record<string, T>>,
  write: (map: Y.Map<unknown>, value: T) => void,
): void {
  for (const id of Array.from(root.keys())) if (!Object.hasOwn(next, id)) root.delete(id);
  for (const [id, value] of Object.entries(next)) {
    let map = recordMap(root, id);
    if (!map) {
      map = new Y.Map<unknown>();
      root.set(id, map);
    }
    write(map, value);
  }
}

/**
 * Makes a projection document hold `next`, touching only what differs: unchanged records, fields
 * and bodies produce no Yjs update at all. Call inside a transaction.
 */
export function reconcileCustomerDoc(doc: Y.Doc, next: CustomerProjection): void {
  const roots = mapRoots(doc);
  reconcileFields(roots.meta, next.meta);
  reconcileRecords(roots.stages, next.stages, (map, fields) => reconcileFields(map, fields));
  reconcileRecords(roots.lanes, next.lanes, (map, fields) => reconcileFields(map, fields));
  reconcileRecords(roots.cards, next.cards, (map, card) => {
    reconcileFields(map, card.fields, BODY_KEY);
    reconcileBody(map, card.body);
  });
}

function readFields(map: Y.Map<unknown>, skip?: string): Record<string, CustomerScalar> {
  const out: Record<string, CustomerScalar> = {};
  map.forEach((value, key) => {
    if (key === skip) return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[key] = value;
    }
  });
  return out;
}

/** Reads a projection document back into the plain value (tests, and clients that want it). */
export function readCustomerProjection(doc: Y.Doc): CustomerProjection {
  const roots = mapRoots(doc);
  const records = (root: Y.Map<unknown>) =>
    Object.fromEntries(recordEntries(root).map(([id, m]) => [id, readFields(m)]));
  const cards: Record<string, CustomerCard> = {};
  for (const [id, m] of recordEntries(roots.cards)) {
    const fragment = readCardBody(m);
    cards[id] = { fields: readFields(m, BODY_KEY), body: fragment ? fragmentToJson(fragment) : [] };
  }
  return {
    meta: readFields(roots.meta),
    stages: records(roots.stages),
    lanes: records(roots.lanes),
    cards,
  };
}
