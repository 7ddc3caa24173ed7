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
