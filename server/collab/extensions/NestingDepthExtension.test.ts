import type { beforeHandleMessagePayload } from '@hocuspocus/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { bodyDepth, fragmentText, fragmentToJson } from '../../../shared/card-body.ts';
import { DOCUMENT_TOO_DEEP, MISSING_ANCESTORS } from '../../../shared/close-codes.ts';
import { addCard, cardBody, readMap, setCardText, type CardId } from '../../../shared/index.ts';
import { ChildServer } from '../../test/childServer.ts';
import { connectMap, type TestClient } from '../../test/collabClient.ts';
import { readMetric } from '../../test/metrics.ts';
import { updateFrame } from '../../test/rawSocket.ts';
import { createMapAs, signUpUser, type TestUser } from '../../test/testUser.ts';
import type { Rejections } from '../guards/rejections.ts';
import { NestingDepthExtension } from './NestingDepthExtension.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

function client(url: string, mapId: string, user: TestUser): TestClient {
  const c = connectMap(url, mapId, { token: user.token });
  cleanup.push(() => c.destroy());
  return c;
}

/** Adds a card on a client and waits until the server acknowledged it. */
async function acknowledgedCard(c: TestClient, text: string): Promise<CardId> {
  const { stages, lanes } = readMap(c.doc);
  const stage = stages[0];
  const lane = lanes[0];
  if (!stage || !lane) throw new Error('the map has no stage or lane');
  const id = addCard(c.doc, { stageId: stage.id, laneId: lane.id, text });
  await expect.poll(() => c.provider.unsyncedChanges).toBe(0);
  return id;
}

/** One Yjs update nesting `levels` XML elements inside a card body, as a hostile editor sends. */
function nestingUpdate(doc: Y.Doc, cardId: CardId, levels: number): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(replica);
  const body = cardBody(replica, cardId);
  if (!body) throw new Error('the card has no body');
  replica.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = body;
    for (let i = 0; i < levels; i++) {
      const child = new Y.XmlElement('blockquote');
      parent.insert(0, [child]);
      parent = child;
    }
  });
  return Y.encodeStateAsUpdate(replica, before);
}

describe('nesting depth limit on a real server', () => {
  it('refuses one update nesting 20,000 elements in a card body, closing only that editor, and the map keeps working across a restart', async () => {
    const server = new ChildServer();
    cleanup.push(() => server.dispose());
    await server.start();
    const owner = await signUpUser(server.url);
    const mapId = await createMapAs(owner, { title: 'Profundidad' });
    const honest = client(server.url, mapId, owner);
    let honestDisconnects = 0;
    honest.provider.on('disconnect', () => (honestDisconnects += 1));
    await honest.synced;
    const cardId = await acknowledgedCard(honest, 'original text');

    const attacker = client(server.url, mapId, owner);
    await attacker.synced;
    await expect.poll(() => cardBody(attacker.doc, cardId) !== undefined).toBe(true);
    let closeReason: string | undefined;
    attacker.provider.on('close', ({ event }: { event: { reason: string } }) => {
      closeReason ??= event.reason;
    });
    const hostile = nestingUpdate(attacker.doc, cardId, 20_000);
    expect(hostile.length).toBeGreaterThan(100_000); // well under the 4 MiB message cap
    Y.applyUpdate(attacker.doc, hostile); // the provider sends it as one update message

    await expect.poll(() => closeReason, { timeout: 15_000 }).toBe(DOCUMENT_TOO_DEEP.reason);
    attacker.destroy(); // its provider would resend the same update on every reconnect
    await expect
      .poll(() => server.findLogs({ event: 'collab_rejected', reason: 'nesting_too_deep' }).length)
      .toBeGreaterThanOrEqual(1);
    expect(
      await readMetric(server.url, 'recorrido_collab_rejected_messages_total', {
        reason: 'nesting_too_deep',
      }),
    ).toBeGreaterThanOrEqual(1);

    // Honest edits keep flowing on the same map, and nobody received the nesting.
    const later = await acknowledgedCard(honest, 'written after the refusal');
    setCardText(honest.doc, cardId, 'edited after the refusal');
    await expect.poll(() => honest.provider.unsyncedChanges).toBe(0);
    const body = cardBody(honest.doc, cardId);
    expect(body && bodyDepth(fragmentToJson(body))).toBeLessThanOrEqual(2);
    expect(honestDisconnects).toBe(0);

    // The stored map holds the honest edits only, and loads after a restart.
    await server.stop('SIGTERM');
    await server.start();
    const fresh = client(server.url, mapId, owner);
    await fresh.synced;
    const view = readMap(fresh.doc);
    expect(view.cards.map((card) => card.id).sort()).toEqual([cardId, later].sort());
    const freshBody = cardBody(fresh.doc, cardId);
    if (!freshBody) throw new Error('the card lost its body');
    expect(fragmentText(freshBody)).toBe('edited after the refusal');
    expect(bodyDepth(fragmentToJson(freshBody))).toBeLessThanOrEqual(2);
    expect(server.findLogs({ level: 50 })).toEqual([]);
  });
});

describe('NestingDepthExtension on updates whose ancestors are missing', () => {
  it('refuses types hung from items the document does not hold, and accepts them once it does', async () => {
    const rejections = { report: vi.fn() } as unknown as Rejections;
    const extension = new NestingDepthExtension({ maxNestingDepth: 64, rejections });
    const document = new Y.Doc();
    const documentName = 'map:pieces';
    const message = (update: Uint8Array) =>
      ({
        documentName,
        document,
        socketId: 's',
        update: updateFrame(documentName, update),
      }) as unknown as beforeHandleMessagePayload;
    // Two shallow pieces of one nesting: the second hangs from the first.
    const attacker = new Y.Doc();
    const top = attacker.transact(() => {
      const element = new Y.XmlElement('blockquote');
      attacker.getXmlFragment('body').insert(0, [element]);
      return element;
    });
    const first = Y.encodeStateAsUpdate(attacker);
    const afterFirst = Y.encodeStateVector(attacker);
    attacker.transact(() => top.insert(0, [new Y.XmlElement('blockquote')]));
    const second = Y.encodeStateAsUpdate(attacker, afterFirst);

    await expect(extension.beforeHandleMessage(message(second))).rejects.toMatchObject(
      MISSING_ANCESTORS,
    );
    expect(rejections.report).toHaveBeenCalledWith(
      'missing_ancestors',
      expect.objectContaining({ documentName }),
      expect.any(String),
    );
    await expect(extension.beforeHandleMessage(message(first))).resolves.toBeUndefined();
    Y.applyUpdate(document, first);
    await expect(extension.beforeHandleMessage(message(second))).resolves.toBeUndefined();
    expect(rejections.report).toHaveBeenCalledTimes(1);
  });
});
