import type { Logger } from 'pino';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, findChromiumExecutable } from './chromiumPath.ts';
import { RenderLimiter } from './renderLimiter.ts';

/** Thrown when no Chromium is installed (or it cannot start): the export answers 503. */
export class ExportUnavailableError extends Error {}

/** Longest a single render may take (the 2,400-card map takes a few seconds). */
const RENDER_TIMEOUT_MS = 120_000;

/** What the renderer needs. */
export interface PageRendererOptions {
  logger: Logger;
  /** The Chromium binary; undefined: found like the tests find theirs (CHROMIUM_PATH first). */
  executablePath?: string | null | undefined;
  /** Renders at the same time; the others wait (default 2). */
  concurrency?: number | undefined;
}

/**
 * Renders our own self-contained HTML (server/export/printDocument.ts) to PDF or PNG with one
 * headless Chromium per server process, launched on the first render and closed with the server.
 * Each render gets a fresh browser context with JavaScript off and no network, so a map's text
 * can never run or fetch anything even if escaping failed.
 */
export class PageRenderer {
  readonly #logger: Logger;
  readonly #executablePath: string | null;
  readonly #limiter: RenderLimiter;
  #browser: Promise<Browser> | null = null;
  #closed = false;

  constructor(options: PageRendererOptions) {
    this.#logger = options.logger;
    this.#executablePath =
      options.executablePath === undefined ? findChromiumExecutable() : options.executablePath;
    this.#limiter = new RenderLimiter(options.concurrency ?? 2);
  }

  /** Whether a Chromium binary was found (renders fail with ExportUnavailableError otherwise). */
  get available(): boolean {
    return this.#executablePath !== null && !this.#closed;
  }

  /**
   * A PDF of print HTML: A3 landscape sheets (the document's own @page rules), or, given
   * `singleWidth`, one page that wide and as tall as the laid-out document.
   */
  pdf(html: string, singleWidth?: number): Promise<Uint8Array> {
    return this.#render(html, { width: singleWidth ?? 1600, height: 800 }, async (context) => {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
      let size: { width: string; height: string } | undefined;
      if (singleWidth !== undefined) {
        // Runs in Playwright's utility world: page scripts stay off.
        const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
        size = { width: `${Math.ceil(singleWidth)}px`, height: `${Math.ceil(height) + 1}px` };
      }
      const pdf = await page.pdf({
        printBackground: true,
        ...(size ?? { format: 'A3', landscape: true, preferCSSPageSize: true }),
      });
      return new Uint8Array(pdf);
    });
  }

  /** A PNG of the whole page laid out `width` CSS pixels wide (a full-page screenshot). */
  png(html: string, width: number): Promise<Uint8Array> {
    // A short window: the full-page screenshot is then exactly as tall as the board.
    return this.#render(html, { width, height: 100 }, async (context) => {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
      const png = await page.screenshot({
        fullPage: true,
        type: 'png',
        timeout: RENDER_TIMEOUT_MS,
      });
      return new Uint8Array(png);
    });
  }

  /** Closes the browser (server shutdown); later renders fail as unavailable. */
  async close(): Promise<void> {
    this.#closed = true;
    const browser = this.#browser;
    this.#browser = null;
    if (!browser) return;
    try {
      await (await browser).close();
    } catch {
      // It never started, or already died: nothing left to close.
    }
  }

  async #render<T>(
    html: string,
    viewport: { width: number; height: number },
    fn: (context: BrowserContext) => Promise<T>,
  ): Promise<T> {
    return this.#limiter.run(async () => {
      const browser = await this.#launched();
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: Math.ceil(viewport.width), height: viewport.height },
        deviceScaleFactor: 1,
        offline: true,
      });
      try {
        // Our HTML references nothing; refuse any request anyway (defence in depth).
        await context.route('**/*', (route) => route.abort());
        return await fn(context);
      } finally {
        await context.close().catch(() => undefined);
      }
    });
  }

  #launched(): Promise<Browser> {
    if (this.#closed || this.#executablePath === null) {
      return Promise.reject(
        new ExportUnavailableError(
          'PDF and PNG export need Chromium on the server: install the "chromium" package or set CHROMIUM_PATH',
        ),
      );
    }
    if (!this.#browser) {
      const executablePath = this.#executablePath;
      const launching = chromium
        .launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
        .then((browser) => {
          // A crashed browser is relaunched by the next render.
          browser.on('disconnected', () => {
            if (this.#browser === launching) this.#browser = null;
          });
          this.#logger.info({ executablePath }, 'export: Chromium started');
          return browser;
        })
        .catch((error: unknown) => {
          if (this.#browser === launching) this.#browser = null;
          this.#logger.error({ err: error, executablePath }, 'export: Chromium did not start');
          throw new ExportUnavailableError(
            `Chromium could not start for PDF and PNG export (${executablePath})`,
          );
        });
      this.#browser = launching;
    }
    return this.#browser;
  }
}
