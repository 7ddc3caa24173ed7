// One way to find Chromium for the whole project: the server's (PDF and PNG exports), which the
// end-to-end tests, the benchmarks and scripts/ensure-chromium.ts share.
import { findChromiumExecutable } from '../../server/export/chromiumPath.ts';

export { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../../server/export/chromiumPath.ts';

/** Path of a usable Chromium: $CHROMIUM_PATH, Playwright's own, or the system one; null if none. */
export function findChromium(): string | null {
  return findChromiumExecutable();
}
