import { useEffect, useRef, type MouseEvent } from 'react';
import {
  personaField,
  updatePersona,
  type PersonaPatch,
  type PersonaRichField,
  type PersonaView,
} from '../../../shared/index.ts';
import { useMapSession } from '../collab/MapSession.tsx';
import { RichTextEditor } from '../editor/LazyRichTextEditor.tsx';
import { isEmptyBody, RichTextView, useFragmentVersion } from '../editor/RichTextView.tsx';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { PencilIcon } from '../ui/icons.tsx';

/** Heading and placeholder of each prose field. */
const FIELD_TEXT = {
  quote: ['personas.quote', 'personas.quotePlaceholder'],
  goals: ['personas.goals', 'personas.goalsPlaceholder'],
  needs: ['personas.needs', 'personas.needsPlaceholder'],
  pains: ['personas.pains', 'personas.painsPlaceholder'],
  jobs: ['personas.jobs', 'personas.jobsPlaceholder'],
} as const satisfies Record<PersonaRichField, readonly [MessageKey, MessageKey]>;

interface PersonaFieldProps {
  persona: PersonaView;
  field: PersonaRichField;
  /** The person may write in the map. */
  editable: boolean;
  /** This field's editor is the open one (the card keeps one open at a time). */
  editing: boolean;
  /** Asks to open this field's editor. */
  onEdit: () => void;
  /** The person left this field's editor. */
  onDone: () => void;
}

/**
 * One prose field of a persona (quote, goals, needs, pains, jobs): its formatted text, and for
 * editors a click on it or on its pencil button opens the rich-text editor on the field's own
 * fragment, written live with the others. Escape closes it and puts the focus back on the pencil.
 * Viewers see nothing for an empty field; editors see an invitation to write.
 */
export function PersonaField({
  persona,
  field,
  editable,
  editing,
  onEdit,
  onDone,
}: PersonaFieldProps) {
  const { t } = useI18n();
  const { doc } = useMapSession();
  const fragment = personaField(doc, persona.id, field);
  // Re-render when the field's text changes, so an emptied field hides (or shows) at once.
  useFragmentVersion(fragment);
  const editButton = useRef<HTMLButtonElement>(null);
  // Set when the editor was left from the keyboard: the focus goes back to the pencil.
  const focusBack = useRef(false);
  const open = editable && editing && fragment !== undefined;

  useEffect(() => {
    if (open || !focusBack.current) return;
    focusBack.current = false;
    editButton.current?.focus();
  }, [open]);

  const [labelKey, placeholderKey] = FIELD_TEXT[field];
  const label = t(labelKey);
  const placeholder = t(placeholderKey);
  const what = fill(t('personas.fieldOf'), { field: label, name: persona.name });
  const empty = fragment ? isEmptyBody(fragment) : isBlank(persona[field]);
  if (empty && !editable) return null;

  const start = (event?: MouseEvent) => {
    // A click on a link follows the link; it does not start editing.
    if (event && event.target instanceof Element && event.target.closest('a')) return;
    // Only a stale pre-v2 replica leaves a field without a fragment: give it one, same text.
    if (!fragment) updatePersona(doc, persona.id, plainPatch(persona, field));
    onEdit();
  };

  const Body = field === 'quote' ? 'blockquote' : 'div';
  return (
    <section
      className={`persona__field persona__field--${field}${editable ? ' persona__field--editable' : ''}`}
      data-testid="persona-field"
      data-field={field}
    >
      <h4 className={field === 'quote' ? 'visually-hidden' : undefined}>{label}</h4>
      {open ? (
        <RichTextEditor
          fragment={fragment}
          label={what}
          placeholder={placeholder}
          autoFocus
          onDone={(byKeyboard) => {
            focusBack.current = byKeyboard;
            onDone();
          }}
          className="persona__editor"
        />
      ) : (
        <>
          <Body
            className={`persona__prose${editable ? ' persona__prose--editable' : ''}`}
            onClick={editable ? start : undefined}
            data-testid="persona-prose"
          >
            {fragment ? (
              <RichTextView fragment={fragment} placeholder={placeholder} />
            ) : (
              <PlainText value={persona[field]} />
            )}
          </Body>
          {editable && (
            <button
              ref={editButton}
              type="button"
              className="persona__edit"
              aria-label={fill(t('personas.editField'), { what })}
              title={fill(t('personas.editField'), { what })}
              onClick={() => start()}
            >
              <PencilIcon />
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** A field's text as `PersonaView` reads it, for a field that holds no fragment. */
function PlainText({ value }: { value: string | readonly string[] }) {
  if (typeof value === 'string') {
    return (
      <div className="rich-text">
        {value.split('\n').map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
    );
  }
  return (
    <div className="rich-text">
      <ul>
        {value.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

function isBlank(value: string | readonly string[]): boolean {
  return typeof value === 'string' ? value.trim() === '' : value.length === 0;
}

/** The field's current text as a patch: writing it gives the field a fragment with that text. */
function plainPatch(persona: PersonaView, field: PersonaRichField): PersonaPatch {
  const patch: PersonaPatch = {};
  if (field === 'quote') patch.quote = persona.quote;
  else patch[field] = [...persona[field]];
  return patch;
}
