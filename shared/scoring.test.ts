import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { mapRoots } from './doc-schema.ts';
import { MapOperationError } from './errors.ts';
import { customerProjection } from './customer-projection.ts';
import { applyMapJson, mapToJson } from './interchange.ts';
import { setPriorityWeights } from './operations/meta.ts';
import { PRIORITY_WEIGHTS_KEY, readMeta, readPriorityWeights } from './records/meta.ts';
import {
  DEFAULT_PRIORITY_WEIGHTS,
  PRIORITY_MAX,
  PRIORITY_MIN,
  PRIORITY_SCORE_MAX,
  priorityScore,
  weightedPriorityScore,
} from './scoring.ts';
import type { PriorityFactors, PriorityWeights } from './scoring.ts';

/** Every combination of the four factors (5^4 = 625). */
function allFactors(): PriorityFactors[] {
  const values = Array.from({ length: PRIORITY_MAX }, (_, i) => i + PRIORITY_MIN);
  const out: PriorityFactors[] = [];
  for (const timeToFix of values)
    for (const costToFix of values)
      for (const customerImpact of values)
        for (const businessImpact of values)
          out.push({ timeToFix, costToFix, customerImpact, businessImpact });
  return out;
}

/** Every weighting (4^4 = 256). */
function allWeights(): PriorityWeights[] {
  const out: PriorityWeights[] = [];
  for (let a = 0; a <= 3; a++)
    for (let b = 0; b <= 3; b++)
      for (let c = 0; c <= 3; c++)
        for (let d = 0; d <= 3; d++)
          out.push({ timeToFix: a, costToFix: b, customerImpact: c, businessImpact: d });
  return out;
}

const quickWin = { timeToFix: 1, costToFix: 1, customerImpact: 5, businessImpact: 5 };
const bigBet = { timeToFix: 5, costToFix: 5, customerImpact: 5, businessImpact: 5 };

describe('weightedPriorityScore', () => {
  it('equals priorityScore exactly under the default weights, for every combination', () => {
    const factors = allFactors();
    expect(factors).toHaveLength(625);
    for (const f of factors) {
      expect(weightedPriorityScore(f, DEFAULT_PRIORITY_WEIGHTS)).toBe(priorityScore(f));
    }
  });

  it('stays within 1..25 and finite for every weighting, zero sides included', () => {
    for (const w of allWeights()) {
      for (const f of [quickWin, bigBet, { ...bigBet, customerImpact: 1, businessImpact: 1 }]) {
        const score = weightedPriorityScore(f, w);
        expect(Number.isFinite(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(1 - 1e-9);
        expect(score).toBeLessThanOrEqual(PRIORITY_SCORE_MAX + 1e-9);
      }
    }
  });

  it('ranks by ease only when both impact weights are 0', () => {
    const w = { timeToFix: 1, costToFix: 1, customerImpact: 0, businessImpact: 0 };
    // Same effort, very different impact: same score.
    expect(weightedPriorityScore(bigBet, w)).toBe(
      weightedPriorityScore({ ...bigBet, customerImpact: 1, businessImpact: 1 }, w),
    );
    // ease 5 -> 5^2.
    expect(weightedPriorityScore(quickWin, w)).toBe(25);
  });

  it('ranks by impact only when both effort weights are 0', () => {
    const w = { timeToFix: 0, costToFix: 0, customerImpact: 1, businessImpact: 1 };
    expect(weightedPriorityScore(bigBet, w)).toBe(weightedPriorityScore(quickWin, w));
    expect(weightedPriorityScore(bigBet, w)).toBe(25);
  });

  it('falls back to the default score when every weight is 0', () => {
    const w = { timeToFix: 0, costToFix: 0, customerImpact: 0, businessImpact: 0 };
    expect(weightedPriorityScore(quickWin, w)).toBe(priorityScore(quickWin));
  });

  it('lets a heavier factor change the order', () => {
    // A hurts customers, B hurts the business; same effort.
    const a = { timeToFix: 2, costToFix: 2, customerImpact: 5, businessImpact: 1 };
    const b = { timeToFix: 2, costToFix: 2, customerImpact: 1, businessImpact: 4 };
    expect(weightedPriorityScore(a, DEFAULT_PRIORITY_WEIGHTS)).toBeGreaterThan(
      weightedPriorityScore(b, DEFAULT_PRIORITY_WEIGHTS),
    );
    const business = { ...DEFAULT_PRIORITY_WEIGHTS, businessImpact: 3 };
    expect(weightedPriorityScore(b, business)).toBeGreaterThan(weightedPriorityScore(a, business));
  });

  it('makes impact count more against effort when its weights are higher', () => {
    // A: high impact, slow; B: medium impact, fast.
    const a = { timeToFix: 5, costToFix: 4, customerImpact: 5, businessImpact: 5 };
    const b = { timeToFix: 1, costToFix: 1, customerImpact: 2, businessImpact: 2 };
    expect(weightedPriorityScore(b, DEFAULT_PRIORITY_WEIGHTS)).toBeGreaterThan(
      weightedPriorityScore(a, DEFAULT_PRIORITY_WEIGHTS),
    );
    const impactFirst = { timeToFix: 1, costToFix: 1, customerImpact: 3, businessImpact: 3 };
    expect(weightedPriorityScore(a, impactFirst)).toBeGreaterThan(
      weightedPriorityScore(b, impactFirst),
    );
  });
});

describe('priority weights in the map meta', () => {
  it('reads the defaults when missing, not an object, or a factor is invalid', () => {
    const doc = new Y.Doc();
    const { meta } = mapRoots(doc);
    expect(readPriorityWeights(meta)).toEqual(DEFAULT_PRIORITY_WEIGHTS);
    expect(readMeta(meta).priorityWeights).toEqual(DEFAULT_PRIORITY_WEIGHTS);
    meta.set(PRIORITY_WEIGHTS_KEY, 'heavy');
    expect(readPriorityWeights(meta)).toEqual(DEFAULT_PRIORITY_WEIGHTS);
    meta.set(PRIORITY_WEIGHTS_KEY, [3, 3, 3, 3]);
    expect(readPriorityWeights(meta)).toEqual(DEFAULT_PRIORITY_WEIGHTS);
    meta.set(PRIORITY_WEIGHTS_KEY, {
      timeToFix: 4,
      costToFix: 1.5,
      customerImpact: '2',
      businessImpact: 0,
    });
    expect(readPriorityWeights(meta)).toEqual({
      timeToFix: 1,
      costToFix: 1,
      customerImpact: 1,
      businessImpact: 0,
    });
  });

  it('setPriorityWeights merges a partial change and keeps unknown keys', () => {
    const doc = new Y.Doc();
    const { meta } = mapRoots(doc);
    meta.set(PRIORITY_WEIGHTS_KEY, { customerImpact: 2, loyalty: 3 });
    setPriorityWeights(doc, { businessImpact: 3, timeToFix: 0 });
    expect(readPriorityWeights(meta)).toEqual({
      timeToFix: 0,
      costToFix: 1,
      customerImpact: 2,
      businessImpact: 3,
    });
    expect(meta.get(PRIORITY_WEIGHTS_KEY)).toEqual({
      loyalty: 3,
      timeToFix: 0,
      costToFix: 1,
      customerImpact: 2,
      businessImpact: 3,
    });
  });

  it('setPriorityWeights writes nothing when the values do not change', () => {
    const doc = new Y.Doc();
    setPriorityWeights(doc, { costToFix: 2 });
    let updates = 0;
    doc.on('update', () => updates++);
    setPriorityWeights(doc, { costToFix: 2 });
    setPriorityWeights(doc, {});
    expect(updates).toBe(0);
    setPriorityWeights(doc, { costToFix: 3 });
    expect(updates).toBe(1);
  });

  it('setPriorityWeights refuses weights outside 0..3, fractions and unknown factors', () => {
    const doc = new Y.Doc();
    for (const bad of [{ costToFix: 4 }, { costToFix: -1 }, { costToFix: 1.5 }, { loyalty: 1 }]) {
      expect(() => setPriorityWeights(doc, bad as never)).toThrow(MapOperationError);
    }
    expect(mapRoots(doc).meta.get(PRIORITY_WEIGHTS_KEY)).toBeUndefined();
  });

  it('replicates to another document and ranks the same there', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
    setPriorityWeights(a, { customerImpact: 3 });
    const weights = readPriorityWeights(mapRoots(b).meta);
    expect(weights.customerImpact).toBe(3);
    const f = { timeToFix: 2, costToFix: 3, customerImpact: 4, businessImpact: 2 };
    expect(weightedPriorityScore(f, weights)).toBe(
      weightedPriorityScore(f, readPriorityWeights(mapRoots(a).meta)),
    );
  });

  it('travels through JSON export and import as an extra meta field', () => {
    const a = new Y.Doc();
    setPriorityWeights(a, { timeToFix: 3, businessImpact: 0 });
    const json = JSON.parse(JSON.stringify(mapToJson(a))) as unknown;
    const b = new Y.Doc();
    applyMapJson(b, json);
    expect(readPriorityWeights(mapRoots(b).meta)).toEqual({
      timeToFix: 3,
      costToFix: 1,
      customerImpact: 1,
      businessImpact: 0,
    });
  });

  it('is never part of what customers see', () => {
    const doc = new Y.Doc();
    setPriorityWeights(doc, { customerImpact: 3 });
    const projection = customerProjection(doc, (id) => `c-${id}`);
    expect(Object.keys(projection.meta)).not.toContain(PRIORITY_WEIGHTS_KEY);
    expect(JSON.stringify(projection)).not.toContain('customerImpact');
  });
});
