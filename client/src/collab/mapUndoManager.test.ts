import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import {
  addCard,
  addLane,
  addStage,
  cardBody,
  deleteStage,
  fragmentText,
  readMap,
  setCardText,
  type CardId,
} from '../../../shared/index.ts';
import { trackEditorTyping } from '../editor/editorExtensions.ts';
import { MapUndoManager } from './mapUndoManager.ts';

/** A map with one stage, one lane and a card saying `text`. */
function mapWithCard(text: string) {
  const doc = new Y.Doc();
  const stageId = addStage(doc, { name: 'Planificar' });
  const laneId = addLane(doc, { kind: 'thoughts', title: 'Piensa' });
  const cardId = addCard(doc, { stageId, laneId, text });
  const undo = new MapUndoManager(doc);
  // As the first rich-text editor does when it opens.
  trackEditorTyping(undo);
  return { doc, stageId, laneId, cardId, undo };
}

/** Types at the end of a card's first paragraph the way the editor binding does. */
function typeInCard(doc: Y.Doc, cardId: CardId, text: string): void {
  doc.transact(() => {
    const paragraph = cardBody(doc, cardId)?.get(0);
    if (!(paragraph instanceof Y.XmlElement)) throw new Error('no paragraph');
    let run = paragraph.get(0);
    if (!(run instanceof Y.XmlText)) {
      run = new Y.XmlText();
      paragraph.insert(0, [run]);
    }
    if (run instanceof Y.XmlText) run.insert(run.length, text);
  }, ySyncPluginKey);
}

function textOf(doc: Y.Doc, cardId: CardId): string | undefined {
  const body = cardBody(doc, cardId);
  return body ? fragmentText(body) : undefined;
}

describe('MapUndoManager', () => {
  it('undoes my typing and my structural changes as separate steps, in reverse order', () => {
    const { doc, stageId, laneId, cardId, undo } = mapWithCard('Bob');
    typeInCard(doc, cardId, ' duda');
    // Right after typing (well within the 500 ms merge window), a structural change.
    const second = addCard(doc, { stageId, laneId, text: 'otra' });
    expect(undo.undoStack).toHaveLength(2);
    undo.undo();
    expect(readMap(doc).cards.map((c) => c.id)).not.toContain(second);
    expect(textOf(doc, cardId)).toBe('Bob duda');
    undo.undo();
    expect(textOf(doc, cardId)).toBe('Bob');
    undo.redo();
    expect(textOf(doc, cardId)).toBe('Bob duda');
  });

  it('never undoes a colleague’s change that arrived from the server', () => {
    const { doc, cardId, undo } = mapWithCard('Bob');
    const colleague = new Y.Doc();
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc));
    setCardText(colleague, cardId, 'texto de Carlos');
    const provider = { name: 'provider' };
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(doc)), provider);
    expect(undo.undoStack).toHaveLength(0);
    undo.undo();
    expect(textOf(doc, cardId)).toBe('texto de Carlos');
  });

  it('keeps tracking after an editor closes (y-tiptap calls destroy), dropping only that editor’s listeners', () => {
    const { doc, cardId, undo } = mapWithCard('Bob');
    let pageCalls = 0;
    let editorCalls = 0;
    const release = undo.keep('stack-item-added', () => pageCalls++);
    undo.on('stack-item-added', () => editorCalls++);
    typeInCard(doc, cardId, '!');
    undo.destroy();
    undo.stopCapturing();
    typeInCard(doc, cardId, '?');
    expect(pageCalls).toBe(2);
    expect(editorCalls).toBe(1);
    expect(undo.undoStack).toHaveLength(2);
    undo.undo();
    expect(textOf(doc, cardId)).toBe('Bob!');
    release();
    undo.dispose();
  });

  it('isolates a delete: its undo brings back the stage with its cards and their text even after later changes, and leaves the history', () => {
    const { doc, stageId, laneId, cardId, undo } = mapWithCard('Bob llama al banco');
    const otherStage = addStage(doc, { name: 'Viajar' });
    const later = addCard(doc, { stageId: otherStage, laneId, text: 'después' });
    const step = undo.isolate((origin) => deleteStage(doc, stageId, origin));
    expect(textOf(doc, cardId)).toBeUndefined();
    // Later changes of mine, typed after the delete.
    typeInCard(doc, later, ' y más');
    const depthBefore = undo.undoStack.length;
    step.undo();
    step.release();
    expect(readMap(doc).stages.map((s) => s.id)).toContain(stageId);
    expect(textOf(doc, cardId)).toBe('Bob llama al banco');
    expect(textOf(doc, later)).toBe('después y más');
    expect(undo.undoStack).toHaveLength(depthBefore - 1);
  });
});
