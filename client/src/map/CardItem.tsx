import { memo, useEffect, useRef, useState, type CSSProperties, type MouseEvent } from 'react';
import type * as Y from 'yjs';
import { cardBody, type CardView, type LaneView } from '../../../shared/index.ts';
import { useMapStore, useStoreView } from '../board/useMapStore.ts';
import { useEditorsOf, useMapSession } from '../collab/MapSession.tsx';
import { CommentBubble } from '../comments/CommentBubble.tsx';
import { useEditingLabel } from '../collab/useEditingLabel.ts';
import { RichTextView } from '../editor/RichTextView.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { MoreIcon, PencilIcon } from '../ui/icons.tsx';
import { Popover } from '../ui/Popover.tsx';
import { useLatest } from '../ui/useLatest.ts';
import { CardBadges } from './CardBadges.tsx';
import { CardDetails } from './CardDetails.tsx';
import { CardEditor } from './CardEditor.tsx';
import { useChangedSinceLastVisit } from '../since/SinceLastVisitContext.tsx';
import { useCardMark } from '../find/FindContext.tsx';
import { SinceMark } from '../since/SinceMark.tsx';
import { VersionDiffMark } from '../versions/VersionDiffContext.tsx';
import { CardValidationBadge } from '../validation/CardValidationBadge.tsx';
import { CardGrip } from '../board/dnd/index.ts';
import { CardActionBadge } from '../actions/CardActionBadge.tsx';
import { CardVoteControl } from '../votes/CardVoteControl.tsx';
import { useSiloMark } from '../silos/siloBoard.tsx';

/** Longest piece of the card's text used to name its buttons. */
const NAME_CHARS = 40;

interface CardItemProps {
  doc: Y.Doc;
  card: CardView;
  lane: LaneView;
  editable: boolean;
  autoFocus: boolean;
  /** Called once when the card opened its editor because of `autoFocus`. */
  onAutoFocused?: () => void;
}

/**
 * One card: its formatted text (click it, or its pencil button, to write in it with others),
 * who else is writing in it, and a "…" button opening its details (fields, move, delete).
 * Memoised: its view object stays the same until this card changes (see IncrementalMap).
 */
export const CardItem = memo(function CardItem({
  doc,
  card,
  lane,
  editable,
  autoFocus,
  onAutoFocused,
}: CardItemProps) {
  const { t } = useI18n();
  const { reopen, setReopen } = useMapSession();
  const [editingHere, setEditing] = useState(autoFocus && editable);
  const editing = editable && (editingHere || reopen === card.id);
  const focused = useLatest(onAutoFocused);
  // Leaving the editor with Escape puts the focus back on the card's edit button.
  const editButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);
  useEffect(() => {
    if (autoFocus) focused.current?.();
  }, [autoFocus, focused]);
  const others = useEditorsOf({ kind: 'card', id: card.id });
  const outline = others[0]?.color;
  const style = outline ? ({ '--editor-color': outline } as CSSProperties) : undefined;
  const editingLabel = useEditingLabel(others);
  const changedSince = useChangedSinceLastVisit(card.id);
  // The board search and filters: card--match, card--current or card--dimmed.
  const mark = useCardMark(card);
  // silos/: the silo lens outlines gaps (no owner) and dims what does not involve my department.
  const silo = useSiloMark(card, lane);

  const open = (event?: MouseEvent) => {
    if (!editable) return;
    // A click on a link follows the link; it does not start editing.
    if (event && event.target instanceof Element && event.target.closest('a')) return;
    setEditing(true);
  };

  return (
    <article
      className={`card card--${lane.kind}${editing ? ' card--editing' : ''}${outline ? ' card--others-editing' : ''}${changedSince ? ' card--since' : ''}${mark ? ` card--${mark}` : ''}${silo ? ` card--silo-${silo}` : ''}`}
      style={style}
      data-testid="card"
      data-card-id={card.id}
      data-silo-label={silo === 'gap' ? t('silos.noOwner') : undefined}
    >
      {editingLabel && (
        <span className="card__who" data-testid="card-editing">
          {editingLabel}
        </span>
      )}
      {changedSince && <SinceMark />}
      <VersionDiffMark kind="card" id={card.id} /* versions/: compare with a version */ />
      <CardBadges card={card} lane={lane} />
      <CardValidationBadge card={card} lane={lane} name={shorten(card.text)} />
      <CardActionBadge cardId={card.id} name={shorten(card.text)} />
      <CardVoteControl card={card} name={shorten(card.text)} /* votes/: dot voting */ />
      {editing ? (
        <CardEditor
          card={card}
          autoFocus
          onDone={(byKeyboard) => {
            refocus.current = byKeyboard;
            setEditing(false);
            if (reopen === card.id) setReopen(null);
          }}
        />
      ) : (
        <>
          <div
            className={`card__text${editable ? ' card__text--editable' : ''}`}
            onClick={open}
            data-testid="card-text"
          >
            <RichTextView
              fragment={cardBody(doc, card.id)}
              placeholder={t('map.cardPlaceholder')}
            />
          </div>
          {editable && (
            <button
              type="button"
              ref={editButton}
              className="card__edit"
              aria-label={`${t('card.edit')}: ${shorten(card.text)}`}
              title={t('card.edit')}
              onClick={() => open()}
            >
              <PencilIcon />
            </button>
          )}
          <CardGrip card={card} editable={editable} /* dnd: drag handle, Alt+Arrow moves */ />
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
              <OpenCardDetails
                doc={doc}
                card={card}
                lane={lane}
                editable={editable}
                close={close}
              />
            )}
          </Popover>
        </>
      )}
      <CommentBubble anchor={{ kind: 'card', id: card.id }} name={shorten(card.text)} />
    </article>
  );
});

/** The details popover's content, reading the whole map only while it is open. */
function OpenCardDetails(props: Omit<Parameters<typeof CardDetails>[0], 'view'>) {
  const view = useStoreView(useMapStore());
  return view ? <CardDetails {...props} view={view} /> : null;
}

function shorten(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > NAME_CHARS ? `${line.slice(0, NAME_CHARS - 1)}…` : line;
}
