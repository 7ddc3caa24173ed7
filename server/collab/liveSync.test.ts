import { afterEach, describe, expect, it } from 'vitest';
import { addCard, readMap, setCardText } from '../../shared/index.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { createMapAs, signUpUser } from '../test/testUser.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function server(dataDir?: string): Promise<TestServer> {
  const s = await startTestServer(dataDir ? { dataDir } : {});
  return s;
}

function client(url: string, mapId: string, token: string): TestClient {
  const c = connectMap(url, mapId, { token });
  cleanup.push(() => c.destroy());
  return c;
}

describe('live collaboration on a map document', () => {
  it('delivers a card added by one client to another and keeps it across a restart', async () => {
    const first = await server();
    const owner = await signUpUser(first.url);
    const mapId = await createMapAs(owner, { title: 'Viaje', template: 'travel-alert-demo' });
    const a = client(first.url, mapId, owner.token);
    const b = client(first.url, mapId, owner.token);
    await Promise.all([a.synced, b.synced]);

    const before = readMap(a.doc);
    const stage = before.stages[0];
    const lane = before.lanes[0];
    if (!stage || !lane) throw new Error('template map has no stage or lane');
    const cardId = addCard(a.doc, { stageId: stage.id, laneId: lane.id, text: 'Nueva tarjeta' });
    await expect
      .poll(() => readMap(b.doc).cards.find((c) => c.id === cardId)?.text)
      .toBe('Nueva tarjeta');

    setCardText(b.doc, cardId, 'Editada por B');
    await expect
      .poll(() => readMap(a.doc).cards.find((c) => c.id === cardId)?.text)
      .toBe('Editada por B');
    await expect.poll(() => a.provider.unsyncedChanges + b.provider.unsyncedChanges).toBe(0);

    a.destroy();
    b.destroy();
    await first.close();

    const second = await server(first.dataDir);
    cleanup.push(() => second.dispose());
    const fresh = client(second.url, mapId, owner.token);
    await fresh.synced;
    expect(readMap(fresh.doc).cards.find((c) => c.id === cardId)?.text).toBe('Editada por B');
    expect(readMap(fresh.doc).meta.title).toBe('Viaje');
  });

  it('refuses a connection to a map that does not exist', async () => {
    const s = await server();
    cleanup.push(() => s.dispose());
    const owner = await signUpUser(s.url);
    const c = client(s.url, 'does-not-exist-000000', owner.token);
    const reason = await new Promise<string>((resolve) =>
      c.provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason)),
    );
    expect(reason).toMatch(/denied|unknown|not/i);
  });
});
