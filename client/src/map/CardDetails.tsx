import { useState } from 'react';
import type * as Y from 'yjs';
import {
  deleteCard,
  laneKindInfo,
  laneKindLabel,
  moveCard,
  type CardView,
  type LaneView,
  type MapView,
} from '../../../shared/index.ts';
import { TurnIntoAction } from '../actions/TurnIntoAction.tsx';
import { useCommentsBoard } from '../comments/CommentsContext.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CardFieldEditor, CARD_FIELDS, PersonasField } from './CardFields.tsx';
import { CellPicker } from './CellPicker.tsx';
import { ConfirmStep } from './ConfirmStep.tsx';
import { useDeleteWithUndo, useEditingWarning } from './safeDelete.ts';

interface CardDetailsProps {
  doc: Y.Doc;
  view: MapView;
  card: CardView;
  lane: LaneView;
  editable: boolean;
  close: () => void;
}

/**
 * The details panel of one card: first the field its lane is about (emotion, channel, moment of
 * truth, priority or department), the others folded below; editors also move or delete the card.
 * Read-only members see the same fields, disabled.
 */
export function CardDetails({ doc, view, card, lane, editable, close }: CardDetailsProps) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const deleteWithUndo = useDeleteWithUndo();
  const warning = useEditingWarning([{ kind: 'card', id: card.id }]);
  const carries = laneKindInfo(lane.kind).carries;
  const primary = carries === 'text' ? undefined : carries;
  const others = CARD_FIELDS.filter((field) => field !== primary);
  const comments = useCommentsBoard();

  return (
    <div className="details">
      <header className="details__header">
        <div>
          <h2 className="details__title">{t('card.details')}</h2>
          <p className="details__lane">{laneKindLabel(lane.kind, locale)}</p>
        </div>
        <button
          type="button"
          className="dialog__close"
          aria-label={t('board.close')}
          onClick={close}
        >
          ×
        </button>
      </header>
      <p className="details__text">{card.text || t('map.cardPlaceholder')}</p>
      {comments?.canComment && (
        <button
          type="button"
          className="link-button details__comment"
          onClick={() => {
            close();
            comments.commentOn({ kind: 'card', id: card.id });
          }}
        >
          {t('comments.comment')}
        </button>
      )}
      <TurnIntoAction card={card} lane={lane} />
      <fieldset className="details__fields" disabled={!editable}>
        {primary && <CardFieldEditor field={primary} doc={doc} card={card} />}
        <details className="details__more" open={primary === undefined}>
          <summary>{t('card.more')}</summary>
          {others.map((field) => (
            <CardFieldEditor key={field} field={field} doc={doc} card={card} />
          ))}
        </details>
        <PersonasField doc={doc} card={card} personas={view.personas} />
      </fieldset>
      {editable && (
        <>
          <fieldset className="details__group details__move">
            <legend>{t('card.move')}</legend>
            <CellPicker
              view={view}
              stageId={card.stageId}
              laneId={card.laneId}
              current={{ stageId: card.stageId, laneId: card.laneId }}
              submitLabel={t('card.moveSubmit')}
              onSubmit={(target) => moveCard(doc, card.id, target)}
            />
          </fieldset>
          {confirming ? (
            <ConfirmStep
              message={`${t('card.deleteConfirm')} ${warning}`.trim()}
              onConfirm={() => {
                close();
                deleteWithUndo(t('card.deleted'), (origin) => deleteCard(doc, card.id, origin));
              }}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <button
              type="button"
              className="link-button link-button--danger"
              onClick={() => setConfirming(true)}
            >
              {t('card.delete')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
