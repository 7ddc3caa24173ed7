import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyMapJson, readMap } from '../../shared/index.ts';
import { templateJson } from '../../shared/templates/index.ts';
import { customerIdOf, resolveCustomerIds } from './customerIds.ts';

describe('customer ids', () => {
  it('are the first 22 base64url characters of HMAC-SHA256(secret, id), per map', () => {
    const secret = randomBytes(32);
    const id = customerIdOf(secret, 'card-1');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(id).toBe(createHmac('sha256', secret).update('card-1').digest('base64url').slice(0, 22));
    expect(customerIdOf(secret, 'card-1')).toBe(id);
    expect(customerIdOf(randomBytes(32), 'card-1')).not.toBe(id);
    expect(customerIdOf(secret, 'card-2')).not.toBe(id);
  });

  it('resolve only the cards and stages customers see', () => {
    const doc = new Y.Doc();
    applyMapJson(doc, templateJson('travel-alert-demo', 'en'));
    const secret = randomBytes(32);
    const { cards, stages } = resolveCustomerIds(doc, secret);
    const view = readMap(doc);
    expect([...stages.values()].sort()).toEqual(view.stages.map((s) => s.id).sort());
    const visibleLanes = new Set(view.lanes.filter((l) => l.customerVisible).map((l) => l.id));
    const visibleCards = view.cards.filter((c) => visibleLanes.has(c.laneId)).map((c) => c.id);
    expect(visibleCards.length).toBeGreaterThan(0);
    expect(visibleCards.length).toBeLessThan(view.cards.length);
    expect([...cards.values()].sort()).toEqual([...visibleCards].sort());
    for (const [customerId, internalId] of cards) {
      expect(customerId).toBe(customerIdOf(secret, internalId));
    }
  });
});
