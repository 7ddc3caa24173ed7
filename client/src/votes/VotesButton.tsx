import { useI18n } from '../i18n/I18nProvider.tsx';
import type { VotesState } from './useVotes.ts';

/** The top bar's "Votación" toggle; marked while a round is open. */
export function VotesButton({
  open,
  votes,
  onToggle,
}: {
  open: boolean;
  votes: VotesState;
  onToggle: () => void;
}) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="topbar__button votes-button"
      aria-pressed={open}
      aria-controls={open ? 'votes-panel' : undefined}
      data-testid="votes-button"
      onClick={onToggle}
    >
      {t('votes.button')}
      {votes.open && <span className="votes-button__live">{t('votes.live')}</span>}
    </button>
  );
}
