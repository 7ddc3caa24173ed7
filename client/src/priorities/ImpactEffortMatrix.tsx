import type { CSSProperties } from 'react';
import { Link } from 'wouter';
import { PRIORITY_MAX, PRIORITY_MIN } from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { cardLabel, formatScore } from './format.ts';
import type { MatrixPoint } from './priorityRows.ts';

/** Where a factor mean 1..5 sits along an axis, 0..100 %. */
function percent(value: number): number {
  return ((value - PRIORITY_MIN) / (PRIORITY_MAX - PRIORITY_MIN)) * 100;
}

/** Offsets (in dots) for cards on the same spot, so each stays visible and clickable. */
const SPREAD: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [1, 1],
  [-1, -1],
  [1, -1],
  [-1, 1],
];

/**
 * Impact (customer + business) against effort (time + cost): each scored card is a numbered
 * dot (its rank in the table) linking to the card on the map. Top left are the quick wins.
 */
export function ImpactEffortMatrix({
  mapId,
  points,
}: {
  mapId: string;
  points: readonly MatrixPoint[];
}) {
  const { t, locale } = useI18n();
  const seen = new Map<string, number>();
  return (
    <section className="priorities-card" aria-labelledby="matrix-title">
      <h2 id="matrix-title">{t('priorities.matrix')}</h2>
      <p className="priorities-help">{t('priorities.matrixHelp')}</p>
      {points.length === 0 ? (
        <p className="side-panel__empty">{t('priorities.matrixEmpty')}</p>
      ) : (
        <div className="matrix">
          <span className="matrix__axis matrix__axis--y">{t('priorities.axis.impact')} ↑</span>
          <div className="matrix__plot" data-testid="matrix">
            <span className="matrix__quadrant matrix__quadrant--tl">
              {t('priorities.quadrant.quickWins')}
            </span>
            <span className="matrix__quadrant matrix__quadrant--tr">
              {t('priorities.quadrant.bigBets')}
            </span>
            <span className="matrix__quadrant matrix__quadrant--bl">
              {t('priorities.quadrant.fillIns')}
            </span>
            <span className="matrix__quadrant matrix__quadrant--br">
              {t('priorities.quadrant.avoid')}
            </span>
            <ul className="matrix__points">
              {points.map((point) => {
                const spot = `${point.effort.toFixed(2)}:${point.impact.toFixed(2)}`;
                const n = seen.get(spot) ?? 0;
                seen.set(spot, n + 1);
                const [dx, dy] = SPREAD[n % SPREAD.length] ?? [0, 0];
                const style = {
                  left: `${percent(point.effort)}%`,
                  bottom: `${percent(point.impact)}%`,
                  '--dx': dx,
                  '--dy': dy,
                } as CSSProperties;
                const label = cardLabel(point.row.card.text) || t('priorities.emptyCard');
                const name = fill(t('priorities.point'), {
                  rank: point.row.rank ?? '',
                  label,
                  impact: formatScore(point.impact, locale),
                  effort: formatScore(point.effort, locale),
                  score: formatScore(point.row.score ?? 0, locale),
                });
                return (
                  <li key={point.row.card.id} className="matrix__point" style={style}>
                    <Link
                      href={`/maps/${mapId}?card=${encodeURIComponent(point.row.card.id)}`}
                      className={`matrix__dot matrix__dot--${point.row.kind}`}
                      aria-label={name}
                      title={name}
                      data-testid="matrix-point"
                      data-card-id={point.row.card.id}
                    >
                      {point.row.rank}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
          <span className="matrix__axis matrix__axis--x">{t('priorities.axis.effort')} →</span>
        </div>
      )}
    </section>
  );
}
