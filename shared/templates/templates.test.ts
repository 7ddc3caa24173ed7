import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentToJson } from '../card-body.ts';
import { applyMapJson, mapToJson } from '../interchange.ts';
import { mapInvariantViolations } from '../invariants.ts';
import { LOCALES } from '../locale.ts';
import { personaField } from '../operations/personas.ts';
import { readMap } from '../read-map.ts';
import { PERSONA_RICH_FIELDS } from '../records/persona.ts';
import { SCHEMA_VERSION } from '../schema-version.ts';
import { blankMapJson, TEMPLATE_IDS, templateJson } from './index.ts';

describe('built-in templates', () => {
  for (const id of TEMPLATE_IDS) {
    for (const locale of LOCALES) {
      it(`${id} (${locale}) applies to an empty map and reads back whole`, () => {
        const json = templateJson(id, locale);
        const doc = new Y.Doc();
        applyMapJson(doc, json);
        const view = readMap(doc);
        expect(mapInvariantViolations(view, doc)).toEqual([]);
        expect(view.unplaced).toEqual([]);
        expect(view.cards).toHaveLength(json.cards.length);
        expect(view.meta).toMatchObject({ schemaVersion: SCHEMA_VERSION, locale });
        expect(mapToJson(doc)).toEqual(json);
      });
    }
  }

  it('has the same structure in Spanish and English, with different words', () => {
    for (const id of TEMPLATE_IDS) {
      const es = templateJson(id, 'es');
      const en = templateJson(id, 'en');
      const shape = (j: typeof es) => ({
        stages: j.stages.map((s) => [s.id, s.order]),
        lanes: j.lanes.map((l) => [l.id, l.kind, l.customerVisible]),
        cards: j.cards.map(({ paragraphs: _p, ...rest }) => rest),
      });
      expect(shape(es)).toEqual(shape(en));
      expect(es.meta.title).not.toEqual(en.meta.title);
    }
  });

  it('tells the travel-alert story of Bob with scored emotions and prioritised pain points', () => {
    const doc = new Y.Doc();
    applyMapJson(doc, templateJson('travel-alert-demo', 'es'));
    const view = readMap(doc);
    expect(view.stages.map((s) => s.name)).toEqual([
      'Planificar el viaje',
      'Avisar al banco por la web',
      'Llamar al centro de contacto',
      'Enviar un correo',
      'Ir a la sucursal',
      'Viajar y pagar',
    ]);
    expect(view.cards.length).toBeGreaterThanOrEqual(25);
    expect(view.cards.length).toBeLessThanOrEqual(45);
    const lane = (kind: string) => view.lanes.find((l) => l.kind === kind)?.id;
    const stage = (i: number) => view.stages[i]?.id;
    const emotion = (i: number) =>
      view.cards.find((c) => c.laneId === lane('emotions') && c.stageId === stage(i))?.emotion;
    expect(emotion(1)).toBe(-2);
    expect(emotion(4)).toBe(2);
    const pains = view.cards.filter((c) => c.laneId === lane('pain-points'));
    expect(pains.every((c) => c.priority !== undefined)).toBe(true);
    expect(view.lanes.find((l) => l.kind === 'backstage')?.customerVisible).toBe(false);
    expect(view.personas).toHaveLength(1);
    expect(view.personas[0]).toMatchObject({ name: 'Bob' });
    expect(view.personas[0]?.goals.length).toBeGreaterThan(0);
    // Bob's prose fields are rich text an editor binds to, lists as bullet lists.
    const bob = view.personas[0]?.id;
    for (const field of PERSONA_RICH_FIELDS) {
      expect(bob && personaField(doc, bob, field)).toBeInstanceOf(Y.XmlFragment);
    }
    const goals = bob && personaField(doc, bob, 'goals');
    const [list] = goals ? fragmentToJson(goals) : [];
    expect(list).toMatchObject({ type: 'bulletList' });
    expect(list && 'type' in list && list.content).toHaveLength(
      view.personas[0]?.goals.length ?? 0,
    );
  });

  it('offers a blank map with starter stages and lanes but no cards', () => {
    const json = blankMapJson('en');
    expect(json.stages).toHaveLength(3);
    expect(json.cards).toEqual([]);
    expect(json.meta.title).toBe('New map');
  });
});
