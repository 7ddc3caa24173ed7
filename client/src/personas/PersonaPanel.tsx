import { useState } from 'react';
import type * as Y from 'yjs';
import { addPersona, deletePersona, type PersonaView } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { PersonaCard } from './PersonaCard.tsx';
import { PersonaForm } from './PersonaForm.tsx';

interface PersonaPanelProps {
  doc: Y.Doc;
  personas: readonly PersonaView[];
  editable: boolean;
  onClose: () => void;
}

/** The personas the map is made for, kept beside the board; editors can add, edit and remove them. */
export function PersonaPanel({ doc, personas, editable, onClose }: PersonaPanelProps) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<PersonaView['id'] | null>(null);

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
      {personas.map((persona) =>
        editing === persona.id && editable ? (
          <PersonaForm
            key={persona.id}
            doc={doc}
            persona={persona}
            onDone={() => setEditing(null)}
          />
        ) : (
          <PersonaCard
            key={persona.id}
            persona={persona}
            onEdit={editable ? () => setEditing(persona.id) : undefined}
            onDelete={
              editable
                ? () => {
                    if (confirm(t('personas.confirmDelete').replace('{name}', persona.name))) {
                      deletePersona(doc, persona.id);
                    }
                  }
                : undefined
            }
          />
        ),
      )}
      {editable && (
        <button
          type="button"
          className="secondary"
          onClick={() => setEditing(addPersona(doc, { name: t('personas.newName') }))}
        >
          + {t('personas.add')}
        </button>
      )}
    </aside>
  );
}
