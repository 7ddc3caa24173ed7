import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { scoreToY } from '../map/emotionCurve.ts';
import type { CustomerPoint } from './boardValidation.ts';

/**
 * The customers' piece of one stage's curve cell, drawn over the team's: half a segment in, the
 * point, half a segment out (like the team's line), dashed and in its own colour. Inside the
 * cell's SVG.
 */
export function CustomerCurveSegments({
  previous,
  point,
  next,
}: {
  previous: CustomerPoint | undefined;
  point: CustomerPoint;
  next: CustomerPoint | undefined;
}) {
  const score = point.mean;
  if (score === null) return null;
  const before = previous?.mean ?? null;
  const after = next?.mean ?? null;
  return (
    <g className="board__curve-customer" data-testid="customer-curve">
      {before !== null && (
        <line
          x1="0"
          y1={scoreToY((before + score) / 2)}
          x2="50"
          y2={scoreToY(score)}
          vectorEffect="non-scaling-stroke"
        />
      )}
      {after !== null && (
        <line
          x1="50"
          y1={scoreToY(score)}
          x2="100"
          y2={scoreToY((score + after) / 2)}
          vectorEffect="non-scaling-stroke"
        />
      )}
    </g>
  );
}

/** The customers' point of a stage and how many answered ("n=4"), shown under the point. */
export function CustomerCurvePoint({ point }: { point: CustomerPoint }) {
  if (point.mean === null) return null;
  return (
    <>
      <span
        className="board__curve-dot board__curve-dot--customer"
        style={{ top: `${scoreToY(point.mean)}%` }}
        aria-hidden="true"
      />
      <span
        className="board__curve-count"
        style={{ top: `${scoreToY(point.mean)}%` }}
        data-testid="customer-count"
        aria-hidden="true"
      >
        n={point.count}
      </span>
    </>
  );
}

/** Which line is whose, under the curve's title (shown only with the customers' line). */
export function CurveLegend() {
  const { t } = useI18n();
  return (
    <span className="curve-legend" data-testid="curve-legend">
      <span className="curve-legend__item curve-legend__item--team">
        {t('validation.curveTeam')}
      </span>
      <span className="curve-legend__item curve-legend__item--customer">
        {t('validation.curveCustomers')}
      </span>
    </span>
  );
}

/** The customers' curve in words, for the curve's accessible name. */
export function useCustomerCurveSummary(
  names: readonly string[],
  points: readonly CustomerPoint[] | null,
): string {
  const { t, locale } = useI18n();
  if (!points) return '';
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const parts = points.map((point, i) =>
    point.mean === null
      ? `${names[i] ?? ''}: –`
      : `${names[i] ?? ''}: ${number.format(point.mean)} (n=${point.count})`,
  );
  return fill(t('validation.curveSummary'), { stages: parts.join(', ') });
}
