import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { fill } from '../i18n/format.ts';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { CustomerLayout } from './CustomerLayout.tsx';

/**
 * The page a customer's link opens: what they are asked, and one button. No account and no name
 * (a first name is offered, optional, on the next page).
 */
export function CustomerInvite({
  mapTitle,
  error,
  onStart,
}: {
  mapTitle: string;
  /** Why joining failed, if it did. */
  error: string | null;
  /** Accepts the invite; rejects when that failed (the caller shows why). */
  onStart: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('customer.invite.title'));
  return (
    <CustomerLayout>
      <section className="stage-card welcome" aria-labelledby="customer-invite">
        <p className="stage-card__kicker">{t('customer.welcome.kicker')}</p>
        <h1 id="customer-invite" className="stage-card__name">
          {t('customer.invite.title')}
        </h1>
        <p>{fill(t('customer.invite.about'), { title: mapTitle })}</p>
        <p className="step__hint step__hint--quiet">{t('customer.invite.noAccount')}</p>
        {error && (
          <p role="alert" className="save-status__error">
            {error}
          </p>
        )}
        <button
          type="button"
          className="primary customer-big"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            onStart().finally(() => setBusy(false));
          }}
        >
          {t('customer.invite.start')}
        </button>
      </section>
    </CustomerLayout>
  );
}
