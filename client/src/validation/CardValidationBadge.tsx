import type { CardView, LaneView } from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Popover } from '../ui/Popover.tsx';
import { cardValidation } from './boardValidation.ts';
import { CustomerWords } from './CustomerWords.tsx';
import { useValidationBoard } from './ValidationBoardContext.tsx';

interface CardValidationBadgeProps {
  card: CardView;
  lane: LaneView;
  /** The card's short name, for the button's accessible name. */
  name: string;
}

/**
 * A card's state from the customers' answers ("Supuesto", "Validado", "En disputa") with its
 * counts once there are answers (✓ yes, ≠ different, — not for me; a card nobody answered shows
 * only "Supuesto", to keep the board quiet); a click shows what the customers said. Only cards
 * of lanes customers see have one: an internal card was never shown to them.
 */
export function CardValidationBadge({ card, lane, name }: CardValidationBadgeProps) {
  const { t } = useI18n();
  const board = useValidationBoard();
  if (!board || !lane.customerVisible) return null;
  const entry = cardValidation(board, card.id);
  const state = t(`validation.state.${entry.state}`);
  const counts = fill(t('validation.counts'), {
    yes: entry.yes,
    different: entry.different,
    notMe: entry.notMe,
  });
  // The counts sit beside the button, not in it: its name says them in words (a name must contain
  // the visible text, and symbols are not words). The button still covers the whole pill.
  return (
    <div className={`card__validation validation-badge validation-badge--${entry.state}`}>
      <Popover
        label={fill(t('validation.badgeLabel'), { state, counts, name })}
        trigger={state}
        triggerClassName="validation-badge__button"
        role="dialog"
        className="popover--validation"
        testId="card-validation"
      >
        {(close) => (
          <CustomerWords
            state={state}
            counts={counts}
            notes={entry.notes}
            settings={board.settings}
            close={close}
          />
        )}
      </Popover>
      {entry.yes + entry.different + entry.notMe > 0 && (
        <span className="validation-badge__counts" aria-hidden="true">
          <span>✓{entry.yes}</span>
          <span>≠{entry.different}</span>
          <span>—{entry.notMe}</span>
        </span>
      )}
    </div>
  );
}
