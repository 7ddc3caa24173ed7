import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import type * as Y from 'yjs';
import { departmentLabel, type PresenceUser } from '../../../shared/index.ts';
import { useMapSession } from '../collab/MapSession.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLatest } from '../ui/useLatest.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { cleanPastedHtml, editorExtensions } from './editorExtensions.ts';

interface RichTextEditorProps {
  /** The field's fragment; a new fragment makes a new editor. */
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
  className,
}: RichTextEditorProps) {
  const { locale } = useI18n();
  const { provider, undo, me } = useMapSession();
  const wrapper = useRef<HTMLDivElement>(null);
  const done = useLatest(onDone);
  // Set once Tiptap has placed the caret (its autofocus runs a tick after mounting).
  const [ready, setReady] = useState(false);

  const editor = useEditor(
    {
      extensions: editorExtensions({
        fragment,
        provider,
        undo,
        placeholder,
        me,
        caretLabel: (user: Partial<PresenceUser>) => {
          const name = user.name ?? '?';
          return user.department ? `${name} · ${departmentLabel(user.department, locale)}` : name;
        },
      }),
      autofocus: autoFocus ? 'end' : false,
      onCreate: () => setReady(true),
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
