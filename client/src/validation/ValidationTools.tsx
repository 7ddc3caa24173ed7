import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { ValidationJson } from './validationJson.ts';

interface ValidationToolsProps {
  data: ValidationJson | null;
  panelOpen: boolean;
  onTogglePanel: () => void;
  disputedFirst: boolean;
  onToggleDisputedFirst: () => void;
}

/**
 * The top bar's validation tools: the button of the summary panel (with how many customers
 * answered) and the "disputed first" filter (with how many cards are disputed).
 */
export function ValidationTools({
  data,
  panelOpen,
  onTogglePanel,
  disputedFirst,
  onToggleDisputedFirst,
}: ValidationToolsProps) {
  const { t } = useI18n();
  const disputed = data ? data.cards.filter((card) => card.state === 'disputed').length : 0;
  const responses = data?.responses.total ?? 0;
  return (
    <>
      <button
        type="button"
        className="topbar__button validation-button"
        aria-pressed={panelOpen}
        aria-controls={panelOpen ? 'validation-panel' : undefined}
        data-testid="validation-button"
        title={fill(t('validation.buttonTitle'), { count: responses })}
        onClick={onTogglePanel}
      >
        {t('validation.button')}
        <span className="validation-button__count" data-testid="validation-responses-count">
          {responses}
        </span>
      </button>
      <button
        type="button"
        className="topbar__button disputed-toggle"
        aria-pressed={disputedFirst}
        data-testid="disputed-first"
        title={fill(t('validation.disputedFirstTitle'), { count: disputed })}
        onClick={onToggleDisputedFirst}
      >
        {t('validation.disputedFirst')}
        {disputed > 0 && (
          <span className="disputed-toggle__count" aria-hidden="true">
            {' '}
            {disputed}
          </span>
        )}
      </button>
    </>
  );
}
