import { MAP_UNAVAILABLE, STORAGE_UNAVAILABLE } from '../../../shared/close-codes.ts';

/**
 * Whether the server said this map cannot be loaded: the socket closed with MAP_UNAVAILABLE
 * (code or reason), or, for a connection that was waiting for the same load, the refusal reason.
 */
export function isMapUnavailable(code: number | null, reason: string): boolean {
  return code === MAP_UNAVAILABLE.code || reason === MAP_UNAVAILABLE.reason;
}

/** Whether the server closed the socket because it could not store a change (it will retry). */
export function isStorageUnavailable(code: number | null, reason: string): boolean {
  return code === STORAGE_UNAVAILABLE.code || reason === STORAGE_UNAVAILABLE.reason;
}
