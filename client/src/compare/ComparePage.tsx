import { useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import {
  diffByStage,
  diffMaps,
  laneKindLabel,
  type CardChange,
  type MapJson,
  type StageDiff,
} from '../../../shared/index.ts';
import { api, type MapSummary } from '../api.ts';
import { UserMenu } from '../auth/UserMenu.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { fill } from '../i18n/format.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { useMapPair } from './useMapPair.ts';
import './compare.css';

type Card = MapJson['cards'][number];
type Lane = MapJson['lanes'][number];
type Loaded<T> = { status: 'loading' } | { status: 'missing' } | { status: 'ok'; value: T };
type Translate = (key: MessageKey) => string;

/** The summary of a map from the API; 'missing' when it does not exist or is not mine to see. */
function useSummary(mapId: string | null): Loaded<MapSummary> {
  const [state, setState] = useState<{ id: string; value: Loaded<MapSummary> } | null>(null);
  useEffect(() => {
    if (!mapId) return;
    let live = true;
    api.getMap(mapId).then(
      (value) => live && setState({ id: mapId, value: { status: 'ok', value } }),
      () => live && setState({ id: mapId, value: { status: 'missing' } }),
    );
    return () => {
      live = false;
    };
  }, [mapId]);
  return state && state.id === mapId ? state.value : { status: 'loading' };
}

/** A card in a line: its text, else the value it carries. */
function cardLabel(card: Card, t: Translate): string {
  const text = card.paragraphs.join(' ').trim();
  if (text) return text;
  if (card.emotion !== undefined) return `${t('compare.change.emotion')} ${card.emotion}`;
  if (card.channel !== undefined) return card.channel;
  if (card.department !== undefined) return card.department;
  return t('compare.emptyCard');
}

/**
 * /maps/:id/compare: a TO-BE map next to the AS-IS map it was copied from, read-only and live
 * (both documents followed through one socket). "Differences" lists, stage by stage, what the
 * desired journey removes, changes and adds, with the AS-IS pain points of that stage; "side by
 * side" shows both maps' cards per stage, marked.
 */
export function ComparePage({ mapId }: { mapId: string }) {
  const { t } = useI18n();
  useDocumentTitle(t('compare.title'));
  const toBeSummary = useSummary(mapId);
  const sourceId = toBeSummary.status === 'ok' ? toBeSummary.value.sourceMapId : null;
  const asIsSummary = useSummary(sourceId);
  const { asIs, toBe } = useMapPair(asIsSummary.status === 'ok' ? sourceId : null, mapId);
  const [view, setView] = useState<'diff' | 'side'>('diff');

  let problem: MessageKey | null = null;
  if (toBeSummary.status === 'missing' || toBe.denied) problem = 'compare.notFound';
  else if (toBeSummary.status === 'ok' && !sourceId) problem = 'compare.noSource';
  else if (asIsSummary.status === 'missing' || asIs.denied) problem = 'compare.sourceGone';

  return (
    <div className="compare-page">
      <header className="topbar">
        <Link href="/" className="topbar__back">
          ← <span className="topbar__back-word">{t('map.back')}</span>
        </Link>
        <h1 className="topbar__title">{t('compare.title')}</h1>
        <span className="topbar__spacer" />
        <UserMenu />
        <LanguageSwitch />
      </header>
      <main className="compare">
        {problem ? (
          <div className="page--center">
            <p role="alert">{t(problem)}</p>
            {problem !== 'compare.notFound' && (
              <Link href={`/maps/${mapId}`}>{t('compare.openToBe')}</Link>
            )}
          </div>
        ) : !asIs.json || !toBe.json || asIsSummary.status !== 'ok' ? (
          <p className="page--center" aria-busy="true">
            {t('compare.loading')}
          </p>
        ) : (
          <Comparison
            asIs={asIs.json}
            toBe={toBe.json}
            asIsId={asIsSummary.value.id}
            toBeId={mapId}
            view={view}
            onView={setView}
          />
        )}
      </main>
    </div>
  );
}

interface ComparisonProps {
  asIs: MapJson;
  toBe: MapJson;
  asIsId: string;
  toBeId: string;
  view: 'diff' | 'side';
  onView: (view: 'diff' | 'side') => void;
}

function Comparison({ asIs, toBe, asIsId, toBeId, view, onView }: ComparisonProps) {
  const { t } = useI18n();
  const stages = useMemo(() => diffByStage(asIs, toBe), [asIs, toBe]);
  const diff = useMemo(() => diffMaps(asIs, toBe), [asIs, toBe]);
  const counts = {
    removed: diff.cards.removed.length,
    changed: diff.cards.changed.length,
    added: diff.cards.added.length,
  };
  return (
    <>
      <div className="compare__maps">
        <Link href={`/maps/${asIsId}`} className="compare__map" data-testid="compare-as-is-link">
          <span className="tag tag--as-is">{t('compare.state.as-is')}</span>
          <span className="compare__map-title">{asIs.meta.title}</span>
          <span className="compare__map-open">{t('compare.openAsIs')}</span>
        </Link>
        <span className="compare__arrow" aria-hidden="true">
          →
        </span>
        <Link href={`/maps/${toBeId}`} className="compare__map" data-testid="compare-to-be-link">
          <span className="tag tag--to-be">{t('compare.state.to-be')}</span>
          <span className="compare__map-title">{toBe.meta.title}</span>
          <span className="compare__map-open">{t('compare.openToBe')}</span>
        </Link>
      </div>
      <div className="compare__bar">
        <div className="compare__views" role="group" aria-label={t('compare.view')}>
          {(['diff', 'side'] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              className="compare__view"
              onClick={() => onView(v)}
            >
              {t(v === 'diff' ? 'compare.view.diff' : 'compare.view.side')}
            </button>
          ))}
        </div>
        <p className="compare__summary" data-testid="compare-summary" aria-live="polite">
          {fill(t('compare.summary'), counts)}
        </p>
      </div>
      <p className="compare__hint">{t('compare.live')}</p>
      {view === 'diff' ? (
        <DifferencesView stages={stages} asIs={asIs} />
      ) : (
        <SideBySideView stages={stages} asIs={asIs} toBe={toBe} diff={diff} />
      )}
    </>
  );
}

function stageName(stage: StageDiff, t: Translate): string {
  return (stage.after ?? stage.before)?.name || t('compare.stageFallback');
}

/** The lane of a card as a short label: its title, or its kind's name when untitled. */
function LaneLabel({ lane }: { lane: { title: string; kind: Lane['kind'] } | undefined }) {
  const { t, locale } = useI18n();
  return (
    <span className="compare-lane">
      {lane ? lane.title || laneKindLabel(lane.kind, locale) : t('compare.laneGone')}
    </span>
  );
}

function DifferencesView({ stages, asIs }: { stages: StageDiff[]; asIs: MapJson }) {
  const { t } = useI18n();
  const stageNames = new Map(asIs.stages.map((s) => [s.id as string, s.name]));
  const changes = stages.filter((s) => s.status !== 'same');
  return (
    <div className="compare-diff" data-testid="compare-diff">
      {changes.length === 0 && <p className="compare__empty">{t('compare.noDifferences')}</p>}
      {stages.map((stage) => (
        <section
          key={stage.stageId}
          className={`compare-stage compare-stage--${stage.status}`}
          data-testid="compare-stage"
          data-stage-id={stage.stageId}
          aria-labelledby={`compare-stage-${stage.stageId}`}
        >
          <h2 id={`compare-stage-${stage.stageId}`} className="compare-stage__title">
            {stageName(stage, t)}
            {stage.status === 'added' && (
              <span className="tag tag--to-be">{t('compare.stage.added')}</span>
            )}
            {stage.status === 'removed' && (
              <span className="tag compare-tag--removed">{t('compare.stage.removed')}</span>
            )}
            {stage.before && stage.after && stage.before.name !== stage.after.name && (
              <span className="compare-stage__was">
                {fill(t('compare.stage.renamed'), { name: stage.before.name })}
              </span>
            )}
          </h2>
          {stage.status === 'same' ? (
            <p className="compare__muted">{t('compare.stage.same')}</p>
          ) : (
            <>
              <div className="compare-stage__groups">
                {stage.removed.length > 0 && (
                  <div
                    className="compare-group compare-group--removed"
                    data-testid="compare-removed"
                  >
                    <h3>
                      {t('compare.removes')} ({stage.removed.length})
                    </h3>
                    <ul>
                      {stage.removed.map(({ card, lane }) => (
                        <li key={card.id} data-card-id={card.id}>
                          <LaneLabel lane={lane} />
                          <del>{cardLabel(card, t)}</del>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {stage.changed.length > 0 && (
                  <div
                    className="compare-group compare-group--changed"
                    data-testid="compare-changed"
                  >
                    <h3>
                      {t('compare.changes')} ({stage.changed.length})
                    </h3>
                    <ul>
                      {stage.changed.map((entry) => (
                        <li key={entry.after.id} data-card-id={entry.after.id}>
                          <LaneLabel lane={entry.lane} />
                          {entry.changes.includes('text') ? (
                            <span className="compare-change">
                              <span className="visually-hidden">{t('compare.before')}: </span>
                              <del>{cardLabel(entry.before, t)}</del>
                              <span aria-hidden="true"> → </span>
                              <span className="visually-hidden">{t('compare.after')}: </span>
                              <ins>{cardLabel(entry.after, t)}</ins>
                            </span>
                          ) : (
                            <span>{cardLabel(entry.after, t)}</span>
                          )}
                          <span className="compare__muted compare-change__what">
                            {fill(t('compare.changed'), {
                              what: entry.changes
                                .map((c: CardChange) => t(`compare.change.${c}` as MessageKey))
                                .join(', '),
                            })}
                            {entry.fromStageId &&
                              ` · ${fill(t('compare.movedFrom'), {
                                stage: stageNames.get(entry.fromStageId) ?? '',
                              })}`}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {stage.added.length > 0 && (
                  <div className="compare-group compare-group--added" data-testid="compare-added">
                    <h3>
                      {t('compare.adds')} ({stage.added.length})
                    </h3>
                    <ul>
                      {stage.added.map(({ card, lane }) => (
                        <li key={card.id} data-card-id={card.id}>
                          <LaneLabel lane={lane} />
                          <ins>{cardLabel(card, t)}</ins>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </div>
              <PainPoints stage={stage} />
            </>
          )}
        </section>
      ))}
    </div>
  );
}

/** The AS-IS pain points of a changed stage: what its changes address, and what became of each. */
function PainPoints({ stage }: { stage: StageDiff }) {
  const { t } = useI18n();
  const removed = new Set(stage.removed.map((e) => e.card.id as string));
  const changed = new Set(stage.changed.map((e) => e.after.id as string));
  return (
    <div className="compare-pains" data-testid="compare-pains">
      <h3>{t('compare.painPoints')}</h3>
      {stage.painPoints.length === 0 ? (
        <p className="compare__muted">{t('compare.noPainPoints')}</p>
      ) : (
        <ul>
          {stage.painPoints.map(({ card }) => {
            const fate = removed.has(card.id) ? 'gone' : changed.has(card.id) ? 'changed' : 'kept';
            return (
              <li key={card.id} data-card-id={card.id} data-fate={fate}>
                <span>{cardLabel(card, t)}</span>
                <span className={`compare-fate compare-fate--${fate}`}>
                  {t(`compare.pain.${fate}`)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

interface SideBySideProps {
  stages: StageDiff[];
  asIs: MapJson;
  toBe: MapJson;
  diff: ReturnType<typeof diffMaps>;
}

/** Cards of one cell of a map, by position. */
function cellCards(map: MapJson, stageId: string, laneId: string): Card[] {
  return map.cards
    .filter((c) => c.stageId === stageId && c.laneId === laneId)
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1));
}

const byOrder = (a: Lane, b: Lane) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0);

/** The lanes of both maps, paired by id: the TO-BE's in its order, then those only the AS-IS has. */
function pairedLanes(asIs: MapJson, toBe: MapJson): Lane[] {
  const inToBe = new Set(toBe.lanes.map((l) => l.id as string));
  return [
    ...[...toBe.lanes].sort(byOrder),
    ...[...asIs.lanes].sort(byOrder).filter((l) => !inToBe.has(l.id)),
  ];
}

type Mark = 'removed' | 'changed' | 'added' | null;

/**
 * Each stage a block; in it, one row per lane with the AS-IS cards on the left and the TO-BE's on
 * the right, so the same row of both maps sits side by side whatever was removed or added.
 */
function SideBySideView({ stages, asIs, toBe, diff }: SideBySideProps) {
  const { t } = useI18n();
  const removed = new Set<string>(diff.cards.removed);
  const added = new Set<string>(diff.cards.added);
  const changed = new Set<string>(diff.cards.changed);
  const lanes = pairedLanes(asIs, toBe);
  const asIsLabel = `${t('compare.state.as-is')}: ${asIs.meta.title}`;
  const toBeLabel = `${t('compare.state.to-be')}: ${toBe.meta.title}`;
  const list = (cards: Card[], markOf: (card: Card) => Mark, label: string, side: string) => (
    <ul className="compare-side__cell" aria-label={label} data-side={side}>
      {cards.map((card) => {
        const mark = markOf(card);
        return (
          <li
            key={card.id}
            data-card-id={card.id}
            className={
              mark ? `compare-side__card compare-side__card--${mark}` : 'compare-side__card'
            }
          >
            {cardLabel(card, t)}
            {mark && <span className="visually-hidden"> ({t(`compare.legend.${mark}`)})</span>}
          </li>
        );
      })}
    </ul>
  );
  return (
    <div className="compare-side" data-testid="compare-side">
      <div className="compare-side__legend" aria-hidden="true">
        <span className="compare-side__card compare-side__card--removed">
          {t('compare.legend.removed')}
        </span>
        <span className="compare-side__card compare-side__card--changed">
          {t('compare.legend.changed')}
        </span>
        <span className="compare-side__card compare-side__card--added">
          {t('compare.legend.added')}
        </span>
      </div>
      <div className="compare-side__head" aria-hidden="true">
        <span>
          <span className="tag tag--as-is">{t('compare.state.as-is')}</span> {asIs.meta.title}
        </span>
        <span>
          <span className="tag tag--to-be">{t('compare.state.to-be')}</span> {toBe.meta.title}
        </span>
      </div>
      {stages.map((stage) => {
        const rows = lanes
          .map((lane) => ({
            lane,
            before: stage.before ? cellCards(asIs, stage.stageId, lane.id) : [],
            after: stage.after ? cellCards(toBe, stage.stageId, lane.id) : [],
          }))
          .filter((row) => row.before.length + row.after.length > 0);
        return (
          <section
            key={stage.stageId}
            className="compare-side__stage"
            aria-labelledby={`side-stage-${stage.stageId}`}
          >
            <h2 id={`side-stage-${stage.stageId}`}>
              {stageName(stage, t)}
              {stage.status === 'added' && (
                <span className="tag tag--to-be">{t('compare.stage.added')}</span>
              )}
              {stage.status === 'removed' && (
                <span className="tag compare-tag--removed">{t('compare.stage.removed')}</span>
              )}
            </h2>
            {rows.length === 0 && <p className="compare__muted">{t('compare.noCards')}</p>}
            {rows.map(({ lane, before, after }) => (
              <div key={lane.id} className="compare-side__row">
                <LaneLabel lane={lane} />
                <div className="compare-side__cols">
                  {list(
                    before,
                    (c) => (removed.has(c.id) ? 'removed' : null),
                    asIsLabel,
                    t('compare.state.as-is'),
                  )}
                  {list(
                    after,
                    (c) => (added.has(c.id) ? 'added' : changed.has(c.id) ? 'changed' : null),
                    toBeLabel,
                    t('compare.state.to-be'),
                  )}
                </div>
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
