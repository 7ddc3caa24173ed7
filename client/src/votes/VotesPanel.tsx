import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { CardView, MapView } from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { VotesState } from './useVotes.ts';
import type { RoundJson } from './voteJson.ts';
import './votes.css';
import { SidePanel } from '../ui/SidePanel.tsx';

/** Which cards a new round is on. */
type Scope = 'both' | 'pain-points' | 'opportunities';

const SCOPES: readonly Scope[] = ['both', 'pain-points', 'opportunities'];

interface VotesPanelProps {
  mapId: string;
  view: MapView;
  votes: VotesState;
  /** Owners and editors start and close rounds (votes.run). */
  canRun: boolean;
  onClose: () => void;
}

/** The placed cards of the chosen lane kinds, in board order. */
function cardsOf(view: MapView, scope: Scope): string[] {
  const kinds = scope === 'both' ? ['pain-points', 'opportunities'] : [scope];
  const lanes = new Set(view.lanes.filter((l) => kinds.includes(l.kind)).map((l) => l.id));
  return view.cards.filter((card) => lanes.has(card.laneId)).map((card) => card.id);
}

const ERRORS: Readonly<Record<string, MessageKey>> = {
  'no-votes-left': 'votes.error.noVotesLeft',
  'round-closed': 'votes.error.roundClosed',
  'round-open': 'votes.error.roundOpen',
};

/**
 * "Votación por puntos": a facilitator (owner, editor) starts a round on the map's pain points,
 * opportunities or both with N votes each, sees how many people voted and closes it; everyone
 * then sees the cards ranked by votes, each a link to the card on the board. While a round is
 * open the votes stay hidden: people vote with the toggle on each card.
 */
export function VotesPanel({ mapId, view, votes, canRun, onClose }: VotesPanelProps) {
  const { t } = useI18n();
  return (
    <SidePanel
      name="votes"
      title={t('votes.title')}
      closeLabel={t('votes.closePanel')}
      onClose={onClose}
    >
      {!votes.ready ? (
        <p className="side-panel__empty">{t('votes.loading')}</p>
      ) : (
        <>
          {votes.error && (
            <p className="votes-panel__error" role="alert">
              {t(ERRORS[votes.error] ?? 'votes.error.other')}
            </p>
          )}
          {votes.open ? (
            <OpenRound round={votes.open} votes={votes} canRun={canRun} />
          ) : (
            canRun && <StartForm view={view} votes={votes} />
          )}
          {votes.lastClosed ? (
            <Results mapId={mapId} view={view} round={votes.lastClosed} />
          ) : (
            !votes.open && !canRun && <p className="side-panel__empty">{t('votes.none')}</p>
          )}
        </>
      )}
    </SidePanel>
  );
}

function OpenRound({
  round,
  votes,
  canRun,
}: {
  round: RoundJson;
  votes: VotesState;
  canRun: boolean;
}) {
  const { t } = useI18n();
  return (
    <section className="votes-panel__section" aria-labelledby="votes-open-title">
      <h3 id="votes-open-title">{fill(t('votes.open.title'), { count: round.cardIds.length })}</h3>
      <p className="votes-panel__hint">{t('votes.open.hidden')}</p>
      <dl className="votes-panel__facts">
        <div>
          <dt>{t('votes.voters')}</dt>
          <dd data-testid="votes-voters">{round.voters}</dd>
        </div>
        <div>
          <dt>{t('votes.myLeft')}</dt>
          <dd data-testid="votes-left">
            {fill(t('votes.ofTotal'), { left: votes.votesLeft, total: round.votesPerPerson })}
          </dd>
        </div>
      </dl>
      {round.createdByName && (
        <p className="votes-panel__hint">
          {fill(t('votes.startedBy'), { name: round.createdByName })}
        </p>
      )}
      {canRun && (
        <button
          type="button"
          className="primary"
          disabled={votes.busy}
          onClick={() => void votes.close()}
        >
          {t('votes.close')}
        </button>
      )}
    </section>
  );
}

function StartForm({ view, votes }: { view: MapView; votes: VotesState }) {
  const { t } = useI18n();
  const [perPerson, setPerPerson] = useState(3);
  const [scope, setScope] = useState<Scope>('both');
  const inputId = useId();
  const cards = cardsOf(view, scope);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (cards.length > 0) void votes.start(perPerson, cards);
  };
  return (
    <form className="votes-panel__section votes-start" onSubmit={submit}>
      <h3>{t('votes.start.title')}</h3>
      <label htmlFor={inputId}>{t('votes.start.perPerson')}</label>
      <input
        id={inputId}
        type="number"
        min={1}
        max={20}
        required
        value={perPerson}
        onChange={(event) =>
          setPerPerson(Math.min(20, Math.max(1, Math.round(Number(event.target.value) || 1))))
        }
      />
      <fieldset>
        <legend>{t('votes.start.cards')}</legend>
        {SCOPES.map((option) => (
          <label key={option} className="votes-start__option">
            <input
              type="radio"
              name="votes-scope"
              value={option}
              checked={scope === option}
              onChange={() => setScope(option)}
            />
            {t(`votes.scope.${option}`)}
            <span className="votes-start__count">({cardsOf(view, option).length})</span>
          </label>
        ))}
      </fieldset>
      {cards.length === 0 && <p className="votes-panel__hint">{t('votes.start.noCards')}</p>}
      <button type="submit" className="primary" disabled={votes.busy || cards.length === 0}>
        {t('votes.start.submit')}
      </button>
    </form>
  );
}

function Results({ mapId, view, round }: { mapId: string; view: MapView; round: RoundJson }) {
  const { t } = useI18n();
  const cards = new Map<string, CardView>(view.cards.map((card) => [card.id, card]));
  const stages = new Map(view.stages.map((stage) => [stage.id, stage.name]));
  return (
    <section className="votes-panel__section" aria-labelledby="votes-results-title">
      <h3 id="votes-results-title">{t('votes.results')}</h3>
      <p className="votes-panel__hint">
        {fill(t('votes.resultsOf'), { voters: round.voters, perPerson: round.votesPerPerson })}
      </p>
      <ol className="votes-results" data-testid="votes-results">
        {(round.results ?? []).map((result) => {
          const card = cards.get(result.cardId);
          const stage = card ? stages.get(card.stageId) : undefined;
          return (
            <li key={result.cardId} className="votes-results__item" data-testid="votes-result">
              <Link
                href={`/maps/${mapId}?card=${encodeURIComponent(result.cardId)}`}
                className="votes-results__link"
              >
                <span className="votes-results__text">
                  {card ? card.text.trim() || t('votes.noText') : t('votes.removedCard')}
                </span>
                {stage && <span className="votes-results__stage">{stage}</span>}
              </Link>
              <span className="votes-results__votes" data-testid="votes-result-count">
                {result.votes === 1
                  ? t('votes.countOne')
                  : fill(t('votes.count'), { count: result.votes })}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
