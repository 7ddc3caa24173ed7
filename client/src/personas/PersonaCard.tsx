import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import type * as Y from 'yjs';
import {
  channelLabel,
  type EditingTarget,
  type PersonaRichField,
  type PersonaView,
} from '../../../shared/index.ts';
import { useEditingClaim, useEditorsOf } from '../collab/MapSession.tsx';
import { useEditingLabel } from '../collab/useEditingLabel.ts';
import { CommentBubble } from '../comments/CommentBubble.tsx';
import { useCommentsBoard } from '../comments/CommentsContext.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { PersonaField } from './PersonaField.tsx';
import { PersonaForm } from './PersonaForm.tsx';

interface PersonaCardProps {
  doc: Y.Doc;
  persona: PersonaView;
  /** The person may write in the map. */
  editable: boolean;
  /** The form of the plain fields (name, role, context, channels) is open. */
  formOpen: boolean;
  /** Opens or closes that form. */
  setFormOpen: (open: boolean) => void;
  onDelete: () => void;
}

/** The prose fields listed under the quote and context, in card order. */
const LISTS = ['goals', 'needs', 'pains', 'jobs'] as const satisfies readonly PersonaRichField[];

/**
 * One persona as a profile card: who, their words, context, goals, needs, pains, jobs and
 * channels. Editors write the prose fields in place, live with the others (one field open at
 * a time), and change the plain fields through a form; everyone sees who is editing it.
 */
export function PersonaCard({
  doc,
  persona,
  editable,
  formOpen,
  setFormOpen,
  onDelete,
}: PersonaCardProps) {
  const { t, locale } = useI18n();
  const [field, setField] = useState<PersonaRichField | null>(null);
  const target: EditingTarget = { kind: 'persona', id: persona.id };
  useEditingClaim(editable && (formOpen || field !== null) ? target : null);
  const others = useEditorsOf(target);
  const editingLabel = useEditingLabel(others);
  const outline = others[0]?.color;
  const style = outline ? ({ '--editor-color': outline } as CSSProperties) : undefined;
  const headingId = useId();
  const comments = useCommentsBoard();
  const editProfile = useRef<HTMLButtonElement>(null);
  // Set when the form closed itself (saved, cancelled): the focus goes back to its button.
  const focusBack = useRef(false);

  useEffect(() => {
    if (formOpen || !focusBack.current) return;
    focusBack.current = false;
    editProfile.current?.focus();
  }, [formOpen]);

  const prose = (name: PersonaRichField) => (
    <PersonaField
      key={name}
      persona={persona}
      field={name}
      editable={editable}
      editing={field === name}
      onEdit={() => setField(name)}
      // A late blur of a field already left must not close the one opened after it.
      onDone={() => setField((current) => (current === name ? null : current))}
    />
  );

  return (
    <article
      className={`persona${outline ? ' persona--others-editing' : ''}`}
      style={style}
      aria-labelledby={headingId}
      data-testid="persona"
    >
      {editingLabel && (
        <span className="editing-by persona__who" data-testid="persona-editing">
          {editingLabel}
        </span>
      )}
      <header className="persona__head">
        <span className="persona__avatar" aria-hidden="true">
          {persona.name.slice(0, 1).toUpperCase()}
        </span>
        <div>
          <h3 id={headingId}>{persona.name}</h3>
          {persona.role && <p className="persona__role">{persona.role}</p>}
        </div>
        <CommentBubble anchor={{ kind: 'persona', id: persona.id }} name={persona.name} />
      </header>
      {editable && formOpen && (
        <PersonaForm
          doc={doc}
          persona={persona}
          onDone={() => {
            focusBack.current = true;
            setFormOpen(false);
          }}
        />
      )}
      {prose('quote')}
      {!formOpen && persona.context && <p className="persona__context">{persona.context}</p>}
      {LISTS.map(prose)}
      {!formOpen && persona.channels.length > 0 && (
        <section>
          <h4>{t('personas.channels')}</h4>
          <p className="persona__channels">
            {persona.channels.map((channel) => (
              <span key={channel} className="badge">
                {channelLabel(channel, locale)}
              </span>
            ))}
          </p>
        </section>
      )}
      {!editable && comments?.canComment && (
        <footer className="persona__actions">
          <button
            type="button"
            className="link-button"
            onClick={() => comments.commentOn({ kind: 'persona', id: persona.id })}
          >
            {t('comments.comment')}
          </button>
        </footer>
      )}
      {editable && !formOpen && (
        <footer className="persona__actions">
          {comments?.canComment && (
            <button
              type="button"
              className="link-button"
              onClick={() => comments.commentOn({ kind: 'persona', id: persona.id })}
            >
              {t('comments.comment')}
            </button>
          )}
          <button
            ref={editProfile}
            type="button"
            className="link-button"
            onClick={() => setFormOpen(true)}
          >
            {t('personas.editProfile')}
          </button>
          <button type="button" className="link-button link-button--danger" onClick={onDelete}>
            {t('personas.delete')}
          </button>
        </footer>
      )}
    </article>
  );
}
