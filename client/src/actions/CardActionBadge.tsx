import './actions.css';
import { Link } from 'wouter';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { cardActionStatus } from './actionsDoc.ts';
import { useActionsBoard } from './ActionsBoardContext.tsx';

const SYMBOL = { todo: '○', doing: '◐', done: '✓' } as const;

/**
 * A card linked to actions shows where they stand (to do, doing, done), live from the map's
 * actions document; it links to the actions page. Its name says it in words.
 */
export function CardActionBadge({ cardId, name }: { cardId: string; name: string }) {
  const { t } = useI18n();
  const board = useActionsBoard();
  const actions = board?.byCard.get(cardId);
  const status = actions ? cardActionStatus(actions) : null;
  if (!board || !actions || !status) return null;
  const done = actions.filter((a) => a.status === 'done').length;
  const label = fill(t('actions.badgeLabel'), {
    status: t(`actions.status.${status}`),
    done,
    count: actions.length,
    name,
  });
  return (
    <Link
      href={`/maps/${board.mapId}/actions`}
      className={`card__action action-badge action-badge--${status}`}
      aria-label={label}
      title={label}
      data-testid="card-action-status"
      data-status={status}
    >
      <span aria-hidden="true">{SYMBOL[status]}</span> {t(`actions.status.${status}`)}
    </Link>
  );
}
