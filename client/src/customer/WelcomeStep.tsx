import { FIRST_NAME_MAX } from '../../../shared/validation.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { fill } from '../i18n/format.ts';

/** What this is, how long it takes, and an optional first name. */
export function WelcomeStep({
  title,
  stages,
  firstName,
  onFirstName,
  onStart,
}: {
  title: string;
  stages: number;
  firstName: string;
  onFirstName: (name: string) => void;
  onStart: () => void;
}) {
  const { t } = useI18n();
  return (
    <section className="stage-card welcome" aria-labelledby="customer-welcome">
      <p className="stage-card__kicker">{t('customer.welcome.kicker')}</p>
      <h1 id="customer-welcome" className="stage-card__name">
        {t('customer.welcome.title')}
      </h1>
      <p>{fill(t('customer.welcome.intro'), { title })}</p>
      <ul className="welcome__facts">
        <li>{fill(t('customer.welcome.stages'), { count: stages })}</li>
        <li>{t('customer.welcome.time')}</li>
        <li>{t('customer.welcome.saved')}</li>
      </ul>
      <form
        className="welcome__form"
        onSubmit={(event) => {
          event.preventDefault();
          onStart();
        }}
      >
        <label className="step__note">
          <span>{t('customer.welcome.name')}</span>
          <input
            value={firstName}
            maxLength={FIRST_NAME_MAX}
            autoComplete="given-name"
            aria-describedby="customer-name-hint"
            onChange={(e) => onFirstName(e.target.value)}
          />
          <span id="customer-name-hint" className="step__hint step__hint--quiet">
            {t('customer.welcome.nameHint')}
          </span>
        </label>
        <button type="submit" className="primary customer-big">
          {t('customer.welcome.start')}
        </button>
      </form>
    </section>
  );
}
