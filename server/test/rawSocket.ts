import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/** How a raw connection ended. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/** A bare WebSocket to /collab for sending hand-made (or broken) frames. */
export interface RawSocket {
  ws: WebSocket;
  /** Resolves when open; rejects if the upgrade is refused. */
  opened: Promise<void>;
  /** Resolves with the close code and reason, whoever closed. */
  closed: Promise<CloseInfo>;
  /** Binary messages received so far. */
  received: Uint8Array[];
  /** Sends a frame unless the socket is no longer open; true if it was sent. */
  send(frame: Uint8Array | string): boolean;
}

/** Opens a raw WebSocket to the server's /collab endpoint (Node's global WebSocket). */
export function openRawSocket(serverUrl: string): RawSocket {
  const ws = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/collab`);
  ws.binaryType = 'arraybuffer';
  const received: Uint8Array[] = [];
  ws.addEventListener('message', (event: MessageEvent) => {
    if (event.data instanceof ArrayBuffer) received.push(new Uint8Array(event.data));
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error('WebSocket failed to open')), {
      once: true,
    });
  });
  // Never leave the rejection unhandled when a test only awaits `closed`.
  opened.catch(() => undefined);
  const closed = new Promise<CloseInfo>((resolve) => {
    ws.addEventListener('close', (event: CloseEvent) =>
      resolve({ code: event.code, reason: event.reason }),
    );
  });
  return {
    ws,
    opened,
    closed,
    received,
    send(frame) {
      if (ws.readyState !== WebSocket.OPEN) return false;
      ws.send(frame);
      return true;
    },
  };
}

function frame(documentName: string, type: number, body: (e: encoding.Encoder) => void) {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, type);
  body(encoder);
  return encoding.toUint8Array(encoder);
}

/** Hocuspocus Auth message carrying a token, as the provider sends it. */
export function authFrame(documentName: string, token: string): Uint8Array {
  return frame(documentName, 2, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
    encoding.writeVarString(e, '4.0.0');
  });
}

/** Sync message carrying a Yjs update (sub-type 2), as the provider sends local edits. */
export function updateFrame(documentName: string, update: Uint8Array): Uint8Array {
  return frame(documentName, 0, (e) => {
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });
}

/** Sync step 1 carrying a state vector. */
export function syncStep1Frame(documentName: string, stateVector: Uint8Array): Uint8Array {
  return frame(documentName, 0, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

/** Any message type with a raw body (for wrong-type frames). */
export function typedFrame(
  documentName: string,
  type: number,
  body: Uint8Array = new Uint8Array(),
) {
  return frame(documentName, type, (e) => encoding.writeUint8Array(e, body));
}

/** True when a received server message is "Authenticated" for the document (Auth, sub-type 2). */
export function isAuthenticatedReply(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    return decoding.readVarUint(decoder) === 2 && decoding.readVarUint(decoder) === 2;
  } catch {
    return false;
  }
}
