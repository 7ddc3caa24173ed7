import type { afterLoadDocumentPayload, beforeHandleMessagePayload } from '@hocuspocus/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard, readMap } from '../../../shared/index.ts';
import { DOCUMENT_TOO_LARGE } from '../../../shared/close-codes.ts';
import { startCollabFixture, type CollabFixture } from '../../test/collabFixture.ts';
import { readMetric } from '../../test/metrics.ts';
import { updateFrame } from '../../test/rawSocket.ts';
import type { Rejections } from '../guards/rejections.ts';
import { DocumentSizeExtension } from './DocumentSizeExtension.ts';

const LIMIT = 64 * 1024;
let f: CollabFixture;

describe('map document size cap', () => {
  beforeEach(async () => {
    f = await startCollabFixture({ limits: { maxDocumentBytes: LIMIT } });
  });

  afterEach(async () => {
    await f.dispose();
  });

  it('refuses an update that would grow the map beyond the cap, closing that document with a clear reason', async () => {
    const writer = f.connect();
    await writer.synced;
    const closeReason = new Promise<string>((resolve) =>
      writer.provider.on('close', ({ event }: { event: { reason: string } }) =>
        resolve(event.reason),
      ),
    );
    const { stages, lanes } = readMap(writer.doc);
    const stage = stages[0];
    const lane = lanes[0];
    if (!stage || !lane) throw new Error('the map has no stage or lane');
    // A card body holds at most 20,000 characters: four of them in one transaction (one update).
    const huge = 'x'.repeat(18_000);
    writer.doc.transact(() => {
      for (let i = 0; i < 4; i++)
        addCard(writer.doc, { stageId: stage.id, laneId: lane.id, text: huge });
    });

    expect(await closeReason).toBe(DOCUMENT_TOO_LARGE.reason);
    await expect
      .poll(() => f.logs.find({ event: 'collab_rejected', reason: 'document_too_large' }).length)
      .toBeGreaterThanOrEqual(1);
    expect(
      await readMetric(f.server.url, 'recorrido_collab_rejected_messages_total', {
        reason: 'document_too_large',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(writer.provider.unsyncedChanges).toBeGreaterThan(0);

    // Nobody else received it, and the map keeps working for everyone else.
    expect(readMap(f.honest.doc).cards.some((card) => card.text === huge)).toBe(false);
    const small = await f.addAcknowledgedCard(f.honest, 'a normal card');
    const fresh = f.connect();
    await fresh.synced;
    const cards = readMap(fresh.doc).cards;
    expect(cards.some((card) => card.id === small)).toBe(true);
    expect(cards.some((card) => card.text === huge)).toBe(false);
    expect(f.honestDisconnects()).toBe(0);
  });

  it('accepts updates while the map stays under the cap', async () => {
    const id = await f.addAcknowledgedCard(f.honest, 'y'.repeat(18_000));
    const fresh = f.connect();
    await fresh.synced;
    expect(readMap(fresh.doc).cards.some((card) => card.id === id)).toBe(true);
    expect(f.logs.find({ reason: 'document_too_large' })).toHaveLength(0);
  });
});

describe('DocumentSizeExtension on a map already above its cap', () => {
  it('still accepts updates that only delete, and refuses any that add', async () => {
    const rejections = { report: vi.fn() } as unknown as Rejections;
    const extension = new DocumentSizeExtension({ maxDocumentBytes: 1_000, rejections });
    const document = new Y.Doc();
    document.getText('body').insert(0, 'x'.repeat(2_000)); // e.g. imported before the cap was lowered
    const documentName = 'map:over-the-cap';
    await extension.afterLoadDocument({
      document,
      documentName,
    } as unknown as afterLoadDocumentPayload);
    const message = (update: Uint8Array) =>
      ({
        documentName,
        document,
        socketId: 's',
        update: updateFrame(documentName, update),
      }) as unknown as beforeHandleMessagePayload;
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(document));
    const before = Y.encodeStateVector(replica);
    replica.getText('body').delete(0, 1_500);
    const deletion = Y.encodeStateAsUpdate(replica, before);
    replica.getText('body').insert(0, 'y');
    const insertion = Y.encodeStateAsUpdate(replica, Y.encodeStateVector(document));

    await expect(extension.beforeHandleMessage(message(deletion))).resolves.toBeUndefined();
    await expect(extension.beforeHandleMessage(message(insertion))).rejects.toMatchObject(
      DOCUMENT_TOO_LARGE,
    );
    expect(rejections.report).toHaveBeenCalledTimes(1);
  });
});
