import { useI18n } from '../i18n/I18nProvider.tsx';

/** Toggles the UI between Spanish and English. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <button
      type="button"
      className="lang"
      lang={locale === 'es' ? 'en' : 'es'}
      onClick={() => setLocale(locale === 'es' ? 'en' : 'es')}
    >
      {t('lang.switch')}
    </button>
  );
}
