import { memo } from 'react';
import type * as Y from 'yjs';
import type { CardView, LaneView, StageView } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CardItem } from '../map/CardItem.tsx';
import { disputedFirst } from '../validation/boardValidation.ts';
import { useValidationBoard } from '../validation/ValidationBoardContext.tsx';
import { BOARD } from './boardLayout.ts';
import { DropCell } from './dnd/index.ts';
import { useBoardNavigation } from './BoardNavigation.tsx';
import type { MapStore } from './mapStore.ts';
import { useCell } from './useMapStore.ts';

/** The card just added by this person, which opens its editor when it first renders. */
export interface PendingFocus {
  cardId: string | null;
}

interface BoardCellProps {
  store: MapStore;
  doc: Y.Doc;
  stage: StageView;
  lane: LaneView;
  gridRow: number;
  gridColumn: number;
  editable: boolean;
  /** Zoomed far out: cards show as compact chips. */
  overview: boolean;
  /** This cell is the grid's tab stop. */
  tabbable: boolean;
  pending: PendingFocus;
  measure: (element: HTMLElement | null) => void;
  onAdd: (stage: StageView, laneId: string) => void;
}

/**
 * One lane × stage cell. It subscribes to its own cards only: a change elsewhere on the map does
 * not render it again, and a change to one of its cards renders that card (the others are memoised).
 */
export const BoardCell = memo(function BoardCell({
  store,
  doc,
  stage,
  lane,
  gridRow,
  gridColumn,
  editable,
  overview,
  tabbable,
  pending,
  measure,
  onAdd,
}: BoardCellProps) {
  const { t } = useI18n();
  const cards = useCell(store, stage.id, lane.id);
  const validation = useValidationBoard();
  // "Disputed first": only lanes customers see have answers to sort by.
  const shown =
    validation?.disputedFirst && lane.customerVisible
      ? disputedFirst([...cards], validation)
      : cards;
  return (
    // dnd: the cell is a drop target for cards (DropCell re-renders on drags, not its cards).
    <DropCell
      stageId={stage.id}
      laneId={lane.id}
      className={`board__cell board__cell--${lane.kind}`}
      role="gridcell"
      data-testid="cell"
      data-stage-id={stage.id}
      data-lane-id={lane.id}
      data-cell={`${gridRow - 2}:${gridColumn - 2}`}
      aria-colindex={gridColumn}
      tabIndex={tabbable ? 0 : -1}
      style={{ gridRow, gridColumn }}
    >
      <div className="board__cell-content" ref={measure} data-extra={BOARD.cellPadding}>
        {shown.map((card) =>
          overview ? (
            <CompactCard key={card.id} card={card} lane={lane} />
          ) : (
            <CardItem
              key={card.id}
              doc={doc}
              card={card}
              lane={lane}
              editable={editable}
              autoFocus={pending.cardId === card.id}
              onAutoFocused={() => {
                if (pending.cardId === card.id) pending.cardId = null;
              }}
            />
          ),
        )}
        {editable && !overview && (
          <button
            type="button"
            className="board__add"
            aria-label={`${t('map.addCard')}: ${lane.title} / ${stage.name}`}
            onClick={() => onAdd(stage, lane.id)}
          >
            +
          </button>
        )}
      </div>
    </DropCell>
  );
});

/** A card zoomed far out: its first words; a click zooms back in on it. */
function CompactCard({ card, lane }: { card: CardView; lane: LaneView }) {
  const navigation = useBoardNavigation();
  const line = card.text.split('\n')[0] ?? '';
  return (
    <button
      type="button"
      className={`card card--compact card--${lane.kind}`}
      data-testid="card"
      data-card-id={card.id}
      title={line}
      onClick={() => navigation?.revealCard(card.id)}
    >
      {line}
    </button>
  );
}
