import { Link } from 'wouter';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { Action, MyAction } from './actionTypes.ts';
import type { FollowUp } from './followUp.ts';
import { formatDay, formatInstant } from './formatDue.ts';

const GROUPS = [
  { key: 'overdue', title: 'actions.followUp.overdue', empty: 'actions.followUp.overdueEmpty' },
  {
    key: 'dueThisWeek',
    title: 'actions.followUp.dueThisWeek',
    empty: 'actions.followUp.dueThisWeekEmpty',
  },
  {
    key: 'doneLastWeek',
    title: 'actions.followUp.doneLastWeek',
    empty: 'actions.followUp.doneLastWeekEmpty',
  },
  {
    key: 'quickWins',
    title: 'actions.followUp.quickWins',
    empty: 'actions.followUp.quickWinsEmpty',
  },
] as const satisfies readonly {
  key: keyof FollowUp<Action>;
  title: MessageKey;
  empty: MessageKey;
}[];

function isMine(action: Action): action is MyAction {
  return typeof (action as Partial<MyAction>).mapTitle === 'string';
}

/**
 * The weekly follow-up: overdue, due in the coming seven days, done in the last seven days and
 * quick wins still open, each a short list. Across maps ("My actions") each line names its map
 * and links to that map's actions; on one map it names the owner.
 */
export function FollowUpSections<A extends Action>({ groups }: { groups: FollowUp<A> }) {
  const { t, locale } = useI18n();
  return (
    <div className="follow-up" aria-label={t('actions.followUp.title')} role="region">
      {GROUPS.map((group) => {
        const list = groups[group.key];
        const headingId = `follow-up-${group.key}`;
        return (
          <section
            key={group.key}
            className={`follow-up__group follow-up__group--${group.key}`}
            aria-labelledby={headingId}
            data-testid={`follow-up-${group.key}`}
          >
            <h2 id={headingId}>
              {t(group.title)} <span className="follow-up__count">{list.length}</span>
            </h2>
            {list.length === 0 ? (
              <p className="muted">{t(group.empty)}</p>
            ) : (
              <ul>
                {list.map((action) => (
                  <li key={action.id} data-action-id={action.id}>
                    <span className="follow-up__title">{action.title}</span>
                    <span className="follow-up__meta">
                      {group.key === 'doneLastWeek' && action.doneAt
                        ? `${t('actions.doneOn')} ${formatInstant(action.doneAt, locale)}`
                        : action.due
                          ? `${t('actions.dueOn')} ${formatDay(action.due, locale)}`
                          : t('actions.noDue')}
                      {' · '}
                      {isMine(action) ? (
                        <Link href={`/maps/${action.mapId}/actions`}>{action.mapTitle}</Link>
                      ) : (
                        action.ownerName
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
