import { HocuspocusProvider } from '@hocuspocus/provider';
import type { BrowserContext } from '@playwright/test';
import * as Y from 'yjs';
import { mapDocName, SCHEMA_VERSION, type MapId } from '../../shared/index.ts';
import { buildBigMap, type BigMapShape } from '../../bench/collab/bigMap.ts';

/** The session cookie's value in a signed-in context: what the collaboration provider sends. */
export async function sessionToken(context: BrowserContext, baseUrl: string): Promise<string> {
  const cookie = (await context.cookies(baseUrl)).find((c) => c.name === 'recorrido_session');
  if (!cookie) throw new Error('the context is not signed in');
  return decodeURIComponent(cookie.value);
}

/**
 * Writes a big journey map (stages × lanes × cards per cell, see bench/collab/bigMap.ts) into an
 * existing map through the real collaboration server, as a client would, and waits until the
 * server acknowledged it. Its stages and lanes come after the map's own.
 */
export async function seedBigMap(
  baseUrl: string,
  token: string,
  mapId: string,
  shape: BigMapShape,
): Promise<number> {
  const { update, cards } = buildBigMap(shape);
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({
    url: `${baseUrl.replace(/^http/, 'ws')}/collab?schema=${SCHEMA_VERSION}`,
    name: mapDocName(mapId as MapId),
    token,
    document: doc,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('seeding: no sync in 20 s')), 20_000);
      provider.on('synced', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    Y.applyUpdate(doc, update);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('seeding: not acknowledged in 30 s')),
        30_000,
      );
      const check = () => {
        if (provider.unsyncedChanges === 0) {
          clearTimeout(timer);
          provider.off('unsyncedChanges', check);
          resolve();
        }
      };
      provider.on('unsyncedChanges', check);
      check();
    });
    return cards;
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

/** Creates a blank map as the context's user and returns its id. */
export async function createMapVia(
  context: BrowserContext,
  baseUrl: string,
  title: string,
): Promise<string> {
  const response = await context.request.post(`${baseUrl}/api/maps`, {
    headers: { Origin: baseUrl },
    data: { title },
  });
  if (response.status() !== 201) throw new Error(`creating a map: ${response.status()}`);
  return ((await response.json()) as { id: string }).id;
}
