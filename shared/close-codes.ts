/**
 * WebSocket close codes the collaboration server uses, shared with the client, in the style of
 * hocuspocus `packages/common/src/CloseEvents.ts` (4000-4999 is the application range).
 */

/** A close code and its machine-readable reason. */
export interface CloseEvent {
  readonly code: number;
  readonly reason: string;
}

/** No valid session: the client should send the user to the login page. */
export const UNAUTHENTICATED: CloseEvent = { code: 4401, reason: 'unauthenticated' };

/** The user's role on the map changed or was removed: reconnect and authenticate again. */
export const ACCESS_CHANGED: CloseEvent = { code: 4403, reason: 'access-changed' };

/** The session was revoked (logout, password change): reconnect and authenticate again. */
export const SESSION_REVOKED: CloseEvent = { code: 4410, reason: 'session-revoked' };

/** Reason sent with a refused authentication when the caller may not open the document. */
export const PERMISSION_DENIED_REASON = 'permission-denied';

/** Prefix of the refusal reason sent to a client of an older schema major: it must reload. */
export const SCHEMA_OUTDATED_REASON = 'schema-outdated';

// Input limits (hardening): standard codes where RFC 6455 has one (1003, 1007, 1009), otherwise
// the 4000-4999 application range, so the client can tell a refusal from a network drop.

/** A text frame: the protocol is binary only (RFC 6455 1003, unsupported data). */
export const TEXT_FRAME_REFUSED: CloseEvent = { code: 1003, reason: 'binary-frames-only' };

/** A frame that does not decode as a Hocuspocus/Yjs message (RFC 6455 1007, invalid payload). */
export const MALFORMED_MESSAGE: CloseEvent = { code: 1007, reason: 'malformed-message' };

/** One frame above the message size cap (RFC 6455 1009, message too big). */
export const MESSAGE_TOO_BIG: CloseEvent = { code: 1009, reason: 'message-too-big' };

/** The connection sent more messages or bytes than its budget allows. */
export const RATE_LIMITED: CloseEvent = { code: 4429, reason: 'rate-limited' };

/** The update would grow the map document beyond its size cap; it was not applied. */
export const DOCUMENT_TOO_LARGE: CloseEvent = { code: 4413, reason: 'document-too-large' };

/**
 * The update would nest shared types deeper than the server accepts (HTTP 422 in the application
 * range); it was not applied. Real card bodies nest a few levels; this stops a body nested
 * thousands of levels deep, which overflows every recursive reader (browsers, exports, Yjs GC).
 */
export const DOCUMENT_TOO_DEEP: CloseEvent = { code: 4422, reason: 'nesting-too-deep' };

/**
 * The update inserts shared types under items the server does not hold yet (HTTP 409 in the
 * application range); it was not applied. Their depth cannot be checked, so they are not kept
 * pending. An honest client hits this only in a rare race (an edit on offline-made content sent
 * before its sync reply); reconnecting resyncs everything, so the client shows no notice.
 */
export const MISSING_ANCESTORS: CloseEvent = { code: 4409, reason: 'missing-ancestors' };

/** The server failed while handling a valid-looking message (RFC 6455 1011); reconnecting is safe. */
export const INTERNAL_ERROR: CloseEvent = { code: 1011, reason: 'internal-error' };

/**
 * Not sent by the server: the client gave up on a socket that stayed silent beyond the liveness
 * window (a frozen server, a dead NAT, the browser offline) and reconnects. Same code as
 * Hocuspocus's own ConnectionTimeout.
 */
export const CONNECTION_SILENT: CloseEvent = { code: 4408, reason: 'connection-silent' };

/**
 * The map's stored state could not be loaded (a corrupted snapshot, a storage error): it cannot be
 * opened now, and the failure was logged and counted for the team. Also sent as the refusal reason
 * to connections that were waiting for the same load. The client keeps retrying with back-off, so
 * a transient failure heals by itself.
 */
export const MAP_UNAVAILABLE: CloseEvent = { code: 4503, reason: 'map-unavailable' };

/**
 * The server could not store an update (disk full, database unreachable), so it neither applied
 * nor acknowledged it, and closed the map's connections (HTTP 507 in the application range). The
 * client keeps its changes, tells the person, and reconnects with back-off; the next successful
 * sync sends them again.
 */
export const STORAGE_UNAVAILABLE: CloseEvent = { code: 4507, reason: 'storage-unavailable' };
