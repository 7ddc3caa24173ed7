import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { CHANNELS, updatePersona, type Channel, type PersonaView } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

interface PersonaFormProps {
  doc: Y.Doc;
  persona: PersonaView;
  onDone: () => void;
}

const toLines = (items: readonly string[]) => items.join('\n');
const fromLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** Edits one persona; lists are one item per line. Saved in one transaction on submit. */
export function PersonaForm({ doc, persona, onDone }: PersonaFormProps) {
  const { t, locale } = useI18n();
  const [name, setName] = useState(persona.name);
  const [role, setRole] = useState(persona.role);
  const [quote, setQuote] = useState(persona.quote);
  const [context, setContext] = useState(persona.context);
  const [goals, setGoals] = useState(toLines(persona.goals));
  const [needs, setNeeds] = useState(toLines(persona.needs));
  const [pains, setPains] = useState(toLines(persona.pains));
  const [jobs, setJobs] = useState(toLines(persona.jobs));
  const [channels, setChannels] = useState<readonly Channel[]>(persona.channels);
  const [error, setError] = useState<string | null>(null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    try {
      updatePersona(doc, persona.id, {
        name: name.trim(),
        role,
        quote,
        context,
        goals: fromLines(goals),
        needs: fromLines(needs),
        pains: fromLines(pains),
        jobs: fromLines(jobs),
        channels: [...channels],
      });
      onDone();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  const lists = [
    [t('personas.goals'), goals, setGoals],
    [t('personas.needs'), needs, setNeeds],
    [t('personas.pains'), pains, setPains],
    [t('personas.jobs'), jobs, setJobs],
  ] as const;

  return (
    <form className="persona persona--form" onSubmit={save} data-testid="persona-form">
      <label>
        {t('personas.name')}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={200}
          autoFocus
        />
      </label>
      <label>
        {t('personas.role')}
        <input value={role} onChange={(e) => setRole(e.target.value)} maxLength={200} />
      </label>
      <label>
        {t('personas.quote')}
        <textarea
          value={quote}
          onChange={(e) => setQuote(e.target.value)}
          rows={2}
          maxLength={1000}
        />
      </label>
      <label>
        {t('personas.context')}
        <textarea
          value={context}
          onChange={(e) => setContext(e.target.value)}
          rows={2}
          maxLength={5000}
        />
      </label>
      {lists.map(([label, value, set]) => (
        <label key={label}>
          {label} <span className="hint">({t('personas.onePerLine')})</span>
          <textarea value={value} onChange={(e) => set(e.target.value)} rows={3} />
        </label>
      ))}
      <fieldset>
        <legend>{t('personas.channels')}</legend>
        {CHANNELS.map((channel) => (
          <label key={channel.id} className="check">
            <input
              type="checkbox"
              checked={channels.includes(channel.id)}
              onChange={(e) =>
                setChannels(
                  e.target.checked
                    ? [...channels, channel.id]
                    : channels.filter((c) => c !== channel.id),
                )
              }
            />
            {channel.label[locale]}
          </label>
        ))}
      </fieldset>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="persona__actions">
        <button type="submit" className="primary">
          {t('personas.save')}
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          {t('personas.cancel')}
        </button>
      </div>
    </form>
  );
}
