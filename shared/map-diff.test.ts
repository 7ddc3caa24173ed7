import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { asCardId, asLaneId, asStageId } from './ids.ts';
import { applyMapJson, mapToJson } from './interchange.ts';
import type { MapJson } from './interchange.ts';
import { cardChanges, diffByStage, diffMaps, isEmptyDiff } from './map-diff.ts';
import { TEMPLATE_IDS, templateJson } from './templates/index.ts';
import { applyRandomOp, newLedger, randomOpArb } from './testing/random-ops.ts';

const NUM_RUNS = Number(process.env['PROPERTY_RUNS'] ?? 200);

function demo(): MapJson {
  return templateJson('travel-alert-demo', 'es');
}

/** A deep copy to edit without touching the original. */
function copy(map: MapJson): MapJson {
  return structuredClone(map);
}

/** The template as a live document, so random operations can change it. */
function docOf(map: MapJson): Y.Doc {
  const doc = new Y.Doc();
  applyMapJson(doc, map);
  return doc;
}

describe('diffMaps', () => {
  it('finds nothing between a map and an equal copy of itself', () => {
    for (const id of TEMPLATE_IDS) {
      const map = templateJson(id, 'en');
      const diff = diffMaps(map, copy(map));
      expect(isEmptyDiff(diff), id).toBe(true);
      expect(diff.cards.moved).toEqual([]);
    }
  });

  it('reports added, removed, changed and moved cards by id', () => {
    const before = demo();
    const after = copy(before);
    const [first, second, third, fourth] = after.cards;
    if (!first || !second || !third || !fourth) throw new Error('demo map has cards');
    first.paragraphs = ['Texto nuevo'];
    delete first.body;
    second.emotion = second.emotion === 2 ? -2 : 2;
    const otherStage = after.stages.find((s) => s.id !== third.stageId);
    if (!otherStage) throw new Error('demo map has stages');
    third.stageId = otherStage.id;
    after.cards = after.cards.filter((c) => c.id !== fourth.id);
    after.cards.push({ ...first, id: asCardId('nueva-tarjeta'), paragraphs: ['Nueva'] });

    const diff = diffMaps(before, after);
    expect(diff.cards.added).toEqual(['nueva-tarjeta']);
    expect(diff.cards.removed).toEqual([fourth.id]);
    expect([...diff.cards.changed].sort()).toEqual([first.id, second.id, third.id].sort());
    expect(diff.cards.moved).toEqual([third.id]);
    expect(diff.stages).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.meta).toEqual([]);
  });

  it('names what differs in a card', () => {
    const before = demo().cards[0];
    if (!before) throw new Error('demo map has cards');
    expect(cardChanges(before, structuredClone(before))).toEqual([]);
    const after = {
      ...before,
      laneId: asLaneId('otra'),
      order: 'zz',
      priority: { timeToFix: 1, costToFix: 2, customerImpact: 3, businessImpact: 4 },
    };
    expect(cardChanges(before, after)).toEqual(
      expect.arrayContaining(['lane', 'order', 'priority']),
    );
    expect(cardChanges(before, after)).not.toContain('text');
  });

  it('reports stages, lanes, personas and meta', () => {
    const before = demo();
    const after = copy(before);
    after.meta.state = 'to-be';
    after.meta.title = 'Futuro';
    const [s0, s1] = after.stages;
    if (!s0 || !s1) throw new Error('demo map has stages');
    s0.name = 'Renombrada';
    after.stages = after.stages.filter((s) => s.id !== s1.id);
    after.stages.push({ id: asStageId('etapa-nueva'), name: 'Nueva', order: 'zz' });
    const lane = after.lanes[0];
    if (!lane) throw new Error('demo map has lanes');
    lane.customerVisible = !lane.customerVisible;
    after.personas = [];

    const diff = diffMaps(before, after);
    expect([...diff.meta].sort()).toEqual(['state', 'title']);
    expect(diff.stages).toEqual({ added: ['etapa-nueva'], removed: [s1.id], changed: [s0.id] });
    expect(diff.lanes.changed).toEqual([lane.id]);
    expect(diff.personas.removed).toEqual(before.personas.map((p) => p.id));
  });

  it('is empty for a map diffed with itself and swaps added/removed when swapped (property)', () => {
    const base = demo();
    fc.assert(
      fc.property(fc.array(randomOpArb, { maxLength: 25 }), (ops) => {
        const doc = docOf(base);
        const ledger = newLedger();
        for (const op of ops) applyRandomOp(doc, op, ledger);
        const changed = mapToJson(doc);

        expect(isEmptyDiff(diffMaps(changed, changed))).toBe(true);
        expect(isEmptyDiff(diffMaps(changed, copy(changed)))).toBe(true);

        const forward = diffMaps(base, changed);
        const backward = diffMaps(changed, base);
        for (const kind of ['stages', 'lanes', 'cards', 'personas'] as const) {
          expect([...forward[kind].added].sort()).toEqual([...backward[kind].removed].sort());
          expect([...forward[kind].removed].sort()).toEqual([...backward[kind].added].sort());
          expect([...forward[kind].changed].sort()).toEqual([...backward[kind].changed].sort());
        }
        expect([...forward.cards.moved].sort()).toEqual([...backward.cards.moved].sort());
        expect([...forward.meta].sort()).toEqual([...backward.meta].sort());
        // Every card of either map is accounted for exactly once.
        const beforeIds = new Set(base.cards.map((c) => c.id));
        for (const c of changed.cards) {
          const inAdded = forward.cards.added.includes(c.id);
          expect(inAdded).toBe(!beforeIds.has(c.id));
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('diffByStage', () => {
  it('is all "same" for equal maps, and lists each stage once in order', () => {
    const map = demo();
    const stages = diffByStage(map, copy(map));
    expect(stages.map((s) => s.stageId)).toEqual(
      [...map.stages].sort((a, b) => (a.order < b.order ? -1 : 1)).map((s) => s.id),
    );
    for (const s of stages) {
      expect(s.status).toBe('same');
      expect(s.added.length + s.removed.length + s.changed.length).toBe(0);
    }
  });

  it('groups removed, changed and added cards under their stage with their lane, and the pain points', () => {
    const before = demo();
    const after = copy(before);
    const painLane = before.lanes.find((l) => l.kind === 'pain-points');
    const pain = before.cards.find((c) => c.laneId === painLane?.id);
    if (!painLane || !pain) throw new Error('demo map has pain points');
    const stageId = pain.stageId;
    const sameStage = after.cards.filter((c) => c.stageId === stageId && c.id !== pain.id);
    const [toChange, toRemove] = sameStage;
    if (!toChange || !toRemove) throw new Error('demo stage has cards');
    toChange.paragraphs = ['Mejor'];
    delete toChange.body;
    after.cards = after.cards.filter((c) => c.id !== toRemove.id && c.id !== pain.id);
    after.cards.push({
      id: asCardId('nueva'),
      stageId,
      laneId: painLane.id,
      order: 'a0',
      paragraphs: ['Aviso por SMS'],
    });
    // A whole stage removed, another added.
    const lastStage = [...after.stages].sort((a, b) => (a.order < b.order ? -1 : 1)).at(-1);
    if (!lastStage || lastStage.id === stageId) throw new Error('demo map has several stages');
    after.stages = after.stages.filter((s) => s.id !== lastStage.id);
    after.cards = after.cards.filter((c) => c.stageId !== lastStage.id);
    after.stages.push({ id: asStageId('etapa-nueva'), name: 'Seguimiento', order: 'zz' });

    const stages = diffByStage(before, after);
    const here = stages.find((s) => s.stageId === stageId);
    expect(here?.status).toBe('changed');
    expect(here?.changed.map((c) => c.after.id)).toEqual([toChange.id]);
    expect(here?.changed[0]?.changes).toEqual(['text']);
    expect(here?.removed.map((c) => c.card.id).sort()).toEqual([toRemove.id, pain.id].sort());
    expect(here?.added).toEqual([
      expect.objectContaining({
        lane: { id: painLane.id, title: painLane.title, kind: 'pain-points' },
      }),
    ]);
    expect(here?.painPoints.map((p) => p.card.id)).toContain(pain.id);
    expect(here?.painPoints.every((p) => p.lane?.kind === 'pain-points')).toBe(true);

    // Stages of `after` first (the new one last by order), then the removed one.
    expect(stages.at(-2)).toMatchObject({ stageId: 'etapa-nueva', status: 'added' });
    const gone = stages.at(-1);
    expect(gone).toMatchObject({ stageId: lastStage.id, status: 'removed' });
    expect(gone?.removed.length).toBe(
      before.cards.filter((c) => c.stageId === lastStage.id).length,
    );
  });

  it('shows a card moved between stages once, under its new stage', () => {
    const before = demo();
    const after = copy(before);
    const card = after.cards[0];
    const target = after.stages.find((s) => s.id !== card?.stageId);
    if (!card || !target) throw new Error('demo map has cards and stages');
    const from = card.stageId;
    card.stageId = target.id;
    const stages = diffByStage(before, after);
    const all = stages.flatMap((s) => [
      ...s.changed.map((c) => c.after.id),
      ...s.removed.map((c) => c.card.id),
    ]);
    expect(all).toEqual([card.id]);
    const moved = stages.find((s) => s.stageId === target.id)?.changed[0];
    expect(moved).toMatchObject({ fromStageId: from, changes: ['stage'] });
  });
});
