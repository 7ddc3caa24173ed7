import type { CardView } from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useVotesBoard } from './VotesBoardContext.tsx';
import './votes.css';

interface CardVoteControlProps {
  card: CardView;
  /** The card's short name, for the accessible names. */
  name: string;
}

/**
 * On a card of the open round: a toggle to give it one of my votes or take it back (a real
 * button, pressed when I voted for it, saying how many votes I have left). With no round open:
 * the card's votes in the last closed round, when it got any. Never anyone else's votes while a
 * round is open: the server does not send them.
 */
export function CardVoteControl({ card, name }: CardVoteControlProps) {
  const { t } = useI18n();
  const votes = useVotesBoard();
  if (!votes) return null;
  const { open, lastClosed } = votes;
  if (open) {
    if (!open.cardIds.includes(card.id)) return null;
    const voted = votes.myVotes.has(card.id);
    const left = fill(t('votes.left'), { left: votes.votesLeft, total: open.votesPerPerson });
    const outOfVotes = !voted && votes.votesLeft === 0;
    return (
      <button
        type="button"
        className={`vote-toggle${voted ? ' vote-toggle--voted' : ''}`}
        aria-pressed={voted}
        aria-label={`${fill(t(voted ? 'votes.toggle.remove' : 'votes.toggle.add'), { name })}. ${left}`}
        title={left}
        disabled={outOfVotes}
        data-testid="vote-toggle"
        onClick={() => {
          if (!votes.busy) void votes.toggle(card.id);
        }}
      >
        <span aria-hidden="true">{voted ? '●' : '○'}</span>
        {t(voted ? 'votes.toggle.voted' : 'votes.toggle.vote')}
      </button>
    );
  }
  const count = lastClosed?.results?.find((result) => result.cardId === card.id)?.votes ?? 0;
  if (count === 0) return null;
  const label = count === 1 ? t('votes.badgeOne') : fill(t('votes.badge'), { count });
  return (
    <span className="vote-badge" title={label} data-testid="vote-badge">
      <span aria-hidden="true">● {count}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
