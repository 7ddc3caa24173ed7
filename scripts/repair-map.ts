// `npm run repair-map -- <mapId|--all> [--dry-run]`: removes shared types nested deeper than
// COLLAB_MAX_NESTING_DEPTH from stored maps (README "Repairing a map"). Run it with the server
// stopped (it takes the DATA_DIR lock, so it refuses to run beside one): a running server holding
// the map in memory would write its old state back.
import fs from 'node:fs';
import { commentsDocName, customerDocName, mapDocName, type MapId } from '../shared/index.ts';
import { readConfig } from '../server/config.ts';
import { databaseFile } from '../server/db/database.ts';
import { openSqliteStorage } from '../server/storage/sqlite/sqliteStorage.ts';
import { resolveCollabLimits } from '../server/collab/guards/limits.ts';
import { repairDocuments } from '../server/repair/repairDocuments.ts';

const USAGE = 'usage: npm run repair-map -- <mapId|--all> [--dry-run]';

function parseArgs(args: readonly string[]): { target: string; dryRun: boolean } {
  const dryRun = args.includes('--dry-run');
  const rest = args.filter((a) => a !== '--dry-run');
  const target = rest[0];
  if (rest.length !== 1 || target === undefined) throw new Error(USAGE);
  if (target.startsWith('--') && target !== '--all') {
    throw new Error(`unknown option ${target}; ${USAGE}`);
  }
  return { target, dryRun };
}

async function main(): Promise<void> {
  const { target, dryRun } = parseArgs(process.argv.slice(2));
  const config = readConfig();
  if (!fs.existsSync(databaseFile(config.dataDir))) {
    throw new Error(`no database in DATA_DIR ${config.dataDir}`);
  }
  const { maxNestingDepth } = resolveCollabLimits(config.limits);
  // Holds the DATA_DIR lock: refuses to run beside a server on the same folder (stop it first).
  const storage = openSqliteStorage({ dataDir: config.dataDir });
  try {
    let mapIds: MapId[];
    if (target === '--all') {
      mapIds = (await storage.maps.list()).map((m) => m.id);
    } else {
      if (!(await storage.maps.get(target))) throw new Error(`unknown map ${target}`);
      mapIds = [target as MapId];
    }
    const names = mapIds.flatMap((id) => [
      mapDocName(id),
      commentsDocName(id),
      customerDocName(id),
    ]);
    const repairs = await repairDocuments(storage.documents, names, {
      limit: maxNestingDepth,
      dryRun,
    });
    for (const r of repairs) {
      const verb = r.written ? 'removed' : 'would remove';
      process.stdout.write(
        `${r.name}: ${verb} ${r.removedTypes} shared types nested deeper than ${maxNestingDepth} (deepest was ${r.deepestDepth})\n`,
      );
    }
    const what = dryRun ? 'need repair' : 'repaired';
    process.stdout.write(`${names.length} documents checked, ${repairs.length} ${what}\n`);
  } finally {
    await storage.close();
  }
}

try {
  await main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`repair-map: ${message}\n`);
  process.exit(1);
}
