import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { LimitReason } from './limitReason.ts';

/** Tells the person that the server refused what their browser sent, and why; dismissible. */
export function LimitNotice({ reason }: { reason: LimitReason }) {
  const { t } = useI18n();
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  return (
    <div className="limit-notice" role="alert" data-testid="limit-notice" data-reason={reason}>
      <span>{t(`conn.refused.${reason}`)}</span>
      <button
        type="button"
        className="icon-button"
        aria-label={t('conn.dismiss')}
        onClick={() => setDismissed(true)}
      >
        ×
      </button>
    </div>
  );
}
