import { useState } from 'react';
import { Link } from 'wouter';
import { departmentLabel, type CardView } from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ConfirmStep } from '../map/ConfirmStep.tsx';
import { ACTION_STATUSES, type Action, type ActionStatus, type MyAction } from './actionTypes.ts';
import { cardLine } from './cardLine.ts';
import { formatDay } from './formatDue.ts';

interface ActionItemProps {
  action: Action | MyAction;
  /** The map's cards by id, to name linked cards (null: not loaded, e.g. across maps). */
  cards: ReadonlyMap<string, CardView> | null;
  /** I may change its status (owners and editors, or its owner). */
  canSetStatus: boolean;
  /** I may edit and delete it (owners and editors). */
  canManage: boolean;
  /** Today, 'YYYY-MM-DD', to mark it overdue. */
  today: string;
  onStatus: (status: ActionStatus) => void;
  onEdit?: () => void;
  onDelete?: () => void;
}

/**
 * One action: title, status (a select for whoever may change it), owner, department, due date,
 * the cards it answers to (links to them on the board) and its KPI with the target; owners and
 * editors also edit or delete it (after a confirmation).
 */
export function ActionItem(props: ActionItemProps) {
  const { action, cards, canSetStatus, canManage, today, onStatus, onEdit, onDelete } = props;
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const overdue = action.status !== 'done' && action.due !== null && action.due < today;
  const mapTitle = 'mapTitle' in action ? action.mapTitle : null;
  return (
    <li
      className={`action-item action-item--${action.status}`}
      data-testid="action-item"
      data-action-id={action.id}
    >
      <div className="action-item__head">
        <h3 className="action-item__title">{action.title}</h3>
        {canSetStatus ? (
          <select
            className={`action-status action-status--${action.status}`}
            aria-label={fill(t('actions.statusOf'), { title: action.title })}
            value={action.status}
            onChange={(e) => onStatus(e.target.value as ActionStatus)}
            data-testid="action-item-status"
          >
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`actions.status.${s}`)}
              </option>
            ))}
          </select>
        ) : (
          <span
            className={`action-status action-status--${action.status}`}
            data-testid="action-item-status-text"
          >
            {t(`actions.status.${action.status}`)}
          </span>
        )}
      </div>
      <dl className="action-item__facts">
        {mapTitle !== null && (
          <div>
            <dt>{t('actions.field.map')}</dt>
            <dd>
              <Link href={`/maps/${action.mapId}/actions`}>{mapTitle}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('actions.field.owner')}</dt>
          <dd data-testid="action-item-owner">{action.ownerName}</dd>
        </div>
        <div>
          <dt>{t('actions.field.department')}</dt>
          <dd>{action.department ? departmentLabel(action.department, locale) : '—'}</dd>
        </div>
        <div>
          <dt>{t('actions.field.due')}</dt>
          <dd className={overdue ? 'action-item__overdue' : undefined}>
            {action.due ? formatDay(action.due, locale) : '—'}
            {overdue && ` (${t('actions.overdue')})`}
          </dd>
        </div>
        {action.kpi && (
          <div>
            <dt>{t('actions.field.kpi')}</dt>
            <dd>
              {action.kpi.name} → <strong>{action.kpi.target}</strong>
            </dd>
          </div>
        )}
      </dl>
      {action.cardIds.length > 0 && (
        <div className="action-item__cards">
          <span className="action-item__cards-label">{t('actions.field.cards')}:</span>
          <ul>
            {action.cardIds.map((cardId) => {
              const card = cards?.get(cardId);
              return (
                <li key={cardId}>
                  <Link href={`/maps/${action.mapId}?card=${encodeURIComponent(cardId)}`}>
                    {card ? cardLine(card.text) || t('map.cardPlaceholder') : t('actions.cardLink')}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {canManage && (onEdit || onDelete) && (
        <div className="action-item__tools">
          {confirming ? (
            <ConfirmStep
              message={fill(t('actions.deleteConfirm'), { title: action.title })}
              onConfirm={() => {
                setConfirming(false);
                onDelete?.();
              }}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <>
              {onEdit && (
                <button
                  type="button"
                  className="link-button"
                  onClick={onEdit}
                  aria-label={fill(t('actions.editOf'), { title: action.title })}
                  data-testid="action-edit"
                >
                  {t('actions.edit')}
                </button>
              )}
              {onDelete && (
                <button
                  type="button"
                  className="link-button link-button--danger"
                  onClick={() => setConfirming(true)}
                  aria-label={fill(t('actions.deleteOf'), { title: action.title })}
                  data-testid="action-delete"
                >
                  {t('actions.delete')}
                </button>
              )}
            </>
          )}
        </div>
      )}
    </li>
  );
}
