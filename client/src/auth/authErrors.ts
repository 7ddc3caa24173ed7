import { ApiRequestError } from '../api.ts';
import type { MessageKey } from '../i18n/messages.ts';

const KNOWN: Record<string, MessageKey> = {
  invalid_credentials: 'auth.error.invalid_credentials',
  too_many_attempts: 'auth.error.too_many_attempts',
  too_many_signups: 'auth.error.too_many_signups',
  email_taken: 'auth.error.email_taken',
};

/** A message for a failed auth call, in the UI language when the error is a known one. */
export function authErrorMessage(error: unknown, t: (key: MessageKey) => string): string {
  if (error instanceof ApiRequestError) {
    const key = KNOWN[error.code];
    if (key) return t(key);
    if (error.status === 400) return `${t('auth.error.generic')} (${error.message})`;
  }
  return t('auth.error.generic');
}
