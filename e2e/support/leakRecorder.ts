import type { BrowserContext, Page, Response } from '@playwright/test';

/** One thing a browser received: a WebSocket frame or an HTTP response body. */
export interface Received {
  kind: 'ws' | 'http';
  /** The socket's or the response's address. */
  url: string;
  bytes: Buffer;
}

/**
 * Records everything a browser context receives, from its very first navigation: every WebSocket
 * frame of every page (text or binary) and every HTTP response body (the HTML, the API, the
 * static bundles too). Attach it before the context opens its first page.
 */
export class LeakRecorder {
  readonly received: Received[] = [];
  /** Responses whose body the browser could not give (redirects have none). */
  readonly unreadable: { url: string; status: number; error: string }[] = [];
  #pending: Promise<void>[] = [];

  constructor(context: BrowserContext) {
    context.on('page', (page) => this.#watchPage(page));
    for (const page of context.pages()) this.#watchPage(page);
    // Context-level: also the requests of workers and every page of the context.
    context.on('response', (response) => this.#pending.push(this.#readBody(response)));
  }

  #watchPage(page: Page): void {
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
        this.received.push({ kind: 'ws', url: socket.url(), bytes: Buffer.from(bytes) });
      });
    });
  }

  async #readBody(response: Response): Promise<void> {
    try {
      const bytes = await response.body();
      this.received.push({ kind: 'http', url: response.url(), bytes });
    } catch (error) {
      this.unreadable.push({
        url: response.url(),
        status: response.status(),
        error: String(error).split('\n')[0] ?? '',
      });
    }
  }

  /** Waits until every response body seen so far has been read. */
  async settle(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      await Promise.all(batch);
    }
  }

  /**
   * Where `marker` occurs in what was received (case-insensitive; the bytes read as UTF-8 and as
   * Latin-1, so a marker inside a binary Yjs update, which stores strings as UTF-8, is found).
   */
  occurrences(marker: string): Received[] {
    const needle = marker.toLowerCase();
    return this.received.filter(
      (r) =>
        r.bytes.toString('utf8').toLowerCase().includes(needle) ||
        r.bytes.toString('latin1').toLowerCase().includes(needle),
    );
  }

  /** How many frames and bodies of each kind were recorded, and their total size. */
  stats(): { ws: number; http: number; bytes: number } {
    return {
      ws: this.received.filter((r) => r.kind === 'ws').length,
      http: this.received.filter((r) => r.kind === 'http').length,
      bytes: this.received.reduce((sum, r) => sum + r.bytes.length, 0),
    };
  }
}
