import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * Hocuspocus message types a client may send (hocuspocus `packages/server/src/types.ts`
 * MessageType). SyncStatus and BroadcastStateless are server-to-client or server-internal only.
 */
/** An encoded Yjs update with no struct and no deletion (what an up-to-date client sends). */
export const EMPTY_UPDATE_BYTES = 2;

export const ClientMessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  SyncReply: 4,
  Stateless: 5,
  Close: 7,
  Pong: 10,
} as const;

/** y-protocols sync sub-messages. */
const SyncStep1 = 0;
const SyncStep2 = 1;
const SyncUpdate = 2;
/** @hocuspocus/common AuthMessageType.Token: the only auth sub-message a client sends. */
const AuthToken = 0;

/** Protocol bounds: far above what the provider sends, far below what would hurt the server. */
export const PROTOCOL_LIMITS = {
  /** Bytes of the document address (`map:<id>/comments`, optionally `\0<sessionId>`). */
  maxAddressBytes: 512,
  /** Bytes of an awareness update (relayed to every peer, so amplified; cursors are ~100 B). */
  maxAwarenessBytes: 64 * 1024,
  /** Bytes of an auth token (a session token is ~60 B). */
  maxTokenBytes: 8 * 1024,
} as const;

/** Why a frame was refused (also the `reason` label of the rejected-messages metric). */
export type FrameProblem = 'malformed' | 'wrong_type';

/** The verdict on one binary frame. */
export type FrameVerdict =
  /** A well-formed message to hand to Hocuspocus; `updateBytes` is set for Yjs updates. */
  | { ok: true; forward: true; documentName: string; type: number; updateBytes: number }
  /** A well-formed message with nothing to do (the provider's application-level Pong). */
  | { ok: true; forward: false }
  | { ok: false; problem: FrameProblem; detail: string };

/** The address, type and (for Yjs updates) update length of a message, read without copying. */
export interface FrameHeader {
  documentName: string;
  type: number;
  /** Set for Sync/SyncReply step 2 and update messages: the byte length of the Yjs update. */
  updateBytes: number;
}

class FrameError extends Error {
  readonly problem: FrameProblem;

  constructor(problem: FrameProblem, detail: string) {
    super(detail);
    this.problem = problem;
  }
}

function fail(detail: string): never {
  throw new FrameError('malformed', detail);
}

/** Reads a length-prefixed byte array, refusing lengths beyond `max`. */
function readBytes(decoder: decoding.Decoder, what: string, max = Infinity): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > max) fail(`${what} of ${length} bytes exceeds ${max}`);
  if (decoder.pos + length > decoder.arr.length) fail(`${what} is truncated`);
  return decoding.readUint8Array(decoder, length);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a length-prefixed UTF-8 string, refusing invalid UTF-8 and lengths beyond `max`. */
function readString(decoder: decoding.Decoder, what: string, max = Infinity): string {
  const bytes = readBytes(decoder, what, max);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return fail(`${what} is not valid UTF-8`);
  }
}

function expectEnd(decoder: decoding.Decoder, what: string): void {
  if (decoding.hasContent(decoder)) fail(`${decoder.arr.length - decoder.pos} bytes after ${what}`);
}

/** Reads the document address and the message type, the start of every message. */
function readAddressAndType(decoder: decoding.Decoder): { documentName: string; type: number } {
  const documentName = readString(decoder, 'document address', PROTOCOL_LIMITS.maxAddressBytes);
  if (documentName.length === 0) fail('empty document address');
  return { documentName, type: decoding.readVarUint(decoder) };
}

function isSync(type: number): boolean {
  return type === ClientMessageType.Sync || type === ClientMessageType.SyncReply;
}

/**
 * Reads only the header of a message that already passed `inspectFrame` (hooks use it to see the
 * type and update size of the raw message Hocuspocus hands them). Null if it does not decode.
 */
export function readFrameHeader(data: Uint8Array): FrameHeader | null {
  try {
    const decoder = decoding.createDecoder(data);
    const { documentName, type } = readAddressAndType(decoder);
    let updateBytes = 0;
    if (isSync(type) && decoding.readVarUint(decoder) !== SyncStep1) {
      updateBytes = decoding.readVarUint(decoder);
    }
    return { documentName, type, updateBytes };
  } catch {
    return null;
  }
}

/** The Yjs update carried by a sync step 2 or update message (a view, not a copy), or null. */
export function readFrameUpdate(data: Uint8Array): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(data);
    const { type } = readAddressAndType(decoder);
    if (!isSync(type) || decoding.readVarUint(decoder) === SyncStep1) return null;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return null;
  }
}

/** Checks a sync message body; returns the byte length of its Yjs update (0 for step 1). */
function checkSync(decoder: decoding.Decoder): number {
  const step = decoding.readVarUint(decoder);
  let updateBytes = 0;
  if (step === SyncStep1) {
    const stateVector = decoding.createDecoder(readBytes(decoder, 'state vector'));
    const clients = decoding.readVarUint(stateVector);
    for (let i = 0; i < clients; i++) {
      decoding.readVarUint(stateVector); // client id
      decoding.readVarUint(stateVector); // clock
    }
    expectEnd(stateVector, 'state vector');
  } else if (step === SyncStep2 || step === SyncUpdate) {
    const update = readBytes(decoder, 'Yjs update');
    // Decodes every struct and the delete set without touching any document.
    Y.decodeUpdate(update);
    updateBytes = update.length;
  } else {
    throw new FrameError('wrong_type', `unknown sync step ${step}`);
  }
  expectEnd(decoder, 'sync message');
  return updateBytes;
}

function checkAwareness(decoder: decoding.Decoder): void {
  const update = readBytes(decoder, 'awareness update', PROTOCOL_LIMITS.maxAwarenessBytes);
  const inner = decoding.createDecoder(update);
  const clients = decoding.readVarUint(inner);
  for (let i = 0; i < clients; i++) {
    decoding.readVarUint(inner); // client id
    decoding.readVarUint(inner); // clock
    const state: unknown = JSON.parse(readString(inner, 'awareness state'));
    if (state !== null && typeof state !== 'object') fail('awareness state is not an object');
  }
  expectEnd(inner, 'awareness update');
  expectEnd(decoder, 'awareness message');
}

function checkAuth(decoder: decoding.Decoder): void {
  const kind = decoding.readVarUint(decoder);
  if (kind !== AuthToken) throw new FrameError('wrong_type', `unknown auth message ${kind}`);
  readString(decoder, 'token', PROTOCOL_LIMITS.maxTokenBytes);
  // Providers >= 3 append their version; older ones do not.
  if (decoding.hasContent(decoder)) readString(decoder, 'provider version', 256);
  expectEnd(decoder, 'auth message');
}

/**
 * Decodes a whole binary frame the way Hocuspocus will, but without side effects, so that a
 * malformed one can be refused before it reaches Hocuspocus (which would log to the console and,
 * before authentication, queue it). Pure: no I/O, no state.
 */
export function inspectFrame(data: Uint8Array): FrameVerdict {
  if (data.length === 1 && data[0] === ClientMessageType.Pong) return { ok: true, forward: false };
  const decoder = decoding.createDecoder(data);
  try {
    const { documentName, type } = readAddressAndType(decoder);
    let updateBytes = 0;
    switch (type) {
      case ClientMessageType.Sync:
      case ClientMessageType.SyncReply:
        updateBytes = checkSync(decoder);
        break;
      case ClientMessageType.Awareness:
        checkAwareness(decoder);
        break;
      case ClientMessageType.Auth:
        checkAuth(decoder);
        break;
      case ClientMessageType.QueryAwareness:
      case ClientMessageType.Close:
        expectEnd(decoder, `message type ${type}`);
        break;
      case ClientMessageType.Stateless:
        readString(decoder, 'stateless payload');
        expectEnd(decoder, 'stateless message');
        break;
      default:
        throw new FrameError('wrong_type', `message type ${type} is not accepted from clients`);
    }
    return { ok: true, forward: true, documentName, type, updateBytes };
  } catch (error) {
    if (error instanceof FrameError)
      return { ok: false, problem: error.problem, detail: error.message };
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: 'malformed', detail };
  }
}
