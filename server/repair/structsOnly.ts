import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** The two halves of a Yjs update: the structs it inserts and the ranges it deletes. */
export interface SplitUpdate {
  /** A V1 update carrying the same structs and an empty delete set. */
  structs: Uint8Array;
  /** The update's delete set: client -> ranges of deleted clocks. */
  deletes: ReadonlyMap<number, ReadonlyArray<{ clock: number; len: number }>>;
}

/**
 * Splits a V1 update into its structs and its delete set, so a repair can integrate every item
 * before deleting anything. Applying a delete set makes Yjs delete each type's children
 * recursively (ContentType.delete), which overflows the stack on a type nested 20,000 deep; the
 * repair deletes bottom-up itself, then re-applies the full update, which finds those items
 * already deleted. The structs are re-encoded the way Yjs's own writer does (`writeStructs`):
 * per client, the number of structs, the client, the first clock, then each struct.
 */
export function splitUpdate(update: Uint8Array): SplitUpdate {
  const { structs, ds } = Y.decodeUpdate(update);
  const byClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    const first = list[0];
    if (!first) continue;
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, first.id.clock);
    for (const struct of list) struct.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, 0); // no delete set
  const deletes = new Map<number, Array<{ clock: number; len: number }>>();
  for (const [client, ranges] of ds.clients) {
    deletes.set(
      client,
      ranges.map((r) => ({ clock: r.clock, len: r.len })),
    );
  }
  return { structs: encoder.toUint8Array(), deletes };
}
