import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Adds `<link rel="modulepreload">` for the rich-text editor's chunk (client/src/editor/
 * editorChunk.ts, loaded with import()). The browser fetches it beside the main bundle and keeps
 * it in its module map without running it, so the editor still opens when the server went away
 * after the page loaded (editing offline), and opening the first editor waits for no download.
 */
function preloadEditorChunk(): Plugin {
  return {
    name: 'recorrido:preload-editor-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.name === 'editorChunk',
        );
        if (!chunk) throw new Error('the editor chunk (editorChunk) is missing from the build');
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

/** Vite builds client/ into dist/client; in dev it proxies the API and WebSocket to the server. */
export default defineConfig({
  root: 'client',
  plugins: [react(), preloadEditorChunk()],
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/healthz': 'http://127.0.0.1:3000',
      '/collab': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
