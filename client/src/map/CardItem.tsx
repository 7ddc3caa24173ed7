import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { setCardText, type CardView, type LaneView } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CardBadges } from './CardBadges.tsx';

/** Typing is sent to the others this long after the last keystroke (and at once on blur). */
const COMMIT_DELAY_MS = 250;

interface CardItemProps {
  doc: Y.Doc;
  card: CardView;
  lane: LaneView;
  editable: boolean;
  autoFocus: boolean;
}

/** One card: its text, editable in place (plain text for now; each line is a paragraph). */
export function CardItem({ doc, card, lane, editable, autoFocus }: CardItemProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<string | null>(autoFocus ? card.text : null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (text: string) => {
    clearTimeout(timer.current);
    if (text !== card.text) setCardText(doc, card.id, text);
  };

  if (draft === null) {
    return (
      <article className={`card card--${lane.kind}`} data-testid="card" data-card-id={card.id}>
        <CardBadges card={card} lane={lane} />
        <button
          type="button"
          className="card__text"
          disabled={!editable}
          onClick={() => setDraft(card.text)}
        >
          {card.text || <span className="card__placeholder">{t('map.cardPlaceholder')}</span>}
        </button>
      </article>
    );
  }

  return (
    <article
      className={`card card--${lane.kind} card--editing`}
      data-testid="card"
      data-card-id={card.id}
    >
      <CardBadges card={card} lane={lane} />
      <textarea
        autoFocus
        className="card__input"
        aria-label={t('map.cardPlaceholder')}
        value={draft}
        placeholder={t('map.cardPlaceholder')}
        rows={Math.max(2, draft.split('\n').length)}
        onChange={(event) => {
          const text = event.target.value;
          setDraft(text);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(text), COMMIT_DELAY_MS);
        }}
        onBlur={() => {
          commit(draft);
          setDraft(null);
        }}
        onKeyDown={(event) => {
          if (
            event.key === 'Escape' ||
            (event.key === 'Enter' && (event.metaKey || event.ctrlKey))
          ) {
            event.currentTarget.blur();
          }
        }}
      />
    </article>
  );
}
