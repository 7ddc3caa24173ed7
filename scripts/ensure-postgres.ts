// Finds PostgreSQL's server binaries for the tests; as root with apt, installs Debian's
// `postgresql` when none exist.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { findPostgresBinaries } from '../server/test/postgresServer.ts';

const found = findPostgresBinaries();
if (found) {
  console.log(`PostgreSQL for tests: ${found.postgres}`);
  process.exit(0);
}

const isRoot = process.getuid?.() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log('No PostgreSQL found: installing the Debian package "postgresql" (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'postgresql']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed with status ${result.status}`);
      process.exit(1);
    }
  }
  const installed = findPostgresBinaries();
  if (installed) {
    console.log(`PostgreSQL for tests: ${installed.postgres}`);
    process.exit(0);
  }
}

console.error(
  [
    'No PostgreSQL server binaries (initdb, postgres, pg_ctl) found for the tests.',
    'The tests start a throwaway cluster of their own; they need only the binaries:',
    '  - the Debian/Ubuntu package:  sudo apt-get install postgresql',
    '    (gives /usr/lib/postgresql/<major>/bin)',
    '  - or point PG_BIN_DIR at a folder holding initdb, postgres and pg_ctl.',
  ].join('\n'),
);
process.exit(1);
