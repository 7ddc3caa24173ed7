// Finds a redis-server for the multi-instance tests; as root with apt, installs Debian's
// `redis-server` when none exists (the tests start their own throwaway one on loopback).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { findRedisServer } from '../server/test/findRedisServer.ts';

const found = findRedisServer();
if (found) {
  console.log(`redis-server for the multi-instance tests: ${found}`);
  process.exit(0);
}

const isRoot = process.getuid?.() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log('No redis-server found: installing the Debian package "redis-server" (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'redis-server']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed with status ${result.status}`);
      process.exit(1);
    }
  }
  const installed = findRedisServer();
  if (installed) {
    console.log(`redis-server for the multi-instance tests: ${installed}`);
    process.exit(0);
  }
}

console.error(
  [
    'No redis-server found for the multi-instance tests.',
    'Install one of:',
    '  - the Debian/Ubuntu package:  sudo apt-get install redis-server   (gives /usr/bin/redis-server)',
    '  - or point REDIS_SERVER_PATH at any redis-server binary (Redis 6.2 or newer).',
  ].join('\n'),
);
process.exit(1);
