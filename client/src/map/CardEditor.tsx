import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Editor } from '@tiptap/react';
import type * as Y from 'yjs';
import {
  cardBody,
  keepCard,
  LOCAL_USER_ORIGIN,
  observeCardIds,
  readMap,
  type CardView,
} from '../../../shared/index.ts';
import { useEditingClaim, useMapSession } from '../collab/MapSession.tsx';
import { loadedEditorChunk, RichTextEditor } from '../editor/LazyRichTextEditor.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { openTypingBridge, type TypingBridge } from '../editor/typingBridge.ts';
import { useToasts } from '../ui/Toasts.tsx';
import { useLatest } from '../ui/useLatest.ts';

/** How long keys typed while a kept card's editor moves are held for the next editor. */
const BRIDGE_MS = 5_000;

/**
 * Keys typed while a card's editor is re-created, by card id, with where the caret was, until
 * the card's next editor takes them.
 */
const bridges = new Map<string, { readonly bridge: TypingBridge; caret: number }>();

/**
 * Starts holding keys typed outside any editor for a card; returns the entry, whose caret is
 * set once the old editor's final state is read.
 */
function bridgeTypingFor(cardId: string): { caret: number } {
  bridges.get(cardId)?.bridge.close();
  const entry = { bridge: openTypingBridge(), caret: 1 };
  bridges.set(cardId, entry);
  setTimeout(() => {
    if (bridges.get(cardId) !== entry) return;
    entry.bridge.close();
    bridges.delete(cardId);
  }, BRIDGE_MS);
  return entry;
}

/**
 * Hands held keys to the card's new editor: when it is shown, at the caret the old one had
 * (the text is the same, so the position is too), then what was typed until it has the focus.
 * Returns true when it placed the caret.
 */
/** Inserts typed characters at the caret as they are (spaces included, unlike HTML content). */
function insertPlainText(editor: Editor, text: string): void {
  if (text) editor.view.dispatch(editor.state.tr.insertText(text));
}

function takeTypingFor(cardId: string, editor: Editor, phase: 'shown' | 'focused'): boolean {
  const entry = bridges.get(cardId);
  if (!entry) return false;
  if (phase === 'focused') return false;
  const caret = Math.max(1, Math.min(entry.caret, editor.state.doc.content.size - 1));
  editor.commands.setTextSelection(caret);
  insertPlainText(editor, entry.bridge.take());
  // Keys typed until the editor has the DOM focus are still held: they go in, at the caret,
  // the moment it does, before any key that reaches the editor itself.
  const onFocus = () => {
    editor.off('focus', onFocus);
    if (bridges.get(cardId) !== entry) return;
    bridges.delete(cardId);
    entry.bridge.close();
    insertPlainText(editor, entry.bridge.take());
  };
  editor.on('focus', onFocus);
  return true;
}

interface CardEditorProps {
  /** The card as last seen (its placement and fields are what a kept card gets back). */
  card: CardView;
  /** Put the caret in the card at once. */
  autoFocus: boolean;
  /** The person left the card. */
  onDone: (byKeyboard: boolean) => void;
}

/**
 * A card's text being written: the rich-text editor on the card's body, announced to the others
 * ("Carlos (IT) is editing"). If someone else deletes the card, or its stage or lane, while I
 * am still writing, the card is kept with everything I typed (re-created under the same id,
 * unplaced if its cell is gone) and I am told; my own undo of the card closes the editor.
 */
export function CardEditor({ card, autoFocus, onDone }: CardEditorProps) {
  const { t } = useI18n();
  const { doc, setReopen } = useMapSession();
  const toasts = useToasts();
  const [fragment, setFragment] = useState<Y.XmlFragment | undefined>(() => cardBody(doc, card.id));
  // Bumped with each new fragment, so the editor remounts on it.
  const [generation, setGeneration] = useState(0);
  const editor = useRef<Editor | null>(null);
  const last = useLatest({ card });
  const done = useLatest(onDone);

  useEditingClaim({ kind: 'card', id: card.id });
  // The first editor of a page load may wait a moment for the editor's code: keys typed meanwhile
  // are held and go in at the end of the text once it shows.
  useLayoutEffect(() => {
    if (!loadedEditorChunk()) bridgeTypingFor(card.id).caret = Number.MAX_SAFE_INTEGER;
  }, [card.id]);

  // The fragment the editor is bound to, updated before React re-renders with it.
  const bound = useRef(fragment);

  useEffect(() => {
    return observeCardIds(doc, (ids, transaction) => {
      if (!ids.has(card.id) || !bound.current || cardBody(doc, card.id) === bound.current) return;
      const open = editor.current;
      if (transaction.local || !open) {
        // My own undo removed the card (or the editor is gone): nothing of anyone's is lost.
        done.current(false);
        return;
      }
      // The last keys typed may still be in the DOM, not yet read by ProseMirror (it reads
      // typing from DOM mutations, a microtask later): copy the text a task later, when they
      // are in its state. Until then the editor takes keys as usual; from then on keys are held
      // for the next editor, which gets the kept card's fragment.
      bound.current = undefined;
      // Keys that reach no editor from now on (this one may leave the page before the copy)
      // are held for the next one.
      const held = bridgeTypingFor(card.id);
      setTimeout(() => {
        held.caret = open.state.selection.head;
        if (!open.isDestroyed) open.setEditable(false);
        const typed = open.state.doc;
        let kept: Y.XmlFragment | undefined;
        doc.transact(() => {
          kept = keepCard(doc, last.current.card);
          // An editor is open, so its code has arrived.
          loadedEditorChunk()?.prosemirrorToYXmlFragment(typed, kept);
        }, LOCAL_USER_ORIGIN);
        bound.current = kept;
        const placed = readMap(doc).cards.some((c) => c.id === card.id);
        toasts.show({ message: t(placed ? 'card.keptDeleted' : 'card.keptUnplaced') });
        // The card's editor reopens wherever the card now shows: in its cell, or in the
        // unplaced tray (the board may already have dropped this component, between the
        // delete and now).
        setReopen(card.id);
        // Still in its cell: this editor re-binds to the kept card's fragment. Not when the
        // card is leaving the board: no short-lived editor may take the held keys.
        if (placed) {
          setFragment(kept);
          setGeneration((n) => n + 1);
        }
      }, 0);
    });
  }, [doc, card.id, toasts, t, last, done, setReopen]);

  const onEditor = useCallback((value: Editor | null) => {
    editor.current = value;
  }, []);
  const onReady = useCallback(
    (value: Editor, phase: 'shown' | 'focused') => takeTypingFor(card.id, value, phase),
    [card.id],
  );

  if (!fragment) return null;
  return (
    <RichTextEditor
      key={generation}
      fragment={fragment}
      label={t('card.text')}
      placeholder={t('map.cardPlaceholder')}
      autoFocus={autoFocus}
      onDone={onDone}
      onEditor={onEditor}
      onReady={onReady}
      className="card__editor"
    />
  );
}
