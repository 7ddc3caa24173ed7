import { fill, timeAgo } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useNow } from '../ui/useNow.ts';
import { majorityText } from './majority.ts';
import type { CardValidationJson, ValidationJson } from './validationJson.ts';

interface CustomerWordsProps {
  state: string;
  counts: string;
  notes: CardValidationJson['notes'];
  settings: ValidationJson['settings'];
  close: () => void;
}

/** The customers' own words on one card: each note with its verdict, first name and when. */
export function CustomerWords({ state, counts, notes, settings, close }: CustomerWordsProps) {
  const { t, locale } = useI18n();
  const now = useNow();
  return (
    <div className="customer-words">
      <p className="customer-words__state">
        <strong>{state}</strong> · {counts}
      </p>
      <p className="customer-words__rule">
        {fill(t('validation.rule'), {
          min: settings.minAnswers,
          majority: majorityText(settings.majority, locale),
        })}
      </p>
      {notes.length === 0 ? (
        <p className="customer-words__empty">{t('validation.noNotes')}</p>
      ) : (
        <ul className="customer-words__list">
          {notes.map((note, i) => (
            <li key={`${note.at}:${i}`} className={`customer-note customer-note--${note.verdict}`}>
              <span className="customer-note__verdict">
                {t(`validation.verdict.${note.verdict}`)}
              </span>
              <q className="customer-note__text">{note.note}</q>
              <span className="customer-note__who">
                {note.firstName?.trim() || t('validation.anonymous')} ·{' '}
                {timeAgo(note.at, now, locale)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="link-button" onClick={close}>
        {t('validation.close')}
      </button>
    </div>
  );
}
