import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mapDocName, type MapId } from '../../../shared/index.ts';
import { MALFORMED_MESSAGE, TEXT_FRAME_REFUSED } from '../../../shared/close-codes.ts';
import { startCollabFixture, type CollabFixture } from '../../test/collabFixture.ts';
import { readMetric } from '../../test/metrics.ts';
import {
  authFrame,
  isAuthenticatedReply,
  openRawSocket,
  typedFrame,
  updateFrame,
} from '../../test/rawSocket.ts';

let f: CollabFixture;
let docName: string;

beforeEach(async () => {
  f = await startCollabFixture();
  docName = mapDocName(f.mapId as MapId);
});

afterEach(async () => {
  await f.dispose();
});

function sampleUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set('x', 'a card body long enough to be cut in the middle');
  return Y.encodeStateAsUpdate(doc);
}

/** The honest client still edits and gets acknowledged on its own, never-dropped connection. */
async function expectHonestClientUnaffected(): Promise<void> {
  await f.addAcknowledgedCard(f.honest, 'still here');
  expect(f.honestDisconnects()).toBe(0);
}

const update = sampleUpdate();
const hugeVarint = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);

const cases: [string, () => Uint8Array | string, number, string][] = [
  [
    'random bytes',
    () => new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
    MALFORMED_MESSAGE.code,
    'malformed',
  ],
  ['an empty frame', () => new Uint8Array(), MALFORMED_MESSAGE.code, 'malformed'],
  [
    'a truncated Yjs update',
    () => updateFrame(docName, update).slice(0, -7),
    MALFORMED_MESSAGE.code,
    'malformed',
  ],
  [
    'a Yjs update whose bytes are garbage',
    () => updateFrame(docName, new Uint8Array([1, 1, 200, 3, 0, 0x99, 7, 7])),
    MALFORMED_MESSAGE.code,
    'malformed',
  ],
  [
    'a sync message with trailing bytes',
    () => new Uint8Array([...updateFrame(docName, update), 9, 9]),
    MALFORMED_MESSAGE.code,
    'malformed',
  ],
  ['a huge varint as the address length', () => hugeVarint, MALFORMED_MESSAGE.code, 'malformed'],
  [
    'an update length far beyond the frame',
    () => new Uint8Array([...typedFrame(docName, 0), 2, 0xff, 0xff, 0xff, 0x0f, 1]),
    MALFORMED_MESSAGE.code,
    'malformed',
  ],
  ['an unknown message type', () => typedFrame(docName, 42), MALFORMED_MESSAGE.code, 'wrong_type'],
  [
    'a server-internal message type (BroadcastStateless)',
    () => typedFrame(docName, 6, new Uint8Array([1, 65])),
    MALFORMED_MESSAGE.code,
    'wrong_type',
  ],
  [
    'an awareness update that is not JSON',
    () => typedFrame(docName, 1, new Uint8Array([7, 1, 7, 1, 3, 123, 123, 123])),
    MALFORMED_MESSAGE.code,
    'malformed',
  ],
  ['a text frame', () => '{"type":"sync"}', TEXT_FRAME_REFUSED.code, 'text_frame'],
];

describe('malformed WebSocket frames', () => {
  it.each(cases)(
    '%s closes only that connection, with a log line and a metric',
    async (_name, makeFrame, code, reason) => {
      const bystander = openRawSocket(f.server.url);
      const offender = openRawSocket(f.server.url);
      await Promise.all([bystander.opened, offender.opened]);

      offender.send(makeFrame());

      expect((await offender.closed).code).toBe(code);
      await expect.poll(() => f.logs.find({ event: 'collab_rejected', reason }).length).toBe(1);
      expect(
        await readMetric(f.server.url, 'recorrido_collab_rejected_messages_total', { reason }),
      ).toBe(1);
      expect(bystander.ws.readyState).toBe(WebSocket.OPEN);
      await expectHonestClientUnaffected();
      bystander.ws.close();
    },
  );

  it('closes an authenticated connection that sends a broken update and leaves the map intact', async () => {
    const before = Y.encodeStateVector(f.honest.doc);
    const offender = openRawSocket(f.server.url);
    await offender.opened;
    offender.send(authFrame(docName, f.owner.token));
    await expect.poll(() => offender.received.some(isAuthenticatedReply)).toBe(true);

    offender.send(updateFrame(docName, update).slice(0, -3));

    expect(await offender.closed).toEqual(MALFORMED_MESSAGE);
    expect(Y.encodeStateVector(f.honest.doc)).toEqual(before);
    await expectHonestClientUnaffected();
  });

  it('drops whatever a refused connection still sends after the offending frame', async () => {
    const offender = openRawSocket(f.server.url);
    await offender.opened;
    offender.send(new Uint8Array([0xff]));
    for (let i = 0; i < 50; i++) offender.send(new Uint8Array([0xfe, i]));

    expect((await offender.closed).code).toBe(MALFORMED_MESSAGE.code);
    expect(f.logs.find({ event: 'collab_rejected' })).toHaveLength(1);
    await expectHonestClientUnaffected();
  });
});
