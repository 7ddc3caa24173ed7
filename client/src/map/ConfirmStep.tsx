import { useI18n } from '../i18n/I18nProvider.tsx';

interface ConfirmStepProps {
  /** The question, saying what will be lost. */
  message: string;
  /** Called by the destructive button. */
  onConfirm: () => void;
  /** Called by Cancel (which has the focus, so Enter alone never deletes). */
  onCancel: () => void;
}

/** The "are you sure?" step of a delete action, shown in place inside a menu or panel. */
export function ConfirmStep({ message, onConfirm, onCancel }: ConfirmStepProps) {
  const { t } = useI18n();
  return (
    <div className="confirm">
      <p className="confirm__message" role="alert">
        {message}
      </p>
      <div className="mini-form__actions">
        <button type="button" className="danger" onClick={onConfirm}>
          {t('board.delete')}
        </button>
        <button type="button" className="secondary" autoFocus onClick={onCancel}>
          {t('board.cancel')}
        </button>
      </div>
    </div>
  );
}
