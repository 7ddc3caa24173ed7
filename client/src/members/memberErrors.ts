import { ApiRequestError } from '../api.ts';
import type { MessageKey } from '../i18n/messages.ts';

const KNOWN: Record<string, MessageKey> = {
  user_not_found: 'members.error.user_not_found',
  already_member: 'members.error.already_member',
  last_owner: 'members.error.last_owner',
  forbidden: 'members.error.forbidden',
  invite_used_up: 'members.error.invite_used_up',
  too_many_guests: 'members.error.too_many_guests',
  owner_invite_forbidden: 'members.error.owner_invite_forbidden',
};

/** A message for a refused membership change, in the UI language when the error is known. */
export function memberErrorMessage(error: unknown, t: (key: MessageKey) => string): string {
  const key = error instanceof ApiRequestError ? KNOWN[error.code] : undefined;
  if (key) return t(key);
  return error instanceof Error ? error.message : String(error);
}
