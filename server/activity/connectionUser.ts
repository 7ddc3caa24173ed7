import { isTransactionOrigin } from '@hocuspocus/server';
import type { CollabUser, AuthenticatedContext } from '../collab/context.ts';

/** The authenticated person behind a connection context, or null (not authenticated yet). */
export function userOfContext(context: unknown): CollabUser | null {
  if (typeof context !== 'object' || context === null) return null;
  const { user } = context as Partial<AuthenticatedContext>;
  return user && typeof user.id === 'string' ? user : null;
}

/**
 * The person whose connection sent a transaction's update, or null when it came from anywhere else
 * (the server's own writes, its load from storage, another instance through Redis).
 */
export function userOfOrigin(origin: unknown): CollabUser | null {
  if (!isTransactionOrigin(origin) || origin.source !== 'connection') return null;
  return userOfContext(origin.connection.context);
}
