import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
} from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import type * as Y from 'yjs';
import { departmentLabel, type PresenceUser } from '../../../shared/index.ts';
import { useMapSession } from '../collab/MapSession.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLatest } from '../ui/useLatest.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { cleanPastedHtml, editorExtensions } from './editorExtensions.ts';

/** ProseMirror re-syncs the DOM selection 20 ms after the editor gains focus (its focus handler). */
const FOCUS_SETTLE_MS = 40;

interface RichTextEditorProps {
  /** The field's fragment; give the component a new `key` with a new fragment. */
  fragment: Y.XmlFragment;
  /** Accessible name of the text box, e.g. "Card text". */
  label: string;
  /** Shown while the field is empty. */
  placeholder: string;
  /** Put the caret at the end of the text when the editor opens. */
  autoFocus?: boolean;
  /** Called when the person leaves the editor (Escape, Ctrl+Enter, or focus moving away). */
  onDone?: (byKeyboard: boolean) => void;
  /** Called with the live editor once it exists (e.g. to keep a card's text if it is deleted). */
  onEditor?: (editor: Editor | null) => void;
  /**
   * Called twice as the editor opens: 'shown' once its content is there, before it takes the
   * focus (return true when the callback placed the caret itself), then 'focused' once it takes
   * keys. Used to hand over text typed while a card's editor was re-created.
   */
  onReady?: (editor: Editor, phase: 'shown' | 'focused') => boolean;
  /** Extra class for the wrapper. */
  className?: string;
}

/**
 * A rich-text field edited together: Tiptap bound to the field's own Y.XmlFragment, so every
 * keystroke is a Yjs change sent at once (nothing waits for a debounce), colleagues' carets and
 * selections show with their name and department, and Ctrl+Z undoes my last change on the map.
 */
export function RichTextEditor({
  fragment,
  label,
  placeholder,
  autoFocus = false,
  onDone,
  onEditor,
  onReady,
  className,
}: RichTextEditorProps) {
  const { locale } = useI18n();
  const { provider, undo, me } = useMapSession();
  const wrapper = useRef<HTMLDivElement>(null);
  const done = useLatest(onDone);
  const readyCallback = useLatest(onReady);
  // Set once the content is shown and the caret placed (y-tiptap renders the fragment a tick
  // after the editor mounts; placing the caret earlier would put it in an empty document).
  const [ready, setReady] = useState(false);
  // y-tiptap shows the fragment's content a tick after the editor is created.
  const [rendered, setRendered] = useState(false);
  const autoFocusLatest = useLatest(autoFocus);
  const place = useLatest((current: Editor) => {
    if (current.isDestroyed) return;
    const caretPlaced = readyCallback.current?.(current, 'shown') === true;
    if (autoFocusLatest.current) current.commands.focus(caretPlaced ? null : 'end');
    // Tiptap moves the DOM focus in the next animation frame, and ProseMirror's focus handler
    // re-applies its selection to the DOM 20 ms after that: ready (for keys that move the
    // caret, and for held text) once both are done.
    requestAnimationFrame(() => {
      setTimeout(() => {
        if (current.isDestroyed) return;
        setReady(true);
        readyCallback.current?.(current, 'focused');
      }, FOCUS_SETTLE_MS);
    });
  });

  const onFirstRender = useCallback(() => setRendered(true), []);

  const editor = useEditor(
    {
      // No <style> element (the CSP has no 'unsafe-inline' in style-src): Tiptap's base rules
      // are in styles.css ("ProseMirror base").
      injectCSS: false,
      extensions: editorExtensions({
        fragment,
        provider,
        undo,
        placeholder,
        me,
        onFirstRender,
        caretLabel: (user: Partial<PresenceUser>) => {
          const name = user.name ?? '?';
          return user.department ? `${name} · ${departmentLabel(user.department, locale)}` : name;
        },
      }),
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          class: 'rich-editor__content',
        },
        transformPastedHTML: cleanPastedHtml,
      },
    },
    [fragment, provider, undo],
  );

  // Once the content is shown, the caret goes to its end (a new fragment remounts this
  // component, see the `key` its parents give it, so this runs once per editor).
  useEffect(() => {
    if (rendered && editor) place.current(editor);
  }, [rendered, editor, place]);

  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' || (event.key === 'Enter' && (event.metaKey || event.ctrlKey))) {
      event.preventDefault();
      event.stopPropagation();
      done.current?.(true);
    }
  };

  const onBlur = (event: FocusEvent) => {
    const next = event.relatedTarget;
    if (next instanceof Node && wrapper.current?.contains(next)) return;
    done.current?.(false);
  };

  return (
    <div
      ref={wrapper}
      className={`rich-editor${className ? ` ${className}` : ''}`}
      onKeyDown={onKeyDown}
      onBlur={onBlur}
      data-testid="rich-editor"
      data-ready={ready}
    >
      {editor && <EditorToolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}
