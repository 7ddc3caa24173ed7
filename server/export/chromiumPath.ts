import fs from 'node:fs';
import { chromium } from 'playwright-core';

/** The Debian package's browser (scripts/ensure-chromium.ts installs it when none exists). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Path of a usable Chromium for server-side rendering (and, through e2e/support/chromium.ts, for
 * the end-to-end tests and benchmarks): $CHROMIUM_PATH, Playwright's own build, or the system one;
 * null when none exists.
 */
export function findChromiumExecutable(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHROMIUM_PATH, playwrightChromium(), SYSTEM_CHROMIUM];
  return (
    candidates.find((candidate): candidate is string => !!candidate && fs.existsSync(candidate)) ??
    null
  );
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * Flags for a headless Chromium on a machine with no internet, possibly as root: no sandbox (the
 * server may run as root in a container), no GPU, and nothing that reaches the network by itself.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
