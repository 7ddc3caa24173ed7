import { useState } from 'react';
import { FEEDBACK_COMMENT_MAX } from '../../../shared/validation.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { fill } from '../i18n/format.ts';

/** The end: a free comment, how much was answered, and "Send". */
export function FinishStep({
  comment,
  onComment,
  answered,
  total,
  onSend,
}: {
  comment: string;
  onComment: (comment: string) => void;
  answered: number;
  total: number;
  /** Rejects when the answers could not be sent. */
  onSend: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);

  const send = async () => {
    setSending(true);
    setFailed(false);
    try {
      await onSend();
    } catch {
      setFailed(true);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="stage-card" aria-labelledby="customer-finish">
      <h2 id="customer-finish" className="stage-card__name" tabIndex={-1}>
        {t('customer.finish.title')}
      </h2>
      <label className="step__note">
        <span>{t('customer.finish.comment')}</span>
        <textarea
          value={comment}
          rows={5}
          maxLength={FEEDBACK_COMMENT_MAX}
          onChange={(e) => onComment(e.target.value)}
        />
      </label>
      <p className="finish__summary">{fill(t('customer.finish.summary'), { answered, total })}</p>
      <p className="step__hint step__hint--quiet">{t('customer.finish.final')}</p>
      {failed && (
        <p role="alert" className="save-status__error">
          {t('customer.finish.failed')}
        </p>
      )}
      <button
        type="button"
        className="primary customer-big"
        disabled={sending}
        onClick={() => void send()}
      >
        {sending ? t('customer.finish.sending') : t('customer.finish.send')}
      </button>
    </section>
  );
}
