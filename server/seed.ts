import type { Logger } from 'pino';
import { templateJson, type Locale } from '../shared/index.ts';
import { createMapFromJson } from './maps/mapCommands.ts';
import type { Storage } from './storage/storage.ts';

// English first, so the Spanish map (the product's first language) is the newest and heads the list.
const DEMO_LOCALES: readonly Locale[] = ['en', 'es'];

/**
 * First start: when the catalogue is empty, create the demo "travel alert" map in Spanish and its
 * English twin, so a newcomer sees a real journey map at once.
 */
export async function seedDemoWorkspace(storage: Storage, logger: Logger): Promise<void> {
  if ((await storage.maps.count()) > 0) return;
  for (const locale of DEMO_LOCALES) {
    const row = await storage.transaction((tx) =>
      createMapFromJson(tx, templateJson('travel-alert-demo', locale), 'travel-alert-demo'),
    );
    logger.info({ mapId: row.id, title: row.title }, 'seeded demo map');
  }
}
