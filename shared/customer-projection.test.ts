import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { customerMapJson } from './customer-projection.ts';
import { applyMapJson, MapJsonSchema } from './interchange.ts';
import { readMap } from './read-map.ts';
import { templateJson } from './templates/index.ts';

describe('customer projection', () => {
  it('keeps only customer-visible lanes and strips internal card fields and personas', () => {
    const doc = new Y.Doc();
    applyMapJson(doc, templateJson('travel-alert-demo', 'en'));
    const json = customerMapJson(doc);
    expect(MapJsonSchema.safeParse(json).success).toBe(true);
    expect(json.lanes.length).toBeGreaterThan(0);
    expect(json.lanes.every((l) => l.customerVisible)).toBe(true);
    expect(json.lanes.map((l) => l.kind)).not.toContain('backstage');
    expect(json.personas).toEqual([]);
    expect(json.cards.some((c) => c.department !== undefined || c.priority !== undefined)).toBe(
      false,
    );
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/Fraud detection|fraud engine|Branch CRM/);
    // Not a word of the persona's rich fields (internal research) reaches a customer.
    const [bob] = readMap(doc).personas;
    for (const line of [bob?.quote ?? '', ...(bob?.goals ?? []), ...(bob?.pains ?? [])]) {
      expect(line.length).toBeGreaterThan(0);
      expect(text).not.toContain(line.split('\n')[0]);
    }

    const projected = new Y.Doc();
    applyMapJson(projected, json);
    expect(readMap(projected).unplaced).toEqual([]);
    expect(readMap(projected).cards.find((c) => c.emotion === -2)).toBeDefined();
  });
});
