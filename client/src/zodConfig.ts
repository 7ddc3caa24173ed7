import { z } from 'zod';

/**
 * Zod 4 probes `new Function` once to decide whether to compile fast validators. Under the
 * server's Content-Security-Policy (no 'unsafe-eval') the probe throws, which zod catches, but the
 * browser still reports a CSP violation; `jitless` skips the probe and the JIT. Imported first by
 * main.tsx, so it runs before any schema parses.
 */
z.config({ jitless: true });
