import { useEffect, useState, type ReactNode } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import { useMapSession } from '../collab/MapSession.tsx';
import { useUndoState } from '../collab/useUndoState.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import {
  BoldIcon,
  BulletListIcon,
  ItalicIcon,
  LinkIcon,
  OrderedListIcon,
  RedoIcon,
  UndoIcon,
} from '../ui/icons.tsx';
import { safeLinkUrl } from './safeUrl.ts';

/** Modifier key name shown in shortcuts: ⌘ on Apple devices, Ctrl elsewhere. */
const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

interface ToolProps {
  label: MessageKey;
  shortcut: string;
  active?: boolean;
  disabled?: boolean;
  onRun: () => void;
  children: ReactNode;
}

/** One toolbar button; it never takes the focus from the text. */
function Tool({ label, shortcut, active, disabled, onRun, children }: ToolProps) {
  const { t } = useI18n();
  const name = `${t(label)} (${shortcut})`;
  return (
    <button
      type="button"
      className="rich-toolbar__button"
      aria-label={name}
      title={name}
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onRun}
    >
      {children}
    </button>
  );
}

/** Formatting buttons above a rich-text field: bold, italic, lists, link, undo, redo. */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const { canUndo, canRedo } = useUndoState(useMapSession().undo);
  const [linkDraft, setLinkDraft] = useState<string | null>(null);
  const [linkError, setLinkError] = useState(false);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      link: e.isActive('link'),
      href: (e.getAttributes('link').href as string | undefined) ?? '',
    }),
  });

  // Ctrl/Cmd+K opens the link field, as in word processors.
  useEffect(() => {
    const dom = editor.view.dom;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setLinkError(false);
        setLinkDraft((editor.getAttributes('link').href as string | undefined) ?? '');
      }
    };
    dom.addEventListener('keydown', onKey);
    return () => dom.removeEventListener('keydown', onKey);
  }, [editor]);

  const applyLink = () => {
    const href = safeLinkUrl(linkDraft ?? '');
    if (!href) {
      setLinkError(true);
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !state.link) {
      chain
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .run();
    } else {
      chain.setLink({ href }).run();
    }
    setLinkDraft(null);
  };

  return (
    <div className="rich-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <Tool
        label="editor.bold"
        shortcut={`${MOD}+B`}
        active={state.bold}
        onRun={() => editor.chain().focus().toggleBold().run()}
      >
        <BoldIcon />
      </Tool>
      <Tool
        label="editor.italic"
        shortcut={`${MOD}+I`}
        active={state.italic}
        onRun={() => editor.chain().focus().toggleItalic().run()}
      >
        <ItalicIcon />
      </Tool>
      <Tool
        label="editor.bulletList"
        shortcut={`${MOD}+Shift+8`}
        active={state.bullet}
        onRun={() => editor.chain().focus().toggleBulletList().run()}
      >
        <BulletListIcon />
      </Tool>
      <Tool
        label="editor.orderedList"
        shortcut={`${MOD}+Shift+7`}
        active={state.ordered}
        onRun={() => editor.chain().focus().toggleOrderedList().run()}
      >
        <OrderedListIcon />
      </Tool>
      <Tool
        label="editor.link"
        shortcut={`${MOD}+K`}
        active={state.link}
        onRun={() => {
          setLinkError(false);
          setLinkDraft(linkDraft === null ? state.href : null);
        }}
      >
        <LinkIcon />
      </Tool>
      <span className="rich-toolbar__gap" />
      <Tool
        label="editor.undo"
        shortcut={`${MOD}+Z`}
        disabled={!canUndo}
        onRun={() => editor.chain().focus().undo().run()}
      >
        <UndoIcon />
      </Tool>
      <Tool
        label="editor.redo"
        shortcut={`${MOD}+Shift+Z`}
        disabled={!canRedo}
        onRun={() => editor.chain().focus().redo().run()}
      >
        <RedoIcon />
      </Tool>
      {linkDraft !== null && (
        <div className="rich-toolbar__link">
          <input
            type="url"
            autoFocus
            aria-label={t('editor.linkUrl')}
            aria-invalid={linkError}
            placeholder="https://"
            value={linkDraft}
            onChange={(event) => {
              setLinkDraft(event.target.value);
              setLinkError(false);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                applyLink();
              } else if (event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                setLinkDraft(null);
                editor.commands.focus();
              }
            }}
          />
          <button type="button" className="secondary" onClick={applyLink}>
            {t('editor.linkApply')}
          </button>
          {state.link && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                editor.chain().focus().extendMarkRange('link').unsetLink().run();
                setLinkDraft(null);
              }}
            >
              {t('editor.linkRemove')}
            </button>
          )}
          {linkError && (
            <span className="rich-toolbar__error" role="alert">
              {t('editor.linkInvalid')}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
