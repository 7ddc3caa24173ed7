import { useCallback, useEffect, useRef, useState } from 'react';
import type { Editor } from '@tiptap/react';
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap';
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
import { RichTextEditor } from '../editor/RichTextEditor.tsx';
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
const bridges = new Map<string, { bridge: TypingBridge; caret: number }>();

function bridgeTypingFor(cardId: string, caret: number): void {
  bridges.get(cardId)?.bridge.close();
  const entry = { bridge: openTypingBridge(), caret };
  bridges.set(cardId, entry);
  setTimeout(() => {
    if (bridges.get(cardId) !== entry) return;
    entry.bridge.close();
    bridges.delete(cardId);
  }, BRIDGE_MS);
}

function takeTypingFor(cardId: string, editor: Editor): void {
  const entry = bridges.get(cardId);
  if (!entry) return;
  bridges.delete(cardId);
  const text = entry.bridge.take();
  entry.bridge.close();
  // The new editor holds the same text, so the old caret position is still the right place.
  const caret = Math.min(entry.caret, editor.state.doc.content.size - 1);
  editor.chain().setTextSelection(Math.max(1, caret)).insertContent(text).run();
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
      // No keystroke may land in the dead fragment while the editor re-binds: keys typed
      // until the next editor is ready are held and handed to it.
      bridgeTypingFor(card.id, open.state.selection.head);
      open.setEditable(false);
      const typed = open.state.doc;
      doc.transact(() => {
        const kept = keepCard(doc, last.current.card);
        bound.current = kept;
        prosemirrorToYXmlFragment(typed, kept);
      }, LOCAL_USER_ORIGIN);
      const placed = readMap(doc).cards.some((c) => c.id === card.id);
      toasts.show({ message: t(placed ? 'card.keptDeleted' : 'card.keptUnplaced') });
      // The card may now show elsewhere (the unplaced tray): its editor reopens there.
      setReopen(card.id);
      setFragment(bound.current);
      setGeneration((n) => n + 1);
    });
  }, [doc, card.id, toasts, t, last, done, setReopen]);

  const onEditor = useCallback((value: Editor | null) => {
    editor.current = value;
  }, []);
  const onReady = useCallback((value: Editor) => takeTypingFor(card.id, value), [card.id]);

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
