import { useState, type FormEvent } from 'react';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { majorityText } from './majority.ts';
import { validationApi } from './validationApi.ts';
import type { ValidationJson } from './validationJson.ts';

/** Most answers a card may need (the server's limit). */
const MAX_MIN_ANSWERS = 50;

/** The majorities offered, from a simple majority to everyone. */
const MAJORITIES: readonly number[] = [0.5, 0.6, 2 / 3, 0.75, 0.8, 0.9, 1];

interface ValidationSettingsFormProps {
  mapId: string;
  settings: ValidationJson['settings'];
  editable: boolean;
}

/**
 * When a card counts as validated: at least N answers ("yes" or "different") and a majority of
 * "yes". Owners and editors change it; everyone else reads it. The live document brings the new
 * states to every open map once saved.
 */
export function ValidationSettingsForm({ mapId, settings, editable }: ValidationSettingsFormProps) {
  const { t, locale } = useI18n();
  const [minAnswers, setMinAnswers] = useState(String(settings.minAnswers));
  const [majority, setMajority] = useState(settings.majority);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  // Someone else changed the thresholds (the live document brought them): show theirs.
  const [shown, setShown] = useState(settings);
  if (shown.minAnswers !== settings.minAnswers || shown.majority !== settings.majority) {
    setShown(settings);
    setMinAnswers(String(settings.minAnswers));
    setMajority(settings.majority);
  }
  const offered = MAJORITIES.some((m) => Math.abs(m - majority) < 0.001)
    ? MAJORITIES
    : [...MAJORITIES, majority].sort((a, b) => a - b);
  const rule = fill(t('validation.rule'), {
    min: settings.minAnswers,
    majority: majorityText(settings.majority, locale),
  });

  if (!editable) {
    return (
      <section aria-labelledby="validation-settings-title" className="validation-section">
        <h3 id="validation-settings-title">{t('validation.settings')}</h3>
        <p className="muted">{rule}</p>
      </section>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus('saving');
    validationApi.saveSettings(mapId, { minAnswers: Number(minAnswers), majority }).then(
      () => setStatus('saved'),
      () => setStatus('failed'),
    );
  };

  return (
    <section aria-labelledby="validation-settings-title" className="validation-section">
      <h3 id="validation-settings-title">{t('validation.settings')}</h3>
      <p className="muted">{rule}</p>
      <form className="validation-settings" onSubmit={submit}>
        <label className="field field--narrow">
          <span>{t('validation.minAnswers')}</span>
          <input
            type="number"
            min={1}
            max={MAX_MIN_ANSWERS}
            required
            value={minAnswers}
            onChange={(e) => {
              setMinAnswers(e.target.value);
              setStatus('idle');
            }}
          />
        </label>
        <label className="field">
          <span>{t('validation.majority')}</span>
          <select
            value={String(majority)}
            onChange={(e) => {
              setMajority(Number(e.target.value));
              setStatus('idle');
            }}
          >
            {offered.map((value) => (
              <option key={value} value={String(value)}>
                {majorityText(value, locale)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={status === 'saving'}>
          {t('validation.saveSettings')}
        </button>
      </form>
      <p role="status" className="muted validation-settings__status">
        {status === 'saved' ? t('validation.settingsSaved') : ''}
      </p>
      {status === 'failed' && <p role="alert">{t('validation.settingsFailed')}</p>}
    </section>
  );
}
