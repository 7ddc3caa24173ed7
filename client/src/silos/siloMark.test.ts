import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCard,
  addLane,
  addStage,
  DEFAULT_DEPARTMENTS,
  readMap,
  setCardFields,
} from '../../../shared/index.ts';
import { siloMark } from './siloBoard.tsx';

const departments = DEFAULT_DEPARTMENTS.map((d) => ({ id: d.id, names: [d.label.es, d.label.en] }));

describe('siloMark', () => {
  const doc = new Y.Doc();
  const stageId = addStage(doc, { name: 'Web' });
  const touch = addLane(doc, { kind: 'touchpoints', title: 'Contacto' });
  const depts = addLane(doc, { kind: 'departments', title: 'Departamentos' });
  const orphan = addCard(doc, { stageId, laneId: touch, text: 'Portal' });
  const owned = addCard(doc, { stageId, laneId: touch, text: 'Teléfono' });
  setCardFields(doc, owned, { department: 'contact-centre' });
  const named = addCard(doc, { stageId, laneId: depts, text: 'Ventas y Centro de contacto' });
  const view = readMap(doc);
  const mark = (id: string, department: string | null, active = true) => {
    const card = view.cards.find((c) => c.id === id);
    const lane = view.lanes.find((l) => l.id === card?.laneId);
    if (!card || !lane) throw new Error('missing card');
    return siloMark(card, lane, { active, department, departments });
  };

  it('marks nothing while the lens is closed', () => {
    expect(mark(orphan, 'sales', false)).toBeNull();
  });

  it('outlines gaps while no department is chosen', () => {
    expect([mark(orphan, null), mark(owned, null), mark(named, null)]).toEqual(['gap', null, null]);
  });

  it('dims what does not involve the chosen department (dimming wins over the gap)', () => {
    expect([
      mark(orphan, 'contact-centre'),
      mark(owned, 'contact-centre'),
      mark(named, 'contact-centre'),
    ]).toEqual(['dimmed', null, null]);
    expect([mark(owned, 'sales'), mark(named, 'sales')]).toEqual(['dimmed', null]);
  });
});
