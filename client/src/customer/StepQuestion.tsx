import { useId } from 'react';
import type * as Y from 'yjs';
import { cardBody, channelInfo, type CardView } from '../../../shared/index.ts';
import { FEEDBACK_NOTE_MAX } from '../../../shared/validation.ts';
import { RichTextView } from '../editor/RichTextView.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { EmotionFace } from '../map/EmotionFace.tsx';
import type { CardAnswer, Verdict } from './feedbackApi.ts';

const VERDICTS: ReadonlyArray<{ verdict: Verdict; label: MessageKey }> = [
  { verdict: 'yes', label: 'customer.answer.yes' },
  { verdict: 'different', label: 'customer.answer.different' },
  { verdict: 'not-me', label: 'customer.answer.notMe' },
];

/**
 * One step of the journey as the team assumed it, and the customer's answer: three toggle buttons
 * (pressing the chosen one again takes the answer back); "It was different" asks what was.
 */
export function StepQuestion({
  doc,
  card,
  answer,
  onAnswer,
  readOnly,
}: {
  doc: Y.Doc;
  card: CardView;
  answer: CardAnswer | undefined;
  onAnswer: (answer: CardAnswer | null) => void;
  readOnly: boolean;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const channel = card.channel ? channelInfo(card.channel) : undefined;
  const different = answer?.verdict === 'different';
  const noteMissing = different && !answer.note?.trim();
  return (
    <li className={`step${answer ? ` step--${answer.verdict}` : ''}`} data-testid="customer-step">
      <div role="group" aria-labelledby={`${id}-text`} className="step__inner">
        <div id={`${id}-text`} className="step__text">
          {card.emotion !== undefined && <EmotionFace score={card.emotion} size={22} />}
          <RichTextView fragment={cardBody(doc, card.id)} placeholder="" />
          {channel && <span className="step__channel">{channel.label[locale]}</span>}
        </div>
        <div className="step__answers">
          {VERDICTS.map(({ verdict, label }) => (
            <button
              key={verdict}
              type="button"
              className={`step__answer step__answer--${verdict}`}
              aria-pressed={answer?.verdict === verdict}
              disabled={readOnly}
              onClick={() =>
                onAnswer(
                  answer?.verdict === verdict
                    ? null
                    : verdict === 'different'
                      ? { verdict, note: answer?.note ?? '' }
                      : { verdict },
                )
              }
            >
              {t(label)}
            </button>
          ))}
        </div>
        {different && (
          <label className="step__note">
            <span>{t('customer.different.label')}</span>
            <textarea
              value={answer.note ?? ''}
              maxLength={FEEDBACK_NOTE_MAX}
              rows={3}
              required
              readOnly={readOnly}
              aria-invalid={noteMissing}
              aria-describedby={noteMissing ? `${id}-hint` : undefined}
              autoFocus={!readOnly && !answer.note}
              onChange={(e) => onAnswer({ verdict: 'different', note: e.target.value })}
            />
            {noteMissing && !readOnly && (
              <span id={`${id}-hint`} className="step__hint">
                {t('customer.different.required')}
              </span>
            )}
          </label>
        )}
      </div>
    </li>
  );
}
