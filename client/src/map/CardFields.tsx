import { useId, useState } from 'react';
import type * as Y from 'yjs';
import {
  CARD_PERSONAS_MAX,
  CHANNELS,
  DEFAULT_DEPARTMENTS,
  departmentLabel,
  isChannel,
  PRIORITY_KEYS,
  PRIORITY_MAX,
  PRIORITY_MIN,
  PRIORITY_SCORE_MAX,
  setCardFields,
  setCardPersonas,
  setEmotion,
  type CardView,
  type LaneCarries,
  type PersonaView,
  type PriorityFactors,
} from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { EmotionFace } from './EmotionFace.tsx';
import { EMOTION_SCORES, emotionLabelKey, signedScore } from './emotions.ts';

/** A card field the details panel can edit (`text` lanes carry none of them). */
export type CardField = Exclude<LaneCarries, 'text'>;

/** Every editable field, in the order the panel lists them. */
export const CARD_FIELDS: readonly CardField[] = [
  'emotion',
  'channel',
  'moment',
  'priority',
  'department',
];

interface FieldProps {
  doc: Y.Doc;
  card: CardView;
}

/** The editor of one card field, written through the shared/ operations. */
export function CardFieldEditor({ field, doc, card }: FieldProps & { field: CardField }) {
  switch (field) {
    case 'emotion':
      return <EmotionField doc={doc} card={card} />;
    case 'channel':
      return <ChannelField doc={doc} card={card} />;
    case 'moment':
      return <MomentField doc={doc} card={card} />;
    case 'priority':
      return <PriorityField doc={doc} card={card} />;
    case 'department':
      return <DepartmentField doc={doc} card={card} />;
  }
}

function EmotionField({ doc, card }: FieldProps) {
  const { t } = useI18n();
  return (
    <fieldset className="details__group">
      <legend>{t('card.emotion')}</legend>
      <div className="emotion-picker">
        {EMOTION_SCORES.map((score) => {
          const label = t(emotionLabelKey(score));
          const chosen = card.emotion === score;
          return (
            <button
              key={score}
              type="button"
              className="emotion-picker__option"
              aria-pressed={chosen}
              onClick={() => setEmotion(doc, card.id, chosen ? null : score)}
            >
              <EmotionFace score={score} size={26} />
              {/* Its name is its text, "Muy mal -2": what is seen is what is heard. */}
              <span className="emotion-picker__label">{label}</span>{' '}
              <span className="emotion-picker__score">{signedScore(score)}</span>
            </button>
          );
        })}
      </div>
      {card.emotion !== undefined && (
        <button
          type="button"
          className="link-button"
          onClick={() => setEmotion(doc, card.id, null)}
        >
          {t('card.emotion.clear')}
        </button>
      )}
    </fieldset>
  );
}

function ChannelField({ doc, card }: FieldProps) {
  const { t, locale } = useI18n();
  return (
    <label className="field details__group">
      {t('card.channel')}
      <select
        value={card.channel ?? ''}
        onChange={(event) => {
          const value = event.target.value;
          setCardFields(doc, card.id, { channel: isChannel(value) ? value : null });
        }}
      >
        <option value="">{t('card.none')}</option>
        {CHANNELS.map((channel) => (
          <option key={channel.id} value={channel.id}>
            {channel.label[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}

function MomentField({ doc, card }: FieldProps) {
  const { t } = useI18n();
  return (
    <label className="check details__group">
      <input
        type="checkbox"
        checked={card.momentOfTruth === true}
        onChange={(event) =>
          setCardFields(doc, card.id, { momentOfTruth: event.target.checked ? true : null })
        }
      />
      <span aria-hidden="true" className="badge badge--mot">
        ◆
      </span>
      {t('card.momentOfTruth')}
    </label>
  );
}

function DepartmentField({ doc, card }: FieldProps) {
  const { t, locale } = useI18n();
  const custom =
    card.department !== undefined && !DEFAULT_DEPARTMENTS.some((d) => d.id === card.department);
  return (
    <label className="field details__group">
      {t('card.department')}
      <select
        value={card.department ?? ''}
        onChange={(event) =>
          setCardFields(doc, card.id, { department: event.target.value || null })
        }
      >
        <option value="">{t('card.none')}</option>
        {DEFAULT_DEPARTMENTS.map((department) => (
          <option key={department.id} value={department.id}>
            {department.label[locale]}
          </option>
        ))}
        {custom && card.department && (
          <option value={card.department}>{departmentLabel(card.department, locale)}</option>
        )}
      </select>
    </label>
  );
}

type PriorityKey = (typeof PRIORITY_KEYS)[number];
type PriorityDraft = Partial<Record<PriorityKey, number>>;

const LEVELS = Array.from({ length: PRIORITY_MAX - PRIORITY_MIN + 1 }, (_, i) => PRIORITY_MIN + i);

function isComplete(draft: PriorityDraft): draft is PriorityFactors {
  return PRIORITY_KEYS.every((key) => draft[key] !== undefined);
}

/**
 * The four prioritisation factors, 1..5 each, and the derived score. The document only holds a
 * complete set, so a card without one keeps the factors chosen so far here until the fourth.
 */
function PriorityField({ doc, card }: FieldProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<PriorityDraft>({});
  const values: PriorityDraft = card.priority ?? draft;

  const pick = (key: PriorityKey, value: number) => {
    const patch: PriorityDraft = {};
    patch[key] = value;
    if (card.priority) {
      setCardFields(doc, card.id, { priority: patch });
      return;
    }
    const next = { ...draft, ...patch };
    if (isComplete(next)) {
      setCardFields(doc, card.id, { priority: next });
      setDraft({});
    } else {
      setDraft(next);
    }
  };

  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (
    <fieldset className="details__group">
      <legend>{t('card.priority')}</legend>
      {PRIORITY_KEYS.map((key) => (
        <div
          key={key}
          className="scale"
          role="group"
          aria-labelledby={`${id}-${key}`}
          aria-describedby={`${id}-${key}-hint`}
        >
          <span className="scale__label" id={`${id}-${key}`}>
            {t(`card.priority.${key}`)}
          </span>
          <span className="scale__hint" id={`${id}-${key}-hint`}>
            {t(`card.priority.${key}.hint`)}
          </span>
          <span className="scale__options">
            {LEVELS.map((level) => (
              <button
                key={level}
                type="button"
                className="scale__option"
                aria-pressed={values[key] === level}
                onClick={() => pick(key, level)}
              >
                {level}
              </button>
            ))}
          </span>
        </div>
      ))}
      {card.priority ? (
        <p className="priority-score" data-testid="priority-score">
          {t('card.priority.score')}:{' '}
          <strong>
            {format.format(card.priority.score)} / {PRIORITY_SCORE_MAX}
          </strong>{' '}
          <span className="muted">({t('card.priority.scoreHelp')})</span>
        </p>
      ) : (
        <p className="muted">{t('card.priority.incomplete')}</p>
      )}
      {card.priority && (
        <button
          type="button"
          className="link-button"
          onClick={() => setCardFields(doc, card.id, { priority: null })}
        >
          {t('card.priority.clear')}
        </button>
      )}
    </fieldset>
  );
}

/**
 * The personas a card is about, ticked from the map's personas (the search's persona filter
 * keeps these cards). The whole list is written at once; a tag to a persona deleted since is
 * dropped on the next change.
 */
export function PersonasField({
  doc,
  card,
  personas,
}: FieldProps & { personas: readonly PersonaView[] }) {
  const { t } = useI18n();
  const id = useId();
  const tagged = (card.personaIds ?? []).filter((pid) => personas.some((p) => p.id === pid));
  const full = tagged.length >= CARD_PERSONAS_MAX;
  return (
    <fieldset
      className="details__group"
      aria-describedby={`${id}-help`}
      data-testid="card-personas"
    >
      <legend>{t('find.personas')}</legend>
      <p className="muted" id={`${id}-help`}>
        {full
          ? fill(t('find.cardPersonasMax'), { max: CARD_PERSONAS_MAX })
          : t('find.cardPersonasHelp')}
      </p>
      {personas.length === 0 ? (
        <p className="muted">{t('personas.empty')}</p>
      ) : (
        <div className="persona-tags">
          {personas.map((persona) => {
            const checked = tagged.includes(persona.id);
            return (
              <label key={persona.id} className="check">
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={!checked && full}
                  onChange={(event) =>
                    setCardPersonas(
                      doc,
                      card.id,
                      event.target.checked
                        ? [...tagged, persona.id]
                        : tagged.filter((pid) => pid !== persona.id),
                    )
                  }
                />
                {persona.name || t('personas.newName')}
              </label>
            );
          })}
        </div>
      )}
    </fieldset>
  );
}
