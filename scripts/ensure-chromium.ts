// Finds a Chromium for Playwright; as root with apt, installs Debian's `chromium` when none exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { findChromium, SYSTEM_CHROMIUM } from '../e2e/support/chromium.ts';

const found = findChromium();
if (found) {
  console.log(`Chromium for end-to-end tests: ${found}`);
  process.exit(0);
}

const isRoot = process.getuid?.() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log('No Chromium found: installing the Debian package "chromium" (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed with status ${result.status}`);
      process.exit(1);
    }
  }
  if (fs.existsSync(SYSTEM_CHROMIUM)) process.exit(0);
}

console.error(
  [
    'No Chromium found for the end-to-end tests, and Playwright cannot download its own here.',
    'Install one of:',
    '  - the Debian/Ubuntu package:  sudo apt-get install chromium   (gives /usr/bin/chromium)',
    '  - or point CHROMIUM_PATH at any Chromium/Chrome binary.',
  ].join('\n'),
);
process.exit(1);
