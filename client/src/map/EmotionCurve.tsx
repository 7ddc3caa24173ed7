import type { LaneView } from '../../../shared/index.ts';
import type { MapStore } from '../board/mapStore.ts';
import { useStoreView } from '../board/useMapStore.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { customerCurve, type CustomerPoint } from '../validation/boardValidation.ts';
import {
  CurveLegend,
  CustomerCurvePoint,
  CustomerCurveSegments,
  useCustomerCurveSummary,
} from '../validation/CustomerCurve.tsx';
import { useValidationBoard } from '../validation/ValidationBoardContext.tsx';
import { emotionScores, scoreToY } from './emotionCurve.ts';
import { BOARD } from '../board/boardLayout.ts';

/**
 * The emotional curve of an emotions lane, drawn as a row of the grid under it: one point per stage
 * (the average score of its cards), joined across stages; gaps where a stage has no score. Once
 * customers have said how the stages felt, their curve is drawn over it (dashed, with "n=").
 * Only the stages on screen (`columnIndexes`) are drawn; the row header reads the whole curve.
 */
export function EmotionCurveRow({
  store,
  lane,
  gridRow,
  columnIndexes,
  measureHead,
}: {
  store: MapStore;
  lane: LaneView;
  gridRow: number;
  columnIndexes: readonly number[];
  measureHead: (element: HTMLElement | null) => void;
}) {
  const { t } = useI18n();
  const view = useStoreView(store);
  const stages = view?.stages ?? [];
  const scores = emotionScores(stages, lane, (stage, l) => store.map.cell(stage.id, l.id));
  const summary = scores
    .map((score, i) => `${stages[i]?.name ?? ''}: ${score === null ? '–' : score.toFixed(1)}`)
    .join(', ');
  const board = useValidationBoard();
  const customers = board ? customerCurve(stages, board) : null;
  const customerSummary = useCustomerCurveSummary(
    stages.map((stage) => stage.name),
    customers,
  );
  return (
    <>
      <div
        className="board__lane board__lane--emotions board__curve-head"
        role="rowheader"
        aria-colindex={1}
        style={{ gridRow, gridColumn: 1 }}
      >
        <div className="board__lane-inner" ref={measureHead} data-extra={BOARD.cellPadding}>
          <span className="board__lane-title">{t('map.emotionCurve')}</span>
          <span className="visually-hidden">
            {`: ${summary}${customerSummary ? `. ${customerSummary}` : ''}`}
          </span>
          {customers && <CurveLegend />}
        </div>
      </div>
      {columnIndexes.map((i) => (
        <CurveCell
          key={stages[i]?.id ?? i}
          gridRow={gridRow}
          column={i}
          previous={scores[i - 1] ?? null}
          score={scores[i] ?? null}
          next={scores[i + 1] ?? null}
          label={
            i === 0
              ? `${t('map.emotionCurve')}: ${summary}${customerSummary ? `. ${customerSummary}` : ''}`
              : undefined
          }
          customer={
            customers?.[i] && {
              previous: customers[i - 1],
              point: customers[i],
              next: customers[i + 1],
            }
          }
        />
      ))}
    </>
  );
}

interface CurveCellProps {
  gridRow: number;
  /** The stage's index. */
  column: number;
  previous: number | null;
  score: number | null;
  next: number | null;
  label: string | undefined;
  /** The customers' curve around this stage, when they answered. */
  customer?:
    | {
        previous: CustomerPoint | undefined;
        point: CustomerPoint;
        next: CustomerPoint | undefined;
      }
    | undefined;
}

/** One stage's piece of the curve: half a segment in from the left, the point, half a segment out. */
function CurveCell({ gridRow, column, previous, score, next, label, customer }: CurveCellProps) {
  const mood = score === null ? 'none' : score > 0.25 ? 'good' : score < -0.25 ? 'bad' : 'neutral';
  return (
    <div
      className="board__cell board__curve"
      role="gridcell"
      data-testid="emotion-point"
      data-score={score ?? ''}
      data-cell={`${gridRow - 2}:${column}`}
      aria-colindex={column + 2}
      tabIndex={-1}
      aria-label={label}
      style={{ gridRow, gridColumn: column + 2 }}
    >
      <svg
        className="board__curve-line"
        viewBox="0 0 100 100"
        preserveAspectRatio="none"
        aria-hidden="true"
      >
        <line
          x1="0"
          x2="100"
          y1="50"
          y2="50"
          className="board__curve-zero"
          vectorEffect="non-scaling-stroke"
        />
        {score !== null && previous !== null && (
          <line
            x1="0"
            y1={scoreToY((previous + score) / 2)}
            x2="50"
            y2={scoreToY(score)}
            vectorEffect="non-scaling-stroke"
          />
        )}
        {score !== null && next !== null && (
          <line
            x1="50"
            y1={scoreToY(score)}
            x2="100"
            y2={scoreToY((score + next) / 2)}
            vectorEffect="non-scaling-stroke"
          />
        )}
        {customer && <CustomerCurveSegments {...customer} />}
      </svg>
      {score !== null && (
        <span
          className={`board__curve-dot board__curve-dot--${mood}`}
          style={{ top: `${scoreToY(score)}%` }}
          aria-hidden="true"
        />
      )}
      {customer && <CustomerCurvePoint point={customer.point} />}
    </div>
  );
}
