import { useI18n } from '../i18n/I18nProvider.tsx';
import type { SaveState } from './saveQueue.ts';

/**
 * Quietly says that answers are saved; loudly (an alert with a retry button) when one was not.
 * The status region is always in the page so screen readers announce its changes.
 */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="save-status" data-testid="save-status">
      <p role="status" className="save-status__quiet">
        {state === 'saving' && t('customer.save.saving')}
        {state === 'saved' && (
          <>
            <span aria-hidden="true">✓ </span>
            {t('customer.save.saved')}
          </>
        )}
      </p>
      {state === 'error' && (
        <div role="alert" className="save-status__error">
          <span>{t('customer.save.error')}</span>
          <button type="button" className="customer-secondary" onClick={onRetry}>
            {t('customer.save.retry')}
          </button>
        </div>
      )}
    </div>
  );
}
