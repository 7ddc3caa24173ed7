import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyMapJson, templateJson } from '../../shared/index.ts';
import { packState, unpackState } from './versionState.ts';

describe('stored version states', () => {
  it('round-trip a map update byte for byte, in less space', async () => {
    const doc = new Y.Doc();
    applyMapJson(doc, templateJson('travel-alert-demo', 'es'));
    const update = Y.encodeStateAsUpdate(doc);
    const packed = await packState(update);
    expect(packed.length).toBeLessThan(update.length / 2);
    const unpacked = await unpackState(packed);
    expect(unpacked).toEqual(update);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, unpacked);
    expect(copy.getMap('cards').size).toBe(doc.getMap('cards').size);
  });

  it('refuse damaged bytes instead of returning a wrong map', async () => {
    const packed = await packState(new Uint8Array(1000).fill(7));
    const damaged = packed.slice();
    damaged[damaged.length - 3] = (damaged[damaged.length - 3] ?? 0) ^ 0xff;
    await expect(unpackState(damaged)).rejects.toThrow();
    await expect(unpackState(new Uint8Array([0, 0]))).rejects.toThrow();
  });
});
