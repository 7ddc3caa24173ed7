import { isTransactionOrigin, type LocalTransactionOrigin } from '@hocuspocus/server';

/** Origin of writes the server makes while loading a document from storage: never re-logged. */
export const LOAD_ORIGIN: LocalTransactionOrigin = {
  source: 'local',
  skipStoreHooks: true,
  context: { reason: 'load' },
};

/** True for updates that reached this instance through Redis (the receiving instance logged them). */
export function isRedisOrigin(origin: unknown): boolean {
  return isTransactionOrigin(origin) && origin.source === 'redis';
}

/** True for the server's own load of stored state (already on disk). */
export function isLoadOrigin(origin: unknown): boolean {
  return origin === LOAD_ORIGIN;
}
