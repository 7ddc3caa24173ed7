import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  customerProjection,
  readCustomerProjection,
  reconcileCustomerDoc,
} from './customer-projection.ts';
import { applyMapJson } from './interchange.ts';
import { readMap } from './read-map.ts';
import { templateJson } from './templates/index.ts';

const idOf = (id: string) => `c-${id}`;

describe('customer projection', () => {
  it('keeps only customer-visible lanes and strips internal card fields and personas', () => {
    const doc = new Y.Doc();
    applyMapJson(doc, templateJson('travel-alert-demo', 'en'));
    const projection = customerProjection(doc, idOf);
    const lanes = Object.values(projection.lanes);
    expect(lanes.length).toBeGreaterThan(0);
    expect(lanes.every((l) => l['customerVisible'] === true)).toBe(true);
    expect(lanes.map((l) => l['kind'])).not.toContain('backstage');
    const cards = Object.values(projection.cards);
    expect(
      cards.some((c) =>
        Object.keys(c.fields).some((k) => !/^(stageId|laneId|order|channel|emotion)$/.test(k)),
      ),
    ).toBe(false);
    const text = JSON.stringify(projection);
    expect(text).not.toMatch(/Fraud detection|fraud engine|Branch CRM/);
    // Not a word of the persona's rich fields (internal research) reaches a customer.
    const [bob] = readMap(doc).personas;
    for (const line of [bob?.quote ?? '', ...(bob?.goals ?? []), ...(bob?.pains ?? [])]) {
      expect(line.length).toBeGreaterThan(0);
      expect(text).not.toContain(line.split('\n')[0]);
    }

    // Written into a document, it reads as a map (same schema) and reads back equal.
    const projected = new Y.Doc();
    projected.transact(() => reconcileCustomerDoc(projected, projection));
    expect(readCustomerProjection(projected)).toEqual(projection);
    const view = readMap(projected);
    expect(view.unplaced).toEqual([]);
    expect(view.personas).toEqual([]);
    expect(view.cards.length).toBe(cards.length);
    expect(view.cards.find((c) => c.emotion === -2)).toBeDefined();
    expect(view.stages.map((s) => s.name)).toEqual(readMap(doc).stages.map((s) => s.name));
  });
});
