/**
 * Entry of the rich-text editor's chunk (loaded by LazyRichTextEditor.tsx): the editor, and what
 * the card editor needs from ProseMirror while an editor is open.
 */
export { RichTextEditor } from './RichTextEditor.tsx';
export { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap';
