import type { Extensions } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { StarterKit } from '@tiptap/starter-kit';
import { defaultDeleteFilter, defaultProtectedNodes, ySyncPluginKey } from '@tiptap/y-tiptap';
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

/** Makes the map's undo history track what editors type (see MapUndoManager.trackEditorTyping). */
export function trackEditorTyping(undo: MapUndoManager): void {
  undo.trackEditorTyping(ySyncPluginKey, (item) =>
    defaultDeleteFilter(item, defaultProtectedNodes),
  );
}

/**
 * The extensions of every rich-text field: what journey cards need (paragraphs, bold, italic,
 * bullet and numbered lists, safe links, line breaks), bound to the field's fragment with
 * live carets and the map-wide undo history. Headings, code, quotes, rules, strike-through and
 * underline are left out on purpose: pasted content using them arrives as plain paragraphs.
 */
export function editorExtensions(binding: EditorBinding): Extensions {
  trackEditorTyping(binding.undo);
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

/** True for a CSS font weight that reads as bold (600 and above, or `bold`/`bolder`). */
function isBoldWeight(weight: string): boolean {
  return /^(bold|bolder)$/.test(weight) || Number(weight) >= 600;
}

/** Replaces an element by its children. */
function unwrap(element: Element): void {
  element.replaceWith(...element.childNodes);
}

/** Wraps an element's children in a new `tag` element (e.g. `strong`). */
function wrapChildren(element: Element, tag: 'strong' | 'em'): void {
  const wrapper = element.ownerDocument.createElement(tag);
  wrapper.append(...element.childNodes);
  element.append(wrapper);
}

/**
 * Pasted HTML from Word, Google Docs or web pages without what a card cannot hold: styles,
 * classes, fonts, colours, images and Office markup. Bold and italic written as styles (Docs,
 * web pages) become <strong> and <em>, so no style attribute is left (the page's CSP refuses
 * them anyway); Docs' <b style="font-weight:normal"> wrapper around a whole paste is unwrapped.
 * ProseMirror then keeps only the structure this schema knows.
 */
export function cleanPastedHtml(html: string): string {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const element of parsed.body.querySelectorAll(
    'style, script, meta, link, img, svg, picture, video, audio, iframe, object, title, xml',
  )) {
    element.remove();
  }
  // Deepest first, so unwrapping an element never detaches one still to be visited.
  for (const element of [...parsed.body.querySelectorAll('*')].reverse()) {
    // Read from the attribute's text: under the page's CSP the style is never applied, so
    // `element.style` stays empty.
    const style = element.getAttribute('style') ?? '';
    const weight = /font-weight\s*:\s*([^;]+)/i.exec(style)?.[1]?.trim() ?? '';
    const italic = /font-style\s*:\s*italic/i.test(style);
    for (const attribute of [...element.attributes]) {
      const keep =
        (attribute.name === 'href' && element.tagName === 'A') ||
        (attribute.name === 'start' && element.tagName === 'OL');
      if (!keep) element.removeAttribute(attribute.name);
    }
    const boldTag = element.tagName === 'B' || element.tagName === 'STRONG';
    if (boldTag && weight && !isBoldWeight(weight)) {
      unwrap(element);
      continue;
    }
    if (!boldTag && weight && isBoldWeight(weight)) wrapChildren(element, 'strong');
    if (italic && element.tagName !== 'I' && element.tagName !== 'EM') wrapChildren(element, 'em');
  }
  return parsed.body.innerHTML;
}
