import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyMapJson } from '../../shared/interchange.ts';
import { initMap } from '../../shared/operations/meta.ts';
import { readMap } from '../../shared/read-map.ts';
import { cardRows, cardsCsv } from './cardRows.ts';
import { fixtureMapJson } from './exportFixture.ts';
import { fileStem } from './fileName.ts';
import { printDocument, singlePageWidth, STAGES_PER_SHEET } from './printDocument.ts';

function fixtureView(locale: 'es' | 'en' = 'es') {
  const doc = new Y.Doc();
  applyMapJson(doc, fixtureMapJson(locale));
  return readMap(doc);
}

const at = new Date('2026-11-28T10:00:00Z');

describe('printDocument', () => {
  it('escapes every piece of map text and holds no script', () => {
    const html = printDocument(fixtureView(), { layout: 'pages', exportedAt: at });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>Alta de cliente «Banca» &lt;móvil&gt;</title>');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Exportado el 28 de noviembre de 2026');
  });

  it('splits the stages into A3 sheets, or lays them all on one page', () => {
    const view = fixtureView('en');
    const pages = printDocument(view, { layout: 'pages', exportedAt: at });
    expect(pages.split('<section class="sheet">').length - 1).toBe(
      Math.ceil(view.stages.length / STAGES_PER_SHEET),
    );
    expect(pages).toContain('@page { size: A3 landscape');
    expect(pages).toContain('Exported on 28 November 2026');
    const single = printDocument(view, { layout: 'single', exportedAt: at });
    expect(single.split('<section class="sheet">').length - 1).toBe(1);
    expect(single).toContain(`width: ${singlePageWidth(view.stages.length) - 48}px`);
  });

  it('draws one curve point per stage with scored emotion cards', () => {
    const html = printDocument(fixtureView(), { layout: 'single', exportedAt: at });
    expect(html.match(/<circle /g)?.length).toBe(8);
    expect(html.match(/class="curve-line"/g)?.length).toBe(7);
  });

  it('says so when the map has no stage or lane yet', () => {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Vacío', locale: 'en' });
    const html = printDocument(readMap(doc), { layout: 'pages', exportedAt: at });
    expect(html).toContain('This map has no stages or lanes yet.');
  });
});

describe('card rows', () => {
  it('keep formula-like text as text in CSV', () => {
    const csv = cardsCsv(cardRows(fixtureView())).toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://x.test"",""clic"")"`);
    expect(csv.startsWith('\uFEFFstage,lane,lane_kind,text,')).toBe(true);
  });
});

describe('fileStem', () => {
  it('makes a safe ASCII name from any title', () => {
    expect(fileStem('Alta de cliente «Banca» <móvil>')).toBe('alta-de-cliente-banca-movil');
    expect(fileStem('"; rm -rf / ; "')).toBe('rm-rf');
    expect(fileStem('日本語')).toBe('map');
    expect(fileStem('a'.repeat(300))).toHaveLength(80);
  });
});
