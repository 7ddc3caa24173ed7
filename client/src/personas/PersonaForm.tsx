import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import {
  CHANNELS,
  updatePersona,
  type Channel,
  type PersonaPatch,
  type PersonaView,
} from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

interface PersonaFormProps {
  doc: Y.Doc;
  persona: PersonaView;
  /** The form closed (saved or cancelled). */
  onDone: () => void;
}

/**
 * Edits a persona's plain fields (name, role, context, channels), saved in one transaction on
 * submit. Only the fields changed here are written: these keys are last-writer-wins, so a field
 * left alone never reverts a colleague's change made while the form was open. The prose fields
 * are never written from here; they are edited live on the card (see `PersonaField`).
 */
export function PersonaForm({ doc, persona, onDone }: PersonaFormProps) {
  const { t, locale } = useI18n();
  // The values the form opened with: what "changed" is measured against.
  const [initial] = useState(persona);
  const [name, setName] = useState(persona.name);
  const [role, setRole] = useState(persona.role);
  const [context, setContext] = useState(persona.context);
  const [channels, setChannels] = useState<readonly Channel[]>(persona.channels);
  const [error, setError] = useState<string | null>(null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const patch: PersonaPatch = {};
    if (name.trim() !== initial.name) patch.name = name.trim();
    if (role !== initial.role) patch.role = role;
    if (context !== initial.context) patch.context = context;
    if (channels.join() !== initial.channels.join()) patch.channels = [...channels];
    try {
      if (Object.keys(patch).length > 0) updatePersona(doc, persona.id, patch);
      onDone();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onDone();
  };

  return (
    <form
      className="persona__form"
      onSubmit={save}
      onKeyDown={onKeyDown}
      data-testid="persona-form"
    >
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
        {t('personas.context')}
        <textarea
          value={context}
          onChange={(e) => setContext(e.target.value)}
          rows={2}
          maxLength={5000}
        />
      </label>
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
      <p className="hint persona__hint">{t('personas.liveHint')}</p>
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
