import { expect } from 'vitest';
import { addCard, readMap, type CardId } from '../../shared/index.ts';
import type { ServerConfig } from '../config.ts';
import { connectMap, type TestClient } from './collabClient.ts';
import { captureLogs, type LogCapture } from './logCapture.ts';
import { startTestServer, type TestServer } from './testServer.ts';
import { createMapAs, signUpUser, type TestUser } from './testUser.ts';

/** A test server with captured logs, a signed-up owner, one map and one honest client on it. */
export interface CollabFixture {
  server: TestServer;
  logs: LogCapture;
  owner: TestUser;
  mapId: string;
  honest: TestClient;
  /** Times the honest client's socket dropped (it must stay 0 when others misbehave). */
  honestDisconnects(): number;
  /** Connects another client to the map as the owner. */
  connect(): TestClient;
  /** Adds a card on a client and waits until the server acknowledged it. */
  addAcknowledgedCard(client: Pick<TestClient, 'doc' | 'provider'>, text: string): Promise<CardId>;
  dispose(): Promise<void>;
}

/** Starts the fixture (limits and other config can be overridden). */
export async function startCollabFixture(
  overrides: Partial<ServerConfig> = {},
): Promise<CollabFixture> {
  const logs = captureLogs();
  const server = await startTestServer(overrides, logs.logger);
  const owner = await signUpUser(server.url);
  const mapId = await createMapAs(owner, { title: 'Hardening' });
  const clients: TestClient[] = [];
  const connect = () => {
    const client = connectMap(server.url, mapId, { token: owner.token });
    clients.push(client);
    return client;
  };
  const honest = connect();
  let disconnects = 0;
  honest.provider.on('disconnect', () => (disconnects += 1));
  await honest.synced;
  return {
    server,
    logs,
    owner,
    mapId,
    honest,
    honestDisconnects: () => disconnects,
    connect,
    async addAcknowledgedCard(client, text) {
      const { stages, lanes } = readMap(client.doc);
      const stage = stages[0];
      const lane = lanes[0];
      if (!stage || !lane) throw new Error('the map has no stage or lane');
      const id = addCard(client.doc, { stageId: stage.id, laneId: lane.id, text });
      await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
      return id;
    },
    async dispose() {
      for (const client of clients) client.destroy();
      await server.dispose();
    },
  };
}
