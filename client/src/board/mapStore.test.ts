import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  cardBody,
  initMap,
  moveCard,
  renameStage,
} from '../../../shared/index.ts';
import { MapStore } from './mapStore.ts';

/** A remote replica's change arriving as an update, as the provider applies it. */
function fromRemote(doc: Y.Doc, change: (remote: Y.Doc) => void): void {
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(remote);
  change(remote);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, before), 'remote');
  remote.destroy();
}

describe('MapStore', () => {
  beforeEach(() => {
    // No browser here: frames are flushed by hand through `store.flush()`.
    vi.stubGlobal('requestAnimationFrame', () => 0);
    vi.stubGlobal('cancelAnimationFrame', () => {});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function bigish() {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Mapa', locale: 'es' });
    const stages = [0, 1, 2].map((i) => addStage(doc, { name: `S${i}` }));
    const lanes = [0, 1].map((i) => addLane(doc, { kind: 'actions', title: `L${i}` }));
    const cards = stages.flatMap((s) =>
      lanes.flatMap((l) =>
        [0, 1].map((i) => addCard(doc, { stageId: s, laneId: l, text: `c${i}` })),
      ),
    );
    return { doc, stages, lanes, cards };
  }

  it('wakes only the listeners of the card and cell a remote keystroke touched', () => {
    const { doc, stages, lanes, cards } = bigish();
    const store = new MapStore(doc);
    store.start();
    const woken: string[] = [];
    for (const id of cards) store.subscribe(`card:${id}`, () => woken.push(`card:${id}`));
    for (const s of stages)
      for (const l of lanes)
        store.subscribe(MapStore.cellKey(s, l), () => woken.push(`cell:${s}/${l}`));
    store.subscribe('structure', () => woken.push('structure'));
    store.subscribe('view', () => woken.push('view'));
    const target = cards[5] ?? '';
    fromRemote(doc, (remote) => {
      const body = cardBody(remote, target as never);
      const paragraph = body?.get(0);
      const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : undefined;
      if (text instanceof Y.XmlText) text.insert(0, 'x');
    });
    store.flush();
    const card = store.map.card(target);
    expect(woken).toEqual([`card:${target}`, `cell:${card?.stageId}/${card?.laneId}`]);
    expect(card?.text.startsWith('x')).toBe(true);
    store.stop();
  });

  it('wakes the two cells of a moved card and the view; a renamed stage wakes the structure', () => {
    const { doc, stages, lanes, cards } = bigish();
    const store = new MapStore(doc);
    store.start();
    const woken = new Set<string>();
    for (const s of stages)
      for (const l of lanes) store.subscribe(MapStore.cellKey(s, l), () => woken.add(`${s}/${l}`));
    store.subscribe('structure', () => woken.add('structure'));
    store.subscribe('view', () => woken.add('view'));
    const id = cards[0] ?? '';
    const from = store.map.card(id);
    fromRemote(doc, (remote) =>
      moveCard(remote, id as never, { stageId: stages[2] as never, laneId: lanes[1] as never }),
    );
    store.flush();
    expect([...woken].sort()).toEqual(
      [`${from?.stageId}/${from?.laneId}`, `${stages[2]}/${lanes[1]}`, 'view'].sort(),
    );
    woken.clear();
    fromRemote(doc, (remote) => renameStage(remote, stages[1] as never, 'Nueva'));
    store.flush();
    expect([...woken].sort()).toEqual(['structure', 'view']);
    expect(store.map.stages[1]?.name).toBe('Nueva');
    store.stop();
  });

  it('reads changes made between its creation and its start', () => {
    const { doc, stages, lanes } = bigish();
    const store = new MapStore(doc);
    fromRemote(doc, (remote) =>
      addCard(remote, { stageId: stages[0] as never, laneId: lanes[0] as never, text: 'tarde' }),
    );
    store.start();
    expect(store.map.cell(stages[0] as never, lanes[0] as never).map((c) => c.text)).toContain(
      'tarde',
    );
    store.stop();
  });
});
