import type { Logger } from 'pino';
import { templateJson, type Locale } from '../shared/index.ts';
import { createMapFromJson, type MapCommandDeps } from './maps/mapCommands.ts';

// English first, so the Spanish map (the product's first language) is the newest and heads the list.
const DEMO_LOCALES: readonly Locale[] = ['en', 'es'];

/**
 * First start: when the catalogue is empty, create the demo "travel alert" map in Spanish and its
 * English twin, so a newcomer sees a real journey map at once.
 */
export function seedDemoWorkspace(deps: MapCommandDeps, logger: Logger): void {
  if (deps.maps.count() > 0) return;
  for (const locale of DEMO_LOCALES) {
    const row = createMapFromJson(
      deps,
      templateJson('travel-alert-demo', locale),
      'travel-alert-demo',
    );
    logger.info({ mapId: row.id, title: row.title }, 'seeded demo map');
  }
}
