import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEPARTMENTS } from './departments.ts';
import { addCard, moveCard, setCardFields } from './operations/cards.ts';
import { addLane, deleteLane } from './operations/lanes.ts';
import { addStage } from './operations/stages.ts';
import { readMap } from './read-map.ts';
import { departmentsNamedIn, siloLens, type SiloDepartment } from './silo-lens.ts';

const DEPARTMENTS: SiloDepartment[] = DEFAULT_DEPARTMENTS.map((d) => ({
  id: d.id,
  names: [d.label.es, d.label.en],
}));

/** Three stages and the lanes the lens reads. */
function journey() {
  const doc = new Y.Doc();
  const plan = addStage(doc, { name: 'Planificar' });
  const buy = addStage(doc, { name: 'Comprar' });
  const use = addStage(doc, { name: 'Usar' });
  const touch = addLane(doc, { kind: 'touchpoints', title: 'Puntos de contacto' });
  const pain = addLane(doc, { kind: 'pain-points', title: 'Dolores' });
  const depts = addLane(doc, { kind: 'departments', title: 'Departamentos' });
  const actions = addLane(doc, { kind: 'actions', title: 'Acciones' });
  return { doc, plan, buy, use, touch, pain, depts, actions };
}

describe('departmentsNamedIn', () => {
  it('finds names in either language, without accents or case, as whole words', () => {
    expect(departmentsNamedIn('Ventas y TECNOLOGIA', DEPARTMENTS).sort()).toEqual(['it', 'sales']);
    expect(departmentsNamedIn('Contact centre, compliance', DEPARTMENTS).sort()).toEqual([
      'compliance',
      'contact-centre',
    ]);
    expect(departmentsNamedIn('Centro de contacto', DEPARTMENTS)).toEqual(['contact-centre']);
    // "it" inside "digital" is not IT; "Digital" is.
    expect(departmentsNamedIn('Digital', DEPARTMENTS)).toEqual(['digital']);
    expect(departmentsNamedIn('TI', DEPARTMENTS)).toEqual(['it']);
    expect(departmentsNamedIn('', DEPARTMENTS)).toEqual([]);
    expect(departmentsNamedIn('Nadie', DEPARTMENTS)).toEqual([]);
  });

  it('recognises a workspace department by its own name and slug', () => {
    const own = [...DEPARTMENTS, { id: 'legal-team', names: ['Asesoría jurídica'] }];
    expect(departmentsNamedIn('asesoria juridica', own)).toEqual(['legal-team']);
    expect(departmentsNamedIn('the legal team', own)).toEqual(['legal-team']);
  });
});

describe('siloLens', () => {
  it('lists per stage the departments of cards and of the departments lane', () => {
    const j = journey();
    const a = addCard(j.doc, { stageId: j.plan, laneId: j.actions, text: 'Busca' });
    setCardFields(j.doc, a, { department: 'marketing' });
    addCard(j.doc, { stageId: j.plan, laneId: j.depts, text: 'Ventas' });
    addCard(j.doc, { stageId: j.buy, laneId: j.depts, text: 'Ventas, TI' });
    // Text naming a department outside the departments lane does not count.
    addCard(j.doc, { stageId: j.use, laneId: j.actions, text: 'Llama a ventas' });
    const lens = siloLens(readMap(j.doc), DEPARTMENTS);
    expect(lens.stages.map((s) => [s.stageId, s.departments])).toEqual([
      [j.plan, ['marketing', 'sales']],
      [j.buy, ['it', 'sales']],
      [j.use, []],
    ]);
    expect(lens.involved).toEqual(['it', 'marketing', 'sales']);
  });

  it('finds the hand-offs between consecutive stages', () => {
    const j = journey();
    addCard(j.doc, { stageId: j.plan, laneId: j.depts, text: 'Marketing, Ventas' });
    addCard(j.doc, { stageId: j.buy, laneId: j.depts, text: 'Ventas, Operaciones' });
    addCard(j.doc, { stageId: j.use, laneId: j.depts, text: 'Ventas, Operaciones' });
    const lens = siloLens(readMap(j.doc), DEPARTMENTS);
    expect(lens.handoffs).toEqual([
      {
        fromStageId: j.plan,
        toStageId: j.buy,
        from: ['marketing'],
        to: ['operations'],
        kept: ['sales'],
      },
    ]);
  });

  it('reports no hand-off across a stage nobody is involved in', () => {
    const j = journey();
    addCard(j.doc, { stageId: j.plan, laneId: j.depts, text: 'Marketing' });
    addCard(j.doc, { stageId: j.use, laneId: j.depts, text: 'IT' });
    expect(siloLens(readMap(j.doc), DEPARTMENTS).handoffs).toEqual([]);
  });

  it('reports touchpoints and pain points without a department as gaps, per stage', () => {
    const j = journey();
    const owned = addCard(j.doc, { stageId: j.plan, laneId: j.touch, text: 'Web' });
    setCardFields(j.doc, owned, { department: 'digital' });
    const orphanTouch = addCard(j.doc, { stageId: j.plan, laneId: j.touch, text: 'Anuncio' });
    const orphanPain = addCard(j.doc, { stageId: j.buy, laneId: j.pain, text: 'Cola larga' });
    // An action without a department is not a gap.
    addCard(j.doc, { stageId: j.buy, laneId: j.actions, text: 'Paga' });
    const lens = siloLens(readMap(j.doc), DEPARTMENTS);
    expect(lens.stages.map((s) => s.gaps)).toEqual([[orphanTouch], [orphanPain], []]);
    expect(lens.gaps).toEqual([orphanTouch, orphanPain]);
    // Giving it an owner closes the gap; moving it moves the gap.
    setCardFields(j.doc, orphanTouch, { department: 'marketing' });
    moveCard(j.doc, orphanPain, { stageId: j.use, laneId: j.pain });
    const after = siloLens(readMap(j.doc), DEPARTMENTS);
    expect(after.stages.map((s) => s.gaps)).toEqual([[], [], [orphanPain]]);
    expect(after.stages[0]?.departments).toEqual(['digital', 'marketing']);
  });

  it('ignores unplaced cards', () => {
    const j = journey();
    addCard(j.doc, { stageId: j.plan, laneId: j.pain, text: 'Sin dueño' });
    deleteLane(j.doc, j.pain);
    const lens = siloLens(readMap(j.doc), DEPARTMENTS);
    expect(lens.gaps).toEqual([]);
  });

  it('is empty for a map without stages', () => {
    expect(siloLens(readMap(new Y.Doc()), DEPARTMENTS)).toEqual({
      stages: [],
      handoffs: [],
      involved: [],
      gaps: [],
    });
  });
});
