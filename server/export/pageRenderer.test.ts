import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ExportUnavailableError, PageRenderer } from './pageRenderer.ts';
import { RenderLimiter } from './renderLimiter.ts';

const logger = pino({ level: 'silent' });

describe('PageRenderer without a usable Chromium', () => {
  it('says it is unavailable when no Chromium was found', async () => {
    const renderer = new PageRenderer({ logger, executablePath: null });
    expect(renderer.available).toBe(false);
    await expect(renderer.pdf('<p>x</p>')).rejects.toBeInstanceOf(ExportUnavailableError);
    await renderer.close();
  });

  it('reports a Chromium that does not start as unavailable, not as a crash', async () => {
    const renderer = new PageRenderer({ logger, executablePath: '/nonexistent/chromium' });
    await expect(renderer.png('<p>x</p>', 400)).rejects.toBeInstanceOf(ExportUnavailableError);
    await renderer.close();
  });

  it('renders nothing once closed', async () => {
    const renderer = new PageRenderer({ logger });
    await renderer.close();
    expect(renderer.available).toBe(false);
    await expect(renderer.pdf('<p>x</p>')).rejects.toBeInstanceOf(ExportUnavailableError);
  });
});

describe('PageRenderer with Chromium', () => {
  it('renders page after page with one browser, and never runs a script', async () => {
    const renderer = new PageRenderer({ logger, concurrency: 2 });
    try {
      // A script that would grow the page if it ran (the documents never hold one; this checks
      // that JavaScript is off anyway).
      const html =
        '<!doctype html><body style="margin:0"><div id="d" style="width:300px;height:200px">x</div>' +
        '<script>document.getElementById("d").style.height = "3000px"</script></body>';
      const shots = await Promise.all([1, 2, 3].map(() => renderer.png(html, 300)));
      for (const png of shots) {
        const bytes = Buffer.from(png);
        expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
        expect(bytes.readUInt32BE(16)).toBe(300);
        expect(bytes.readUInt32BE(20)).toBe(200);
      }
    } finally {
      await renderer.close();
    }
  });
});

describe('RenderLimiter', () => {
  it('runs at most `limit` tasks at a time, in arrival order, releasing on failure', async () => {
    const limiter = new RenderLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        order.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        if (i === 1) throw new Error('boom');
        return i;
      }),
    );
    while (order.length < 5) {
      await expect.poll(() => releases.length).toBeGreaterThan(0);
      releases.shift()?.();
      await Promise.resolve();
    }
    for (const release of releases) release();
    const results = await Promise.allSettled(tasks);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(limiter.running).toBe(0);
  });
});
