import type { Extensions } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { StarterKit } from '@tiptap/starter-kit';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import type * as Y from 'yjs';
import type { PresenceUser } from '../../../shared/index.ts';
import type { MapUndoManager } from '../collab/mapUndoManager.ts';
import { safeLinkUrl } from './safeUrl.ts';

/** What an editor needs to bind to one rich-text field of the map. */
export interface EditorBinding {
  /** The Y.XmlFragment holding the field (a card's body, a persona's quote...). */
  fragment: Y.XmlFragment;
  /** The map's provider: its awareness carries carets. */
  provider: HocuspocusProvider;
  /** My undo history for the whole map (text and structure together). */
  undo: MapUndoManager;
  /** Shown while the field is empty. */
  placeholder: string;
  /** Caret label of a colleague, e.g. "Carlos · IT". */
  caretLabel: (user: Partial<PresenceUser>) => string;
  /** Me (the server stamps the same into my awareness state for the others). */
  me: PresenceUser | null;
  /** Called once the field's content is first shown (the moment to place the caret). */
  onFirstRender?: () => void;
}

/**
 * The extensions of every rich-text field: what journey cards need (paragraphs, bold, italic,
 * bullet and numbered lists, safe links, line breaks), bound to the field's fragment with
 * live carets and the map-wide undo history. Headings, code, quotes, rules, strike-through and
 * underline are left out on purpose: pasted content using them arrives as plain paragraphs.
 */
export function editorExtensions(binding: EditorBinding): Extensions {
  return [
    StarterKit.configure({
      // Collaboration brings Yjs-aware undo; ProseMirror's own history must be off.
      undoRedo: false,
      heading: false,
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      // No empty paragraph forced after a final list: opening a field must not write to it.
      trailingNode: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        protocols: ['mailto', 'tel'],
        isAllowedUri: (url) => safeLinkUrl(url) !== null,
        shouldAutoLink: (url) => safeLinkUrl(url) !== null,
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    Placeholder.configure({ placeholder: binding.placeholder }),
    Collaboration.configure({
      fragment: binding.fragment,
      onFirstRender: binding.onFirstRender,
      yUndoOptions: { undoManager: binding.undo },
    }),
    CollaborationCaret.configure({
      provider: binding.provider,
      user: binding.me ?? {},
      render: (user: Partial<PresenceUser>) => caretElement(user, binding.caretLabel(user)),
    }),
  ];
}

/** A colleague's caret: a coloured bar with their name and department above it. */
function caretElement(user: Partial<PresenceUser>, label: string): HTMLElement {
  const color =
    typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#555';
  const caret = document.createElement('span');
  caret.className = 'caret';
  caret.style.borderColor = color;
  caret.setAttribute('data-testid', 'remote-caret');
  const tag = document.createElement('span');
  tag.className = 'caret__label';
  tag.style.backgroundColor = color;
  tag.textContent = label;
  caret.append(tag);
  return caret;
}

/**
 * Pasted HTML from Word, Google Docs or web pages without what a card cannot hold: styles,
 * classes, fonts, colours, images and Office markup. ProseMirror then keeps only the structure
 * this schema knows (paragraphs, lists, bold, italic, safe links).
 */
export function cleanPastedHtml(html: string): string {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const element of parsed.body.querySelectorAll(
    'style, script, meta, link, img, svg, picture, video, audio, iframe, object, title, xml',
  )) {
    element.remove();
  }
  for (const element of parsed.body.querySelectorAll<HTMLElement>('*')) {
    // Bold and italic written as styles (Google Docs, web pages) stay bold and italic; fonts,
    // colours and sizes go. Docs wraps a whole paste in <b style="font-weight:normal">, which
    // Tiptap's Bold reads as "not bold" thanks to the kept font-weight.
    const weight = element.style.fontWeight;
    const italic = element.style.fontStyle === 'italic';
    for (const attribute of [...element.attributes]) {
      const keep =
        (attribute.name === 'href' && element.tagName === 'A') ||
        (attribute.name === 'start' && element.tagName === 'OL');
      if (!keep) element.removeAttribute(attribute.name);
    }
    if (weight) element.style.fontWeight = weight;
    if (italic) element.style.fontStyle = 'italic';
  }
  return parsed.body.innerHTML;
}
