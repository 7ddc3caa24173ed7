import {
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type SyntheticEvent,
} from 'react';
import { MAX_MESSAGE_CHARS } from '../../../shared/comments.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import {
  insertMention,
  matchPeople,
  mentionAt,
  mentionsIn,
  type Mentionable,
  type MentionQuery,
} from './mentions.ts';

/** Someone the composer offers to mention, with their department's name for the list. */
export interface MentionCandidate extends Mentionable {
  department: string | null;
}

interface ComposerProps {
  /** Accessible name of the text box ("Reply", "New comment on the card 'X'"). */
  label: string;
  /** Text of the send button. */
  submitLabel: string;
  /** The people who can be mentioned. */
  people: readonly MentionCandidate[];
  /** Sends the message; a rejection keeps the text and shows `failed`. */
  onSend: (body: string, mentions: string[]) => Promise<void>;
  /** Text to start with (editing a message). */
  initial?: string;
  /** People already mentioned in `initial`. */
  initialMentions?: readonly Mentionable[];
  /** Shows a Cancel button (editing). */
  onCancel?: () => void;
  /** Takes the focus when it appears, and again whenever this number changes. */
  focusSignal?: number;
  testId?: string;
}

/**
 * A message box: plain text, Ctrl/Cmd+Enter sends, and typing "@" opens a list of the map's
 * members (the ARIA combobox pattern: arrows move, Enter or Tab choose, Escape closes the list
 * only). The chosen person goes in as "@Name", and their id is sent as a mention while that
 * "@Name" is still in the text.
 */
export function Composer({
  label,
  submitLabel,
  people,
  onSend,
  initial = '',
  initialMentions = [],
  onCancel,
  focusSignal,
  testId,
}: ComposerProps) {
  const { t } = useI18n();
  const [text, setText] = useState(initial);
  const [chosen, setChosen] = useState<readonly Mentionable[]>(initialMentions);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const listId = `${id}-people`;
  const hintId = `${id}-hint`;
  const matches = query ? matchPeople(people, query.query) : [];
  const listOpen = query !== null && matches.length > 0;
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));

  useEffect(() => {
    if (focusSignal === undefined) return;
    box.current?.focus();
  }, [focusSignal]);

  // Follows the caret: the list opens while an "@name" is being typed and closes otherwise.
  const follow = (value: string, caret: number) => {
    const next = mentionAt(value, caret);
    setQuery(next);
    if (next?.query !== query?.query) setActive(0);
  };

  const choose = (person: Mentionable) => {
    const element = box.current;
    if (!query || !element) return;
    const result = insertMention(text, query, element.selectionStart, person.name);
    setText(result.text);
    setChosen((current) =>
      current.some((p) => p.id === person.id) ? current : [...current, person],
    );
    setQuery(null);
    // After React has put the new text in: the caret goes after the inserted name.
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(result.caret, result.caret);
    });
  };

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    setFailed(null);
    try {
      await onSend(body, mentionsIn(body, chosen));
      setText('');
      setChosen([]);
      setQuery(null);
    } catch (error) {
      setFailed(error instanceof Error && error.message ? error.message : t('comments.sendFailed'));
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
      return;
    }
    if (!listOpen) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + matches.length) % matches.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const person = matches[activeIndex];
      if (!person) return;
      event.preventDefault();
      choose(person);
    } else if (event.key === 'Escape') {
      // Closes the list only: the panel must not close under the person typing.
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
    }
  };

  const onCaretMove = (event: SyntheticEvent<HTMLTextAreaElement>) => {
    const element = event.currentTarget;
    follow(element.value, element.selectionStart);
  };

  return (
    <form className="composer" onSubmit={(event) => void send(event)} data-testid={testId}>
      <div className="composer__field">
        <textarea
          ref={box}
          className="composer__input"
          role="combobox"
          aria-label={label}
          aria-describedby={hintId}
          aria-autocomplete="list"
          aria-expanded={listOpen}
          aria-controls={listId}
          aria-activedescendant={listOpen ? `${listId}-${activeIndex}` : undefined}
          value={text}
          maxLength={MAX_MESSAGE_CHARS}
          rows={2}
          placeholder={t('comments.placeholder')}
          onChange={(event) => {
            setText(event.target.value);
            follow(event.target.value, event.target.selectionStart);
          }}
          onKeyDown={onKeyDown}
          onClick={onCaretMove}
          onKeyUp={(event) => {
            if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') onCaretMove(event);
          }}
          onBlur={() => setQuery(null)}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={t('comments.mentionList')}
          className="composer__people"
          hidden={!listOpen}
        >
          {matches.map((person, index) => (
            <li
              key={person.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className={`composer__person${index === activeIndex ? ' composer__person--active' : ''}`}
              // Chosen on mouse down, before the text box loses the focus and closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(person);
              }}
            >
              <span className="composer__person-name">{person.name}</span>
              {person.department && (
                <span className="composer__person-dept">{person.department}</span>
              )}
            </li>
          ))}
        </ul>
      </div>
      <p id={hintId} className="composer__hint">
        {t('comments.composerHint')}
      </p>
      {failed && (
        <p className="error composer__error" role="alert">
          {failed}
        </p>
      )}
      <div className="composer__actions">
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        )}
        <button type="submit" className="primary" disabled={sending || text.trim().length === 0}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
