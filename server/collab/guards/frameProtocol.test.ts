import { HocuspocusProvider } from '@hocuspocus/provider';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mapDocName, type MapId } from '../../../shared/index.ts';
import { startCollabFixture, type CollabFixture } from '../../test/collabFixture.ts';
import { authFrame, syncStep1Frame, typedFrame, updateFrame } from '../../test/rawSocket.ts';
import { inspectFrame, PROTOCOL_LIMITS, readFrameHeader } from './frameProtocol.ts';

const name = 'map:AAAAAAAAAAAAAAAAAAAAA';

function update(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set('a', 'card');
  doc.getText('t').insert(0, 'hola');
  return Y.encodeStateAsUpdate(doc);
}

function withLength(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  let n = bytes.length;
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return new Uint8Array([...out, ...bytes]);
}

describe('inspectFrame (Hocuspocus protocol validation)', () => {
  let f: CollabFixture | undefined;
  afterEach(async () => {
    await f?.dispose();
    f = undefined;
  });

  it('accepts every frame the real HocuspocusProvider sends while editing', async () => {
    f = await startCollabFixture();
    const sent: Uint8Array[] = [];
    class RecordingWebSocket extends WebSocket {
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        // Any view the provider hands over (instanceof Uint8Array missed them under vitest).
        if (ArrayBuffer.isView(data)) {
          sent.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice());
        }
        super.send(data);
      }
    }
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      url: `${f.server.url.replace(/^http/, 'ws')}/collab`,
      name: mapDocName(f.mapId as MapId),
      document: doc,
      token: f.owner.token,
      // Forwarded to the provider's own HocuspocusProviderWebsocket.
      ...{ WebSocketPolyfill: RecordingWebSocket },
    });
    await expect.poll(() => provider.isSynced).toBe(true);
    provider.setAwarenessField('user', { name: 'Ana', color: '#f00' });
    await f.addAcknowledgedCard({ doc, provider }, 'una tarjeta');
    doc.getText('scratch').insert(0, 'x'.repeat(5_000));
    await expect.poll(() => provider.unsyncedChanges).toBe(0);
    provider.destroy();

    expect(sent.length).toBeGreaterThan(4);
    for (const frame of sent) expect(inspectFrame(frame)).toMatchObject({ ok: true });
  });

  it('accepts the provider message shapes and reads their header', () => {
    const u = update();
    expect(inspectFrame(updateFrame(name, u))).toEqual({
      ok: true,
      forward: true,
      documentName: name,
      type: 0,
      updateBytes: u.length,
    });
    expect(readFrameHeader(updateFrame(name, u))).toEqual({
      documentName: name,
      type: 0,
      updateBytes: u.length,
    });
    expect(inspectFrame(syncStep1Frame(name, Y.encodeStateVector(new Y.Doc())))).toMatchObject({
      ok: true,
      updateBytes: 0,
    });
    expect(inspectFrame(authFrame(name, 'id.secret'))).toMatchObject({ ok: true, type: 2 });
    expect(inspectFrame(typedFrame(name, 3))).toMatchObject({ ok: true, type: 3 });
    expect(inspectFrame(typedFrame(name, 7))).toMatchObject({ ok: true, type: 7 });
    expect(inspectFrame(new Uint8Array([10]))).toEqual({ ok: true, forward: false });
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const verdict = inspectFrame(bytes);
        expect(typeof verdict.ok).toBe('boolean');
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses every strict prefix of a valid update message', () => {
    const frame = updateFrame(name, update());
    for (let length = 0; length < frame.length; length++) {
      expect(inspectFrame(frame.slice(0, length)), `prefix of ${length}`).toMatchObject({
        ok: false,
      });
    }
  });

  it('refuses message types clients may not send', () => {
    for (const type of [6, 8, 9, 11, 200, 2 ** 40]) {
      expect(inspectFrame(typedFrame(name, type))).toMatchObject({
        ok: false,
        problem: 'wrong_type',
      });
    }
    expect(inspectFrame(typedFrame(name, 0, new Uint8Array([3, 0])))).toMatchObject({
      problem: 'wrong_type',
    });
    expect(inspectFrame(typedFrame(name, 2, new Uint8Array([1, 0])))).toMatchObject({
      problem: 'wrong_type',
    });
  });

  it('refuses oversized or undecodable fields', () => {
    const longName = 'm'.repeat(PROTOCOL_LIMITS.maxAddressBytes + 1);
    expect(inspectFrame(typedFrame(longName, 3))).toMatchObject({
      ok: false,
      problem: 'malformed',
    });
    expect(inspectFrame(new Uint8Array([2, 0xc3, 0x28, 3]))).toMatchObject({
      problem: 'malformed',
    });
    const state = new TextEncoder().encode(
      JSON.stringify({ big: 'x'.repeat(PROTOCOL_LIMITS.maxAwarenessBytes) }),
    );
    const awareness = new Uint8Array([1, 7, 1, ...withLength(state)]);
    expect(inspectFrame(typedFrame(name, 1, withLength(awareness)))).toMatchObject({
      problem: 'malformed',
    });
    const notAnObject = new TextEncoder().encode('42');
    const scalar = new Uint8Array([1, 7, 1, ...withLength(notAnObject)]);
    expect(inspectFrame(typedFrame(name, 1, withLength(scalar)))).toMatchObject({
      problem: 'malformed',
    });
    expect(inspectFrame(typedFrame(name, 5, new Uint8Array([5, 65])))).toMatchObject({
      problem: 'malformed',
    });
    expect(readFrameHeader(new Uint8Array([0xff]))).toBeNull();
  });

  it('uses a real map address in practice', () => {
    const address = mapDocName('AAAAAAAAAAAAAAAAAAAAA' as MapId);
    expect(inspectFrame(typedFrame(address, 3))).toMatchObject({ ok: true, documentName: address });
  });
});
