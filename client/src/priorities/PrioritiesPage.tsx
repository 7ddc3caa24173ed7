import { useMemo } from 'react';
import { Link } from 'wouter';
import type { MapView } from '../../../shared/index.ts';
import { can } from '../../../shared/policy.ts';
import { UserMenu } from '../auth/UserMenu.tsx';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useMapRole } from '../members/useMapRole.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { cardLabel, formatScore } from './format.ts';
import { ImpactEffortMatrix } from './ImpactEffortMatrix.tsx';
import { PriorityTable } from './PriorityTable.tsx';
import { matrixPoints, momentsOfTruth, priorityRows, type PriorityRow } from './priorityRows.ts';
import { useLiveMap } from './useLiveMap.ts';
import { WeightsEditor } from './WeightsEditor.tsx';
import './priorities.css';

/**
 * /maps/:id/priorities: the map's pain points and opportunities ranked by their weighted score
 * (a sortable table), the map's weighting (owners and editors change it live for everyone), the
 * impact/effort matrix and the moments of truth with the pain points of their stage. Every card
 * links back to itself on the board. Internal members only: a customer never opens the map.
 */
export function PrioritiesPage({ mapId }: { mapId: string }) {
  const { t } = useI18n();
  const role = useMapRole(mapId, 0);
  const internal = !!role && role !== 'customer' && can(role, 'map.read');
  const live = useLiveMap(internal ? mapId : null);
  useDocumentTitle(
    live.view?.meta.title
      ? `${t('priorities.title')}: ${live.view.meta.title}`
      : t('priorities.title'),
  );
  const denied = role === null || (role !== undefined && !internal) || live.denied;
  return (
    <div className="priorities-page">
      <header className="topbar">
        <Link href={`/maps/${mapId}`} className="topbar__back">
          ← <span className="topbar__back-word">{t('priorities.back')}</span>
        </Link>
        <h1 className="topbar__title">
          {t('priorities.title')}
          {live.view?.meta.title ? `: ${live.view.meta.title}` : ''}
        </h1>
        <span className="topbar__spacer" />
        <UserMenu />
        <LanguageSwitch />
      </header>
      <main className="priorities">
        {denied ? (
          <p role="alert" className="page--center">
            {t('priorities.denied')}
          </p>
        ) : !live.view ? (
          <p className="page--center" aria-busy="true">
            {t('priorities.loading')}
          </p>
        ) : (
          <Priorities
            mapId={mapId}
            view={live.view}
            live={live}
            editable={!!role && can(role, 'map.edit') && !live.readOnly}
          />
        )}
      </main>
    </div>
  );
}

function Priorities({
  mapId,
  view,
  live,
  editable,
}: {
  mapId: string;
  view: MapView;
  live: ReturnType<typeof useLiveMap>;
  editable: boolean;
}) {
  const { t } = useI18n();
  const weights = view.meta.priorityWeights;
  const rows = useMemo(() => priorityRows(view, weights), [view, weights]);
  const points = useMemo(() => matrixPoints(rows, weights), [rows, weights]);
  const moments = useMemo(() => momentsOfTruth(view, rows), [view, rows]);
  return (
    <>
      <p className="priorities-help priorities__intro">{t('priorities.intro')}</p>
      <section className="priorities-card priorities__table" aria-labelledby="table-title">
        <h2 id="table-title">
          {t('priorities.table')} ({rows.length})
        </h2>
        <PriorityTable mapId={mapId} rows={rows} />
      </section>
      <WeightsEditor doc={live.doc} weights={weights} editable={editable} />
      <ImpactEffortMatrix mapId={mapId} points={points} />
      <section className="priorities-card" aria-labelledby="moments-title" data-testid="moments">
        <h2 id="moments-title">{t('priorities.moments')}</h2>
        <p className="priorities-help">{t('priorities.momentsHelp')}</p>
        {moments.length === 0 ? (
          <p className="side-panel__empty">{t('priorities.momentsEmpty')}</p>
        ) : (
          <ul className="moments">
            {moments.map((moment) => {
              const stage = moment.stageName.trim() || t('silos.untitled');
              return (
                <li key={moment.card.id} className="moment" data-testid="moment">
                  <Link
                    href={`/maps/${mapId}?card=${encodeURIComponent(moment.card.id)}`}
                    className="moment__title"
                  >
                    ◆ {cardLabel(moment.card.text) || t('priorities.emptyCard')}
                  </Link>
                  <span className="moment__stage">{stage}</span>
                  {moment.pains.length === 0 ? (
                    <p className="moment__none">{t('priorities.momentNoPains')}</p>
                  ) : (
                    <ul
                      className="moment__pains"
                      aria-label={fill(t('priorities.momentPains'), { stage })}
                    >
                      {moment.pains.map((pain) => (
                        <PainItem key={pain.card.id} mapId={mapId} row={pain} />
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

function PainItem({ mapId, row }: { mapId: string; row: PriorityRow }) {
  const { t, locale } = useI18n();
  return (
    <li data-testid="moment-pain">
      <Link href={`/maps/${mapId}?card=${encodeURIComponent(row.card.id)}`}>
        {cardLabel(row.card.text) || t('priorities.emptyCard')}
      </Link>{' '}
      <span className="moment__score">
        {row.score === undefined ? t('priorities.unscored') : `★ ${formatScore(row.score, locale)}`}
      </span>
    </li>
  );
}
