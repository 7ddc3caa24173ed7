import { useState } from 'react';
import type * as Y from 'yjs';
import { addPersona, deletePersona, type PersonaView } from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { PersonaCard } from './PersonaCard.tsx';

interface PersonaPanelProps {
  doc: Y.Doc;
  personas: readonly PersonaView[];
  editable: boolean;
  onClose: () => void;
}

/**
 * The personas the map is made for, kept beside the board; editors can add and remove them,
 * write their prose fields live together and change their plain fields through a form.
 */
export function PersonaPanel({ doc, personas, editable, onClose }: PersonaPanelProps) {
  const { t } = useI18n();
  // The persona whose plain-field form is open (one at a time; a new persona opens with it).
  const [formFor, setFormFor] = useState<PersonaView['id'] | null>(null);

  return (
    <aside className="side-panel" aria-labelledby="personas-title" data-testid="persona-panel">
      <header className="side-panel__head">
        <h2 id="personas-title">{t('personas.title')}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('personas.close')}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {personas.length === 0 && <p className="side-panel__empty">{t('personas.empty')}</p>}
      {personas.map((persona) => (
        <PersonaCard
          key={persona.id}
          doc={doc}
          persona={persona}
          editable={editable}
          formOpen={editable && formFor === persona.id}
          setFormOpen={(open) =>
            setFormFor((current) => (open ? persona.id : current === persona.id ? null : current))
          }
          onDelete={() => {
            if (confirm(fill(t('personas.confirmDelete'), { name: persona.name }))) {
              deletePersona(doc, persona.id);
            }
          }}
        />
      ))}
      {editable && (
        <button
          type="button"
          className="secondary"
          onClick={() => setFormFor(addPersona(doc, { name: t('personas.newName') }))}
        >
          + {t('personas.add')}
        </button>
      )}
    </aside>
  );
}
