import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MapValidationState } from './validationJson.ts';

/** A map's validation state as a tag: "Supuesto", "Validado en parte", "Validado". */
export function ValidationStateTag({ state }: { state: MapValidationState }) {
  const { t } = useI18n();
  return (
    <span
      className={`tag tag--validation tag--validation-${state}`}
      data-testid="validation-state"
      data-state={state}
    >
      <span className="visually-hidden">{t('validation.mapStatePrefix')} </span>
      {t(`validation.mapState.${state}`)}
    </span>
  );
}
