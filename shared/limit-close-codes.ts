/**
 * Close codes of the collaboration server's input limits (hardening), shared with the client so it
 * can tell "you sent something we refuse" apart from a network drop. Standard codes where RFC 6455
 * has one (1003, 1007, 1009), otherwise the 4000-4999 application range.
 */

/** A limit's close code and its machine-readable reason. */
export interface LimitCloseEvent {
  readonly code: number;
  readonly reason: string;
}

/** A text frame: the protocol is binary only (RFC 6455 1003, unsupported data). */
export const TEXT_FRAME_REFUSED: LimitCloseEvent = { code: 1003, reason: 'binary-frames-only' };

/** A frame that does not decode as a Hocuspocus/Yjs message (RFC 6455 1007, invalid payload). */
export const MALFORMED_MESSAGE: LimitCloseEvent = { code: 1007, reason: 'malformed-message' };

/** One frame above the message size cap (RFC 6455 1009, message too big). */
export const MESSAGE_TOO_BIG: LimitCloseEvent = { code: 1009, reason: 'message-too-big' };

/** The connection sent more messages or bytes than its budget allows. */
export const RATE_LIMITED: LimitCloseEvent = { code: 4429, reason: 'rate-limited' };

/** The update would grow the map document beyond its size cap; it was not applied. */
export const DOCUMENT_TOO_LARGE: LimitCloseEvent = { code: 4413, reason: 'document-too-large' };

/** The server failed while handling a valid-looking message (RFC 6455 1011); reconnecting is safe. */
export const INTERNAL_ERROR: LimitCloseEvent = { code: 1011, reason: 'internal-error' };
