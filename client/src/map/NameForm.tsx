import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

interface NameFormProps {
  /** Label of the field, e.g. "Stage name". */
  label: string;
  /** Example shown in the empty field. */
  placeholder?: string;
  /** Longest name accepted. */
  maxLength: number;
  /** Called with the trimmed, non-empty name. */
  onSubmit: (name: string) => void;
  /** Called by the Cancel button. */
  onCancel: () => void;
}

/** A one-field form naming a new stage: Enter adds, Cancel goes back. */
export function NameForm({ label, placeholder, maxLength, onSubmit, onCancel }: NameFormProps) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const trimmed = name.trim();
  return (
    <form
      className="mini-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed.length > 0) onSubmit(trimmed);
      }}
    >
      <label className="field">
        {label}
        <input
          autoFocus
          value={name}
          maxLength={maxLength}
          placeholder={placeholder}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <div className="mini-form__actions">
        <button type="submit" className="primary" disabled={trimmed.length === 0}>
          {t('board.add')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('board.cancel')}
        </button>
      </div>
    </form>
  );
}
