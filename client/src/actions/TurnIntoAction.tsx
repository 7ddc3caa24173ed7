import { Link } from 'wouter';
import type { CardView, LaneView } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useActionsBoard } from './ActionsBoardContext.tsx';

/** The lanes whose cards become actions. */
const ACTIONABLE = new Set(['pain-points', 'opportunities']);

/**
 * "Turn into action" in a pain point's or opportunity's details (owners and editors): opens the
 * map's actions page with the create dialog prefilled from the card (its text as title, its
 * department, the card linked).
 */
export function TurnIntoAction({ card, lane }: { card: CardView; lane: LaneView }) {
  const { t } = useI18n();
  const board = useActionsBoard();
  if (!board?.canManage || !ACTIONABLE.has(lane.kind)) return null;
  return (
    <Link
      href={`/maps/${board.mapId}/actions?from=${encodeURIComponent(card.id)}`}
      className="link-button details__action"
      data-testid="turn-into-action"
    >
      {t('actions.turnInto')}
    </Link>
  );
}
