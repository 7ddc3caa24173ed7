import { useI18n } from '../i18n/I18nProvider.tsx';

/** The mark of a card someone else created or changed since my last visit (until dismissed). */
export function SinceMark() {
  const { t } = useI18n();
  return (
    <span className="card__since" data-testid="card-since" title={t('since.changedCard')}>
      <span aria-hidden="true">●</span>
      <span className="visually-hidden">{t('since.changedCard')}</span>
    </span>
  );
}
