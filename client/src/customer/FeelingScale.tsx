import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { EmotionFace } from '../map/EmotionFace.tsx';
import { EMOTION_SCORES, emotionLabelKey } from '../map/emotions.ts';

/** How the customer felt in a stage: five faces, a radio group with a word under each face. */
export function FeelingScale({
  value,
  onChange,
  readOnly,
}: {
  value: number | undefined;
  onChange: (emotion: number) => void;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  const name = useId();
  return (
    <fieldset className="feeling" disabled={readOnly}>
      <legend>{t('customer.feeling.legend')}</legend>
      <div className="feeling__faces">
        {EMOTION_SCORES.map((score) => (
          <label key={score} className="feeling__face">
            <input
              type="radio"
              name={name}
              value={score}
              checked={value === score}
              onChange={() => onChange(score)}
            />
            <EmotionFace score={score} size={40} />
            <span>{t(emotionLabelKey(score))}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
