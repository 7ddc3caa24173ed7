// Test support: a small map that uses every field the interchange format carries.
import * as Y from 'yjs';
import { replaceWithJson } from '../../shared/card-body.ts';
import { mapToJson, type MapJson } from '../../shared/interchange.ts';
import { addCard, cardBody } from '../../shared/operations/cards.ts';
import { addLane } from '../../shared/operations/lanes.ts';
import { initMap } from '../../shared/operations/meta.ts';
import { addPersona } from '../../shared/operations/personas.ts';
import { addStage } from '../../shared/operations/stages.ts';
import type { Locale } from '../../shared/locale.ts';

/** Stage names of the fixture, left to right (eight: more than one A3 sheet holds). */
export const FIXTURE_STAGES = [
  'Descubrir',
  'Comparar',
  'Contratar',
  'Recibir la tarjeta',
  'Usar',
  'Pedir ayuda',
  'Renovar',
  'Recomendar «al fin»',
];

/**
 * A map with eight stages, four lanes (emotions included), cards carrying every field (emotion,
 * channel, department, priority, moment of truth, personas, rich text, text that looks like a
 * formula or HTML), fields from a "newer client" on the meta, a stage, a lane and a card, a
 * persona, and one unplaced card. As interchange JSON (what an export gives).
 */
export function fixtureMapJson(locale: Locale = 'es'): MapJson {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Alta de cliente «Banca» <móvil>', state: 'to-be', locale });
  const stages = FIXTURE_STAGES.map((name) => addStage(doc, { name }));
  const actions = addLane(doc, { kind: 'actions', title: 'Qué hace', customerVisible: true });
  const emotions = addLane(doc, { kind: 'emotions', title: 'Cómo se siente' });
  const pains = addLane(doc, { kind: 'pain-points', title: 'Dolores' });
  const backstage = addLane(doc, { kind: 'backstage', title: 'Trastienda' });
  const persona = addPersona(doc, { name: 'Lucía', quote: 'Quiero hacerlo desde el móvil' });
  const [s0, s1, s2] = stages as [(typeof stages)[0], (typeof stages)[0], (typeof stages)[0]];
  addCard(doc, {
    stageId: s0,
    laneId: actions,
    text: 'Busca «tarjeta sin comisiones»\nen Google',
    channel: 'web',
    personaIds: [persona],
  });
  addCard(doc, { stageId: s0, laneId: actions, text: '=HYPERLINK("http://x.test","clic")' });
  addCard(doc, {
    stageId: s1,
    laneId: actions,
    text: '<script>alert(1)</script> & más',
    department: 'marketing',
  });
  stages.forEach((stageId, i) => {
    addCard(doc, { stageId, laneId: emotions, text: `Emoción ${i + 1}`, emotion: (i % 5) - 2 });
  });
  const pain = addCard(doc, {
    stageId: s2,
    laneId: pains,
    text: 'Le piden tres veces el DNI',
    emotion: -2,
    momentOfTruth: true,
    channel: 'branch',
    department: 'operations',
    priority: { timeToFix: 2, costToFix: 1, customerImpact: 5, businessImpact: 4 },
  });
  addCard(doc, {
    stageId: s2,
    laneId: backstage,
    text: 'Validación manual del KYC',
    department: 'it',
  });
  const rich = addCard(doc, { stageId: s1, laneId: backstage, text: '' });
  doc.transact(() => {
    const body = cardBody(doc, rich);
    if (body) {
      replaceWithJson(body, [
        { type: 'heading', attrs: { level: 2 }, content: [{ text: 'Riesgo' }] },
        { type: 'paragraph', content: [{ text: 'muy ' }, { text: 'alto', marks: { bold: {} } }] },
      ]);
    }
    // Fields a newer client wrote: they must survive export and import.
    doc.getMap('meta').set('x-workshop', { date: '2026-11-28', facilitator: 'Ana' });
    (doc.getMap('stages').get(s0) as Y.Map<unknown>).set('color', '#ff0000');
    (doc.getMap('lanes').get(pains) as Y.Map<unknown>).set('collapsed', true);
    (doc.getMap('cards').get(pain) as Y.Map<unknown>).set('votes', [3, null, 'x']);
  });
  const json = mapToJson(doc);
  doc.destroy();
  // A card whose stage was deleted while someone added it: it imports (and exports) as unplaced.
  const unplaced = { ...(json.cards[0] as MapJson['cards'][number]) };
  return {
    ...json,
    cards: [
      ...json.cards,
      {
        ...unplaced,
        id: 'unplacedCard0000000001' as typeof unplaced.id,
        stageId: 'deletedStage000000001' as typeof unplaced.stageId,
        paragraphs: ['Sin ubicar'],
      },
    ],
  };
}
