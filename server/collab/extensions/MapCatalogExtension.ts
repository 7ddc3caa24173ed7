import type { Extension, onStoreDocumentPayload } from '@hocuspocus/server';
import { parseDocName, readMap } from '../../../shared/index.ts';
import type { MapStore } from '../../storage/storage.ts';

/** Settings of the catalogue sync. */
export interface MapCatalogConfiguration {
  maps: MapStore;
}

/** Keeps the map list (title, state, last change) in step with the map documents when they are stored. */
export class MapCatalogExtension implements Extension {
  readonly extensionName = 'map-catalog';
  readonly priority = 40;
  readonly #config: MapCatalogConfiguration;

  constructor(config: MapCatalogConfiguration) {
    this.#config = config;
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    const target = parseDocName(documentName);
    if (target?.kind !== 'map') return;
    const row = await this.#config.maps.get(target.mapId);
    if (!row) return;
    const { title, state } = readMap(document).meta;
    // The list labels and groups AS-IS and TO-BE maps from the catalogue: keep its state too.
    if (state !== row.state) await this.#config.maps.setState(row.id, state);
    if (title && title !== row.title) await this.#config.maps.setTitle(row.id, title);
    else if (state === row.state) await this.#config.maps.touch(row.id);
  }
}
