import { Fragment, memo, useState } from 'react';
import type * as Y from 'yjs';
import {
  addCard,
  cardsInCell,
  type CardId,
  type LaneView,
  type MapView,
  type StageView,
} from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { disputedFirst } from '../validation/boardValidation.ts';
import { useValidationBoard } from '../validation/ValidationBoardContext.tsx';
import { BoardDndProvider, DropCell } from '../board/dnd/index.ts';
import { AddLaneButton } from './AddLaneButton.tsx';
import { AddStageButton } from './AddStageButton.tsx';
import { CardItem } from './CardItem.tsx';
import { EmotionCurveRow } from './EmotionCurve.tsx';
import { LaneHeader } from './LaneHeader.tsx';
import { StageHeader } from './StageHeader.tsx';

interface MapBoardProps {
  doc: Y.Doc;
  view: MapView;
  editable: boolean;
}

/**
 * The journey map grid: stages as columns, lanes as rows, cards in each lane × stage cell.
 * Memoised: the page re-renders on connection changes (e.g. the unsynced count, per keystroke),
 * which must not re-render the board; it renders again when the map view changes.
 */
export const MapBoard = memo(function MapBoard(props: MapBoardProps) {
  // dnd: drag and drop of cards, stages and lanes (and their Alt+Arrow moves) on this board.
  return (
    <BoardDndProvider doc={props.doc} view={props.view} editable={props.editable}>
      <Board {...props} />
    </BoardDndProvider>
  );
});

function Board({ doc, view, editable }: MapBoardProps) {
  const [focusCard, setFocusCard] = useState<CardId | null>(null);
  const columns = `var(--lane-column) repeat(${view.stages.length}, minmax(12rem, 16rem))`;

  return (
    <div className="board-area">
      <div
        className="board"
        role="grid"
        aria-rowcount={
          view.lanes.length + view.lanes.filter((l) => l.kind === 'emotions').length + 1
        }
        style={{ gridTemplateColumns: columns }}
      >
        <div className="board__corner" role="columnheader" />
        {view.stages.map((stage, index) => (
          <StageHeader
            key={stage.id}
            doc={doc}
            view={view}
            stage={stage}
            index={index}
            editable={editable}
          />
        ))}
        {view.lanes.map((lane) => (
          <Fragment key={lane.id}>
            <LaneRow
              lane={lane}
              stages={view.stages}
              view={view}
              doc={doc}
              editable={editable}
              focusCard={focusCard}
              onAutoFocused={() => setFocusCard(null)}
              onAdd={(stage) =>
                setFocusCard(addCard(doc, { stageId: stage.id, laneId: lane.id, text: '' }))
              }
            />
            {lane.kind === 'emotions' && <EmotionCurveRow view={view} lane={lane} />}
          </Fragment>
        ))}
      </div>
      {editable && <AddStageButton doc={doc} />}
      {editable && <AddLaneButton doc={doc} />}
    </div>
  );
}

interface LaneRowProps {
  lane: LaneView;
  stages: readonly StageView[];
  view: MapView;
  doc: Y.Doc;
  editable: boolean;
  focusCard: CardId | null;
  /** The new card took the focus: later remounts (e.g. after an undo) must not. */
  onAutoFocused: () => void;
  onAdd: (stage: StageView) => void;
}

function LaneRow({
  lane,
  stages,
  view,
  doc,
  editable,
  focusCard,
  onAutoFocused,
  onAdd,
}: LaneRowProps) {
  const { t } = useI18n();
  const validation = useValidationBoard();
  // "Disputed first": only lanes customers see have answers to sort by.
  const sorted = validation?.disputedFirst && lane.customerVisible ? validation : null;
  return (
    <>
      <LaneHeader doc={doc} view={view} lane={lane} editable={editable} />
      {stages.map((stage) => (
        // dnd: DropCell is the cell's <div> with its drop ref (a cell component calls useCellDrop)
        <DropCell
          stageId={stage.id}
          laneId={lane.id}
          key={stage.id}
          className={`board__cell board__cell--${lane.kind}`}
          role="gridcell"
          data-testid="cell"
          data-stage-id={stage.id}
          data-lane-id={lane.id}
        >
          {(sorted
            ? disputedFirst(cardsInCell(view, stage.id, lane.id), sorted)
            : cardsInCell(view, stage.id, lane.id)
          ).map((card) => (
            <CardItem
              key={card.id}
              doc={doc}
              view={view}
              card={card}
              lane={lane}
              editable={editable}
              autoFocus={card.id === focusCard}
              onAutoFocused={onAutoFocused}
            />
          ))}
          {editable && (
            <button
              type="button"
              className="board__add"
              aria-label={`${t('map.addCard')}: ${lane.title} / ${stage.name}`}
              onClick={() => onAdd(stage)}
            >
              +
            </button>
          )}
        </DropCell>
      ))}
    </>
  );
}
