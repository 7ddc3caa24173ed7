import { useCallback, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useAuth } from '../auth/AuthProvider.tsx';
import { UserMenu } from '../auth/UserMenu.tsx';
import { useRefresh } from '../inbox/useRefresh.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { useNow } from '../ui/useNow.ts';
import { actionErrorMessage } from './actionErrors.ts';
import { ActionItem } from './ActionItem.tsx';
import { actionsApi } from './actionsApi.ts';
import type { ActionStatus, MyAction } from './actionTypes.ts';
import { followUp, localDay } from './followUp.ts';
import { FollowUpSections } from './FollowUpSections.tsx';
import { useMapViews } from './useMapViews.ts';
import { cardPriorities } from './priorities.ts';
import './actions.css';

/**
 * /actions: the actions I own on every map where I am still an internal member, with the same
 * weekly follow-up as a map's actions page; I change their status here. Read again when the tab
 * comes back and every 30 s (no live document spans maps).
 */
export function MyActionsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  useDocumentTitle(t('actions.mine'));
  const [actions, setActions] = useState<MyAction[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    actionsApi.mine().then(
      (list) => {
        setActions(list);
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, []);
  useRefresh(load);
  const mapIds = useMemo(
    () => [...new Set((actions ?? []).filter((a) => a.cardIds.length > 0).map((a) => a.mapId))],
    [actions],
  );
  const views = useMapViews(mapIds);
  const priorities = useMemo(
    () => new Map([...views].map(([id, view]) => [id, cardPriorities(view)])),
    [views],
  );
  const cards = useMemo(
    () => new Map([...views].map(([id, view]) => [id, new Map(view.cards.map((c) => [c.id, c]))])),
    [views],
  );
  const now = new Date(useNow());
  const today = localDay(now);
  const groups = useMemo(
    () => followUp(actions ?? [], now, (mapId, cardId) => priorities.get(mapId)?.get(cardId)),
    // `now` changes every 30 s through useNow's value; its day is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [actions, priorities, today],
  );

  const setStatus = async (id: string, status: ActionStatus) => {
    setError(null);
    try {
      const saved = await actionsApi.setStatus(id, status);
      setActions((list) => list?.map((a) => (a.id === id ? { ...a, ...saved } : a)) ?? null);
    } catch (cause) {
      setError(actionErrorMessage(cause, t));
    }
    load();
  };

  return (
    <div className="actions-page">
      <header className="topbar">
        <Link href="/" className="topbar__back">
          ← <span className="topbar__back-word">{t('map.back')}</span>
        </Link>
        <h1 className="topbar__title">{t('actions.mine')}</h1>
        <span className="topbar__spacer" />
        <UserMenu />
        <LanguageSwitch />
      </header>
      <main className="actions">
        {failed && (
          <p role="alert" className="error">
            {t('actions.loadError')}
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {actions === null ? (
          !failed && (
            <p className="page--center" aria-busy="true">
              {t('actions.loading')}
            </p>
          )
        ) : (
          <>
            <FollowUpSections groups={groups} />
            <section className="actions__all" aria-labelledby="actions-all">
              <h2 id="actions-all">
                {t('actions.allMine')} <span className="follow-up__count">{actions.length}</span>
              </h2>
              {actions.length === 0 ? (
                <p className="muted">{t('actions.emptyMine')}</p>
              ) : (
                <ul className="action-list">
                  {actions.map((action) => (
                    <ActionItem
                      key={action.id}
                      action={action}
                      cards={cards.get(action.mapId) ?? null}
                      today={today}
                      canManage={false}
                      canSetStatus={action.ownerId === user?.id}
                      onStatus={(status) => void setStatus(action.id, status)}
                    />
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </main>
    </div>
  );
}
