import fs from 'node:fs';
import { chromium } from '@playwright/test';

/** The Debian package's browser, used when Playwright's own build is absent (it cannot be downloaded here). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Path of a usable Chromium: $CHROMIUM_PATH, Playwright's own, or the system one; null if none. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, safePlaywrightPath(), SYSTEM_CHROMIUM];
  return (
    candidates.find((candidate): candidate is string => !!candidate && fs.existsSync(candidate)) ??
    null
  );
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Flags that keep Chromium quiet on a machine with no internet and as root. */
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
