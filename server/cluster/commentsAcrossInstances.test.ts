import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCommentThreads, type CommentThreadJson } from '../../shared/comments.ts';
import { commentsDocName, type MapId } from '../../shared/index.ts';
import { connectClient, type TestClient } from '../test/collabClient.ts';
import type { TestServer } from '../test/testServer.ts';
import { startTwoInstances, type TwoInstances } from '../test/twoInstances.ts';
import { createMapAs, signUpUser, asUser, type TestUser } from '../test/testUser.ts';

// The comments mirror with two instances on one Redis and one PostgreSQL database: a command
// accepted by one instance reaches readers connected to the other.
let instances: TwoInstances | undefined;
let a: TestServer;
let b: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  instances = await startTwoInstances();
  ({ a, b } = instances);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await instances?.dispose();
});

async function connect(server: TestServer, mapId: MapId, user: TestUser): Promise<TestClient> {
  const client = connectClient(server.url, commentsDocName(mapId), { token: user.token });
  clients.push(client);
  await client.synced;
  return client;
}

describe('comments mirror across instances', () => {
  it('shows a reader on instance B what was posted through instance A within a second', async () => {
    const owner = await signUpUser(a.url);
    const viewer = await signUpUser(b.url);
    const mapId = (await createMapAs(owner, { title: 'Dos instancias' })) as MapId;
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: viewer.email, role: 'viewer' },
      201,
    );
    const atB = await connect(b, mapId, viewer);

    const thread = await owner.json<CommentThreadJson>(
      'POST',
      `/api/maps/${mapId}/threads`,
      { anchor: { kind: 'map' }, body: 'Desde A' },
      201,
    );
    await expect.poll(() => readCommentThreads(atB.doc), { timeout: 1_000 }).toEqual([thread]);

    // A reply through B reaches a reader on A too, and both read what storage holds.
    const atA = await connect(a, mapId, owner);
    const ownerAtB = asUser(b.url, owner, owner.token);
    await ownerAtB.json('POST', `/api/threads/${thread.id}/messages`, { body: 'Desde B' }, 201);
    const bodies = (client: TestClient) =>
      readCommentThreads(client.doc).map((t) => t.messages.map((m) => m.body));
    await expect.poll(() => bodies(atA), { timeout: 1_000 }).toEqual([['Desde A', 'Desde B']]);
    await expect.poll(() => bodies(atB), { timeout: 1_000 }).toEqual([['Desde A', 'Desde B']]);
    const { threads } = await owner.json<{ threads: CommentThreadJson[] }>(
      'GET',
      `/api/maps/${mapId}/threads`,
    );
    expect(readCommentThreads(atA.doc)).toEqual(threads);
    expect(readCommentThreads(atB.doc)).toEqual(threads);
  });
});
