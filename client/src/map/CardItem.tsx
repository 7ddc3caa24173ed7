import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { setCardText, type CardView, type LaneView, type MapView } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { MoreIcon } from '../ui/icons.tsx';
import { Popover } from '../ui/Popover.tsx';
import { CardBadges } from './CardBadges.tsx';
import { CardDetails } from './CardDetails.tsx';

/** Typing is sent to the others this long after the last keystroke (and at once on blur). */
const COMMIT_DELAY_MS = 250;

/** Longest piece of the card's text used to name its details button. */
const NAME_CHARS = 40;

interface CardItemProps {
  doc: Y.Doc;
  view: MapView;
  card: CardView;
  lane: LaneView;
  editable: boolean;
  autoFocus: boolean;
}

/**
 * One card: its text, editable in place (plain text for now; each line is a paragraph), and a
 * "…" button opening its details (fields by lane kind, move, delete).
 */
export function CardItem({ doc, view, card, lane, editable, autoFocus }: CardItemProps) {
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
        <Popover
          label={`${t('card.details')}: ${shorten(card.text)}`}
          trigger={<MoreIcon />}
          triggerClassName="card__more"
          role="dialog"
          className="popover--details"
          align="end"
          testId="card-details"
        >
          {(close) => (
            <CardDetails
              doc={doc}
              view={view}
              card={card}
              lane={lane}
              editable={editable}
              close={close}
            />
          )}
        </Popover>
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

function shorten(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > NAME_CHARS ? `${line.slice(0, NAME_CHARS - 1)}…` : line;
}
