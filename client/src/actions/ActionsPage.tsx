import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { can, type MapRole } from '../../../shared/policy.ts';
import { api } from '../api.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { UserMenu } from '../auth/UserMenu.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { useNow } from '../ui/useNow.ts';
import { ActionDialog, type ActionDraft } from './ActionDialog.tsx';
import { actionErrorMessage } from './actionErrors.ts';
import { ActionItem } from './ActionItem.tsx';
import { actionsApi } from './actionsApi.ts';
import type { Action, ActionStatus } from './actionTypes.ts';
import { cardLine } from './cardLine.ts';
import { ExportLinks } from './ExportLinks.tsx';
import { followUp, localDay } from './followUp.ts';
import { FollowUpSections } from './FollowUpSections.tsx';
import { cardPriorities } from './priorities.ts';
import { useMapActions } from './useMapActions.ts';
import { useMapForActions } from './useMapForActions.ts';
import './actions.css';

type Summary =
  { status: 'loading' } | { status: 'missing' } | { status: 'ok'; title: string; role: MapRole };

/**
 * /maps/:id/actions: the map's actions, live (the server-owned `map:<id>/actions` document), with
 * the weekly follow-up, exports, and for owners and editors a dialog to create and edit them.
 * An action's owner may change its status here even when they only view the map.
 * `?from=<cardId>` opens the create dialog prefilled from that card ("Turn into action").
 */
export function ActionsPage({ mapId }: { mapId: string }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [summary, setSummary] = useState<Summary>({ status: 'loading' });
  useDocumentTitle(
    summary.status === 'ok' ? `${t('actions.title')} · ${summary.title}` : t('actions.title'),
  );
  useEffect(() => {
    let live = true;
    api.getMap(mapId).then(
      (map) => live && setSummary({ status: 'ok', title: map.title, role: map.role }),
      () => live && setSummary({ status: 'missing' }),
    );
    return () => {
      live = false;
    };
  }, [mapId]);
  const role = summary.status === 'ok' ? summary.role : null;
  const readable = can(role, 'actions.read');
  const canManage = can(role, 'actions.manage');
  const map = useMapForActions(mapId);
  // The actions document opens once the map has synced, on the same socket.
  const live = useMapActions(mapId, readable, map.view ? map.socket : null);
  const [fetched, setFetched] = useState<Action[] | null>(null);
  const reload = useCallback(() => {
    actionsApi.list(mapId).then(setFetched, () => undefined);
  }, [mapId]);
  useEffect(() => {
    if (readable) reload();
  }, [readable, reload]);
  // The live document once it arrived; the HTTP list until then.
  const actions = live ?? fetched;

  const [draft, setDraft] = useState<ActionDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = useSearch();
  const [, navigate] = useLocation();
  const fromCard = new URLSearchParams(search).get('from');
  // "Turn into action": once the map is here, the create dialog opens prefilled from the card;
  // closing it drops `?from` from the address.
  const fromDraft = useMemo<ActionDraft | null>(() => {
    const card = fromCard && canManage ? map.view?.cards.find((c) => c.id === fromCard) : null;
    if (!card) return null;
    return {
      prefill: {
        title: cardLine(card.text),
        department: card.department ?? null,
        cardIds: [card.id],
        ...(user ? { ownerId: user.id } : {}),
      },
    };
  }, [fromCard, canManage, map.view, user]);
  const shownDraft = draft ?? fromDraft;
  const closeDialog = () => {
    setDraft(null);
    if (fromCard) navigate(`/maps/${mapId}/actions`, { replace: true });
  };

  const now = new Date(useNow());
  const today = localDay(now);
  const priorities = useMemo(() => (map.view ? cardPriorities(map.view) : null), [map.view]);
  const groups = useMemo(
    () => followUp(actions ?? [], now, (_mapId, cardId) => priorities?.get(cardId)),
    // `now` changes every 30 s through useNow's value; its day is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [actions, priorities, today],
  );
  const cards = useMemo(
    () => (map.view ? new Map(map.view.cards.map((c) => [c.id, c])) : null),
    [map.view],
  );

  const run = async (command: () => Promise<unknown>) => {
    setError(null);
    try {
      await command();
      reload();
    } catch (cause) {
      setError(actionErrorMessage(cause, t));
    }
  };

  const title = summary.status === 'ok' ? summary.title : '';
  return (
    <div className="actions-page">
      <header className="topbar">
        <Link href={`/maps/${mapId}`} className="topbar__back">
          ← <span className="topbar__back-word">{title || t('map.back')}</span>
        </Link>
        <h1 className="topbar__title">{t('actions.title')}</h1>
        <span className="topbar__spacer" />
        <Link href="/actions" className="topbar__button actions-link" data-testid="my-actions-link">
          {t('actions.mine')}
        </Link>
        <UserMenu />
        <LanguageSwitch />
      </header>
      <main className="actions">
        {summary.status === 'missing' || map.denied || (summary.status === 'ok' && !readable) ? (
          <div className="page--center">
            <p role="alert">{t('map.notFound')}</p>
            <Link href="/">{t('map.back')}</Link>
          </div>
        ) : actions === null ? (
          <p className="page--center" aria-busy="true">
            {t('actions.loading')}
          </p>
        ) : (
          <>
            <div className="actions__bar">
              {canManage && (
                <button
                  type="button"
                  className="primary"
                  disabled={!map.view}
                  onClick={() => setDraft({ prefill: user ? { ownerId: user.id } : {} })}
                  data-testid="action-new"
                >
                  {t('actions.new')}
                </button>
              )}
              <ExportLinks mapId={mapId} />
            </div>
            {error && (
              <p role="alert" className="error">
                {error}
              </p>
            )}
            <FollowUpSections groups={groups} />
            <section className="actions__all" aria-labelledby="actions-all">
              <h2 id="actions-all">
                {t('actions.all')} <span className="follow-up__count">{actions.length}</span>
              </h2>
              {actions.length === 0 ? (
                <p className="muted">{canManage ? t('actions.emptyManage') : t('actions.empty')}</p>
              ) : (
                <ul className="action-list">
                  {actions.map((action) => {
                    const mine = action.ownerId === user?.id;
                    return (
                      <ActionItem
                        key={action.id}
                        action={action}
                        cards={cards}
                        today={today}
                        canManage={canManage}
                        canSetStatus={canManage || (mine && can(role, 'actions.update-own'))}
                        onStatus={(status: ActionStatus) =>
                          void run(() => actionsApi.setStatus(action.id, status))
                        }
                        onEdit={map.view ? () => setDraft({ action }) : undefined}
                        onDelete={() => void run(() => actionsApi.remove(action.id))}
                      />
                    );
                  })}
                </ul>
              )}
            </section>
          </>
        )}
      </main>
      {shownDraft && map.view && (
        <ActionDialog
          mapId={mapId}
          view={map.view}
          draft={shownDraft}
          onClose={closeDialog}
          onSaved={() => {
            closeDialog();
            reload();
          }}
        />
      )}
    </div>
  );
}
