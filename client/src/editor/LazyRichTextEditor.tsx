import { lazy, Suspense, type ComponentProps } from 'react';
import type * as EditorChunkModule from './editorChunk.ts';

/**
 * The rich-text editor (Tiptap and ProseMirror: most of the client's code) in a chunk of its own,
 * run when the first editor opens or, earlier, once the page is idle (`preloadRichTextEditor`).
 * The board shows card text with RichTextView and needs none of it, so a map's first render does
 * not wait for the editor's code to compile and run. The page's HTML preloads the chunk
 * (vite.config.ts), so an editor opens even when the server went away after the page loaded.
 */
type EditorChunk = typeof EditorChunkModule;

/** How long to wait before asking again for editor code that did not arrive. */
const RETRY_MS = 2_000;

let chunk: EditorChunk | null = null;
let loading: Promise<EditorChunk> | null = null;

/** The editor's code; asked for again until it arrives (a failed import is never final). */
function load(): Promise<EditorChunk> {
  loading ??= (async () => {
    for (;;) {
      try {
        return (chunk = await import('./editorChunk.ts'));
      } catch {
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  })();
  return loading;
}

const Editor = lazy(() => load().then((module) => ({ default: module.RichTextEditor })));

/** The editor's code once it has arrived (always, while an editor is open), else null. */
export function loadedEditorChunk(): EditorChunk | null {
  return chunk;
}

/** Starts loading the editor's code in the background (the browser's idle time, or soon). */
export function preloadRichTextEditor(): void {
  if (loading) return;
  const start = () => void load();
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2_000 });
  else setTimeout(start, 200);
}

/** The rich-text editor; nothing is shown for the moment its code may still take to arrive. */
export function RichTextEditor(props: ComponentProps<typeof Editor>) {
  return (
    <Suspense fallback={null}>
      <Editor {...props} />
    </Suspense>
  );
}
