import type { Page } from '@playwright/test';

/** The slice of the browser's IndexedDB API used below (this tsconfig has no DOM lib). */
interface IdbRequest<T> {
  result: T;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IdbDatabase {
  transaction(store: string): {
    objectStore(name: string): { getAll(): IdbRequest<Array<{ byteLength: number }>> };
  };
  close(): void;
}

/**
 * The updates y-indexeddb keeps for a map in the page's browser (its local copy): how many, and
 * their bytes. Both are 0 while the browser has no copy of the map.
 */
export function localCopyUpdates(
  page: Page,
  mapId: string,
): Promise<{ count: number; bytes: number }> {
  return page.evaluate(async (suffix) => {
    const { indexedDB } = globalThis as unknown as {
      indexedDB: {
        open(name: string): IdbRequest<IdbDatabase>;
        databases(): Promise<Array<{ name?: string }>>;
      };
    };
    // The copy is kept per person (recorrido:<userId>:map:<id>): find this map's.
    const copy = (await indexedDB.databases()).find((db) => db.name?.endsWith(suffix))?.name;
    if (!copy) return { count: 0, bytes: 0 };
    return new Promise<{ count: number; bytes: number }>((resolve, reject) => {
      const open = indexedDB.open(copy);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const all = db.transaction('updates').objectStore('updates').getAll();
        all.onsuccess = () => {
          resolve({
            count: all.result.length,
            bytes: all.result.reduce((sum, update) => sum + update.byteLength, 0),
          });
          db.close();
        };
        all.onerror = () => reject(all.error);
      };
    });
  }, `:map:${mapId}`);
}
