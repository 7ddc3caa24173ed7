import { ApiRequestError } from '../api.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** A refused or failed actions call, in the user's words. */
export function actionErrorMessage(error: unknown, t: (key: MessageKey) => string): string {
  if (error instanceof ApiRequestError) {
    if (error.code === 'invalid-owner') return t('actions.error.owner');
    if (error.code === 'unknown-card') return t('actions.error.card');
    if (error.status === 403) return t('actions.error.forbidden');
    if (error.status === 404) return t('actions.error.gone');
    if (error.status === 400) return t('actions.error.invalid');
  }
  return t('actions.error.failed');
}
