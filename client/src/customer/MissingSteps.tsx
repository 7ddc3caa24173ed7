import { useId, useRef, useState, type FormEvent } from 'react';
import { FEEDBACK_NOTE_MAX } from '../../../shared/validation.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MissingDraft } from './useFeedback.ts';

/** "Something happened here that is not on the map": the steps the customer adds to a stage. */
export function MissingSteps({
  items,
  onAdd,
  onRemove,
  readOnly,
}: {
  items: readonly MissingDraft[];
  onAdd: (note: string) => void;
  onRemove: (key: string) => void;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const opener = useRef<HTMLButtonElement>(null);

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return;
    onAdd(note.trim());
    setNote('');
    setOpen(false);
    requestAnimationFrame(() => opener.current?.focus());
  };

  return (
    <section className="missing" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="visually-hidden">
        {t('customer.missing.title')}
      </h3>
      {items.length > 0 && (
        <ul className="missing__list">
          {items.map((item) => (
            <li key={item.key} className="missing__item" data-testid="customer-missing">
              <span className="missing__note">{item.note}</span>
              {!readOnly && (
                <button
                  type="button"
                  className="missing__remove"
                  aria-label={`${t('customer.missing.remove')}: ${item.note}`}
                  onClick={() => onRemove(item.key)}
                >
                  {t('customer.missing.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly &&
        (open ? (
          <form className="missing__form" onSubmit={add}>
            <label className="step__note">
              <span>{t('customer.missing.label')}</span>
              <textarea
                value={note}
                rows={3}
                maxLength={FEEDBACK_NOTE_MAX}
                required
                autoFocus
                onChange={(e) => setNote(e.target.value)}
              />
            </label>
            <div className="missing__actions">
              <button type="submit" className="primary">
                {t('customer.missing.add')}
              </button>
              <button
                type="button"
                className="customer-secondary"
                onClick={() => {
                  setOpen(false);
                  setNote('');
                  requestAnimationFrame(() => opener.current?.focus());
                }}
              >
                {t('customer.missing.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button
            ref={opener}
            type="button"
            className="missing__open"
            onClick={() => setOpen(true)}
          >
            <span aria-hidden="true">+ </span>
            {t('customer.missing.open')}
          </button>
        ))}
    </section>
  );
}
