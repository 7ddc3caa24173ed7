import { useI18n } from '../i18n/I18nProvider.tsx';
import { fill } from '../i18n/format.ts';

/** After "Send": thanks, and the way to look at the answers (which can no longer change). */
export function ThanksStep({
  firstName,
  showing,
  onToggle,
}: {
  firstName: string;
  showing: boolean;
  onToggle: () => void;
}) {
  const { t } = useI18n();
  const name = firstName.trim();
  return (
    <section className="stage-card thanks" aria-labelledby="customer-thanks">
      <p className="thanks__mark" aria-hidden="true">
        ♥
      </p>
      <h1 id="customer-thanks" className="stage-card__name" tabIndex={-1}>
        {name ? fill(t('customer.thanks.named'), { name }) : t('customer.thanks.title')}
      </h1>
      <p>{t('customer.thanks.body')}</p>
      <p className="step__hint step__hint--quiet">{t('customer.thanks.readOnly')}</p>
      <button
        type="button"
        className="customer-secondary"
        aria-expanded={showing}
        onClick={onToggle}
      >
        {showing ? t('customer.thanks.hide') : t('customer.thanks.show')}
      </button>
    </section>
  );
}
