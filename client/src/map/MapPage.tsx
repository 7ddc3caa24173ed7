import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, Redirect, useLocation, useSearch } from 'wouter';
import { asMapId, presenceColor, type PresenceUser } from '../../../shared/index.ts';
import { UNAUTHENTICATED } from '../../../shared/close-codes.ts';
import { can } from '../../../shared/policy.ts';
import { loginUrl } from '../auth/nextPath.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { UserMenu } from '../auth/UserMenu.tsx';
import {
  MapSessionProvider,
  useEditors,
  useMapUndoManager,
  type MapSession,
} from '../collab/MapSession.tsx';
import { ConnectionBadge } from '../collab/ConnectionBadge.tsx';
import { LimitNotice } from '../collab/LimitNotice.tsx';
import { DepartmentPresenceButton } from '../collab/DepartmentPresence.tsx';
import { PresenceBar } from '../collab/PresenceBar.tsx';
import { usePresence } from '../collab/usePresence.ts';
import { useMapDoc } from '../collab/useMapDoc.ts';
import { CustomerView } from '../customer/CustomerView.tsx';
import { CommentsAnnouncer } from '../comments/CommentsAnnouncer.tsx';
import { CommentsButton } from '../comments/CommentsButton.tsx';
import { CommentsBoardProvider, type CommentsBoardApi } from '../comments/CommentsContext.tsx';
import { CommentsPanel } from '../comments/CommentsPanel.tsx';
import { useCommentsRoute } from '../comments/useCommentsRoute.ts';
import { useMapComments } from '../comments/useMapComments.ts';
import { useUnreadTitle } from '../comments/useUnreadTitle.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { MembersDialog } from '../members/MembersDialog.tsx';
import { useMapRole } from '../members/useMapRole.ts';
import { useMemberDepartments } from '../members/useMemberDepartments.ts';
import { PersonaPanel } from '../personas/PersonaPanel.tsx';
import { MapStoreContext, useMapStoreOf, useStoreView } from '../board/useMapStore.ts';
import { BoardNavigationContext, type BoardNavigation } from '../board/BoardNavigation.tsx';
import { BoardToolbar } from '../find/BoardToolbar.tsx';
import { FindProvider } from '../find/FindContext.tsx';
import { JourneyActions } from '../compare/JourneyActions.tsx';
import { MapBoard } from './MapBoard.tsx';
import { ActionsBoardProvider } from '../actions/ActionsBoardContext.tsx';
import { ActionsLink } from '../actions/ActionsLink.tsx';
import { useLiveActionsBoard } from '../actions/useLiveActionsBoard.ts';
import { MapHeader } from './MapHeader.tsx';
import { preloadRichTextEditor } from '../editor/LazyRichTextEditor.tsx';
import { UndoButtons } from './UndoButtons.tsx';
import { UnplacedTray } from './UnplacedTray.tsx';
import { ChangedCardsProvider } from '../since/SinceLastVisitContext.tsx';
import { SinceLastVisitPanel } from '../since/SinceLastVisitPanel.tsx';
import { useSinceLastVisit } from '../since/useSinceLastVisit.ts';
import { fill } from '../i18n/format.ts';
import { indexValidation } from '../validation/boardValidation.ts';
import { useValidation } from '../validation/useValidation.ts';
import {
  ValidationBoardProvider,
  type ValidationBoard,
} from '../validation/ValidationBoardContext.tsx';
import { ValidationPanel } from '../validation/ValidationPanel.tsx';
import { ValidationTools } from '../validation/ValidationTools.tsx';
import { ExportMenu } from '../print/ExportMenu.tsx';
import { useVersionHistory } from '../versions/useVersionHistory.ts';
import { VersionsButton } from '../versions/VersionsButton.tsx';
import { VersionsPanel } from '../versions/VersionsPanel.tsx';
import { useVersionComparison, VersionStage } from '../versions/VersionStage.tsx';
import { useVotes } from '../votes/useVotes.ts';
import { VotesBoardProvider } from '../votes/VotesBoardContext.tsx';
import { VotesButton } from '../votes/VotesButton.tsx';
import { VotesPanel } from '../votes/VotesPanel.tsx';
import { SiloBoardProvider, useSiloLensState } from '../silos/siloBoard.tsx';
import { SiloButton, SiloPanel } from '../silos/SiloPanel.tsx';
import { useSiloDepartments } from '../silos/useSiloDepartments.ts';

/** The map page's side panels, one at a time. */
type SidePanel = 'personas' | 'since' | 'validation' | 'versions' | 'votes' | 'silos';

/**
 * /maps/:id. A guest (someone who came through a customer link, without an account) is a
 * customer: their view never opens the internal map document, not even to be refused.
 */
export function MapPage({ mapId }: { mapId: string }) {
  const { user } = useAuth();
  return user?.guest ? <GuestMapPage mapId={mapId} /> : <TeamMapPage mapId={mapId} />;
}

/** A guest's map page: the customer view, unless a later invite gave them another role. */
function GuestMapPage({ mapId }: { mapId: string }) {
  const { t } = useI18n();
  const role = useMapRole(mapId, 0);
  if (role === undefined) {
    return (
      <main className="page page--center" aria-busy="true">
        {t('map.loading')}
      </main>
    );
  }
  return role === 'customer' ? <CustomerView mapId={mapId} /> : <TeamMapPage mapId={mapId} />;
}

/** One journey map, live: header with title and connection, then the board. */
function TeamMapPage({ mapId }: { mapId: string }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const connection = useMapDoc(asMapId(mapId), user?.id ?? '');
  const store = useMapStoreOf(connection?.doc);
  // The board publishes its navigation here, for the search box above it.
  const boardNavigationRef = useRef<BoardNavigation | null>(null);
  const boardNavigation = useMemo<BoardNavigation>(
    () => ({
      revealCard: (cardId, options) =>
        boardNavigationRef.current?.revealCard(cardId, options) ?? false,
    }),
    [],
  );
  const view = useStoreView(store);
  const presence = usePresence(connection?.provider);
  const undo = useMapUndoManager(connection?.doc);
  const editors = useEditors(connection?.provider);
  const me = useMemo<PresenceUser | null>(
    () =>
      user
        ? {
            id: user.id,
            name: user.name,
            department: user.department,
            color: presenceColor(user.id),
          }
        : null,
    [user],
  );
  const [reopen, setReopen] = useState<string | null>(null);
  const doc = connection?.doc;
  const provider = connection?.provider;
  const session = useMemo<MapSession | null>(
    () =>
      doc && provider && undo ? { doc, provider, undo, editors, me, reopen, setReopen } : null,
    [doc, provider, undo, editors, me, reopen],
  );
  const role = useMapRole(mapId, connection?.authentications ?? 0);
  const memberDepartments = useMemberDepartments(mapId, role);
  // The map list links here with ?members when a member's role changed since an owner last looked.
  const search = useSearch();
  const [membersOpen, setMembersOpen] = useState(() => new URLSearchParams(search).has('members'));
  // One side panel at a time (the comments, opened by the address, take the place of any).
  const [sidePanel, setSidePanel] = useState<SidePanel | null>(null);
  const [disputedFirst, setDisputedFirst] = useState(false);
  // The history (versions/): its panel is one more side panel; a viewed or compared version stays
  // on the board while the panel is closed.
  const history = useVersionHistory(mapId, sidePanel === 'versions' && can(role, 'versions.read'));
  const since = useSinceLastVisit(mapId, !!role && can(role, 'map.read'));
  const [, navigate] = useLocation();
  const editable = !!role && can(role, 'map.edit') && !connection?.readOnly;
  // The comments and validation mirrors open once the map has synced: on a big map their loads
  // on the server (the validation is computed from every card) would delay the map's own reply.
  const mirrorSocket = connection?.ready ? connection.socket : null;
  // The map arrived: fetch the rich-text editor's code while the page is idle, before a card opens.
  const synced = !!connection?.ready;
  useEffect(() => {
    if (synced) preloadRichTextEditor();
  }, [synced]);
  const comments = useMapComments(mapId, user?.id ?? '', role, mirrorSocket);
  const validation = useValidation(mapId, can(role, 'validation.read'), mirrorSocket);
  // votes/: dot voting, live from map:<id>/votes; its panel shows while no other panel does.
  const votes = useVotes(mapId, can(role, 'votes.cast'), mirrorSocket);
  const validationBoard = useMemo<ValidationBoard | null>(
    () => (validation.data ? { ...indexValidation(validation.data), disputedFirst } : null),
    [validation.data, disputedFirst],
  );
  const actionsBoard = useLiveActionsBoard(mapId, role, mirrorSocket);
  const commentsRoute = useCommentsRoute(mapId);
  const commentsToggle = useRef<HTMLButtonElement>(null);
  // Grows on each "Comment" action, so the panel's composer takes the focus.
  const [composeSignal, setComposeSignal] = useState(0);
  const { openCounts, canComment } = comments;
  const { showList } = commentsRoute;
  const commentsBoard = useMemo<CommentsBoardApi>(
    () => ({
      openCounts,
      canComment,
      showThreadsOf: (anchor) => {
        setComposeSignal(0);
        setSidePanel(null);
        showList(anchor);
      },
      commentOn: (anchor) => {
        setComposeSignal((n) => n + 1);
        setSidePanel(null);
        showList(anchor);
      },
    }),
    [openCounts, canComment, showList],
  );
  // One side panel at a time: the comments (opened by the address) take the place of the personas,
  // of "since your last visit" and of the validation.
  const commentsOpen = commentsRoute.open && !!role && role !== 'customer';
  const shownPanel = commentsOpen ? null : sidePanel;
  const showPersonas = shownPanel === 'personas';
  const showSince = shownPanel === 'since';
  const showValidation = shownPanel === 'validation';
  const showVersions = shownPanel === 'versions';
  const showVotes = shownPanel === 'votes' && can(role, 'votes.cast');
  const showSilos = shownPanel === 'silos';
  /** Opens a side panel in place of the one shown (or the comments), or closes it if shown. */
  const togglePanel = (panel: SidePanel) => {
    if (commentsOpen) commentsRoute.close();
    setSidePanel(shownPanel === panel ? null : panel);
  };
  const closePanel = () => setSidePanel(null);
  // silos/: the silo lens panel shows while no other panel is open (opening it closes them).
  const siloDepartments = useSiloDepartments();
  const siloLens = useSiloLensState(showSilos, siloDepartments.list);
  const comparison = useVersionComparison(history.opened, connection?.doc, view);
  useUnreadTitle(view?.meta.title, comments.totalUnread, t('app.name'));

  if (connection?.denied === UNAUTHENTICATED.reason) {
    return <Redirect to={loginUrl(`/maps/${mapId}`)} replace />;
  }

  // Customers see their own view of the journey, never the board (here: a customer who has an
  // account; the map document refuses them).
  if (role === 'customer') {
    return <CustomerView mapId={mapId} />;
  }

  if (connection?.outdated) {
    return (
      <main className="page page--center">
        <p role="alert">{t('conn.reload')}</p>
        <button type="button" className="primary" onClick={() => location.reload()}>
          {t('conn.reloadButton')}
        </button>
      </main>
    );
  }

  if (connection?.unavailable) {
    return (
      <main className="page page--center">
        <p role="alert">{t('map.unavailable')}</p>
        <Link href="/">{t('map.back')}</Link>
      </main>
    );
  }

  // (Until the role is known: a customer who signed in with an account is refused the board.)
  if (connection?.denied && role !== undefined) {
    return (
      <main className="page page--center">
        <p role="alert">{t('map.notFound')}</p>
        <Link href="/">{t('map.back')}</Link>
      </main>
    );
  }

  const ready = connection?.ready && view && view.stages.length + view.lanes.length > 0;

  const panelOpen = shownPanel !== null || commentsOpen;
  return (
    <div className="map-page">
      <MapHeader
        title={view?.meta.title ?? ''}
        unread={comments.totalUnread}
        covered={panelOpen || membersOpen}
        info={
          <>
            {view && (
              <span className={`tag tag--${view.meta.state}`}>
                {t(`map.state.${view.meta.state}`)}
              </span>
            )}
            {role && !editable && <span className="tag">{t('map.readOnly')}</span>}
          </>
        }
        presence={
          <>
            {editable && undo && <UndoButtons undo={undo} />}
            <PresenceBar people={presence} />
            <DepartmentPresenceButton
              present={me ? [me, ...presence] : presence}
              memberDepartments={memberDepartments}
            />
          </>
        }
        connection={connection && <ConnectionBadge connection={connection} />}
        tools={
          <>
            {view && (
              <button
                type="button"
                className="topbar__button"
                aria-pressed={showPersonas}
                onClick={() => togglePanel('personas')}
              >
                {t('personas.open')} ({view.personas.length})
              </button>
            )}
            {role && can(role, 'comments.read') && (
              <CommentsButton
                buttonRef={commentsToggle}
                open={commentsOpen}
                openThreads={comments.openCount}
                unread={comments.totalUnread}
                onToggle={() => {
                  setComposeSignal(0);
                  if (commentsOpen) {
                    commentsRoute.close();
                  } else {
                    setSidePanel(null);
                    commentsRoute.showList(null);
                  }
                }}
              />
            )}
            {role && can(role, 'map.read') && (
              <button
                type="button"
                className="topbar__button since-button"
                aria-pressed={showSince}
                aria-controls={showSince ? 'since-panel' : undefined}
                data-testid="since-button"
                title={fill(t('since.count'), { count: since.count })}
                onClick={() => {
                  if (commentsOpen) commentsRoute.close();
                  if (!showSince) since.refresh();
                  togglePanel('since');
                }}
              >
                <span className="since-button__text">{t('since.button')}</span>
                <span className="since-button__short">{t('since.buttonShort')}</span>
                <span
                  className={`since-button__count${since.count > 0 ? ' since-button__count--some' : ''}`}
                  data-testid="since-count"
                >
                  {since.count}
                </span>
              </button>
            )}
            {can(role, 'validation.read') && (
              <ValidationTools
                data={validation.data}
                panelOpen={showValidation}
                onTogglePanel={() => togglePanel('validation')}
                disputedFirst={disputedFirst}
                onToggleDisputedFirst={() => setDisputedFirst(!disputedFirst)}
              />
            )}
            {view && (
              <JourneyActions
                mapId={mapId}
                title={view.meta.title}
                state={view.meta.state}
                role={role}
              />
            )}
            {can(role, 'versions.read') && (
              <VersionsButton
                open={showVersions}
                onToggle={() => {
                  if (commentsOpen) commentsRoute.close();
                  if (!showVersions) history.refresh();
                  togglePanel('versions');
                }}
              />
            )}
            {can(role, 'votes.cast') && (
              <VotesButton open={showVotes} votes={votes} onToggle={() => togglePanel('votes')} />
            )}
            {view && <SiloButton open={showSilos} onToggle={() => togglePanel('silos')} />}
            {view && (
              <Link href={`/maps/${mapId}/priorities`} className="topbar__button priorities-link">
                {t('priorities.open')}
              </Link>
            )}
            {role && can(role, 'members.read') && (
              <button type="button" className="topbar__button" onClick={() => setMembersOpen(true)}>
                {t('members.open')}
              </button>
            )}
            <ActionsLink mapId={mapId} role={role} />
            {role && can(role, 'map.export') && <ExportMenu mapId={mapId} />}
            <UserMenu />
            <LanguageSwitch />
          </>
        }
      />
      {connection?.storageFailing && (
        <div className="limit-notice" role="alert" data-testid="storage-notice">
          <span>{t('conn.storageFailing')}</span>
        </div>
      )}
      {connection?.refused && (
        <LimitNotice key={connection.refused.at} reason={connection.refused.reason} />
      )}
      {ready && connection && session && store ? (
        <MapStoreContext.Provider value={store}>
          <MapSessionProvider value={session}>
            <CommentsBoardProvider value={commentsBoard}>
              <main className={`map-page__body${panelOpen ? ' map-page__body--with-panel' : ''}`}>
                <div className="map-page__board">
                  <BoardNavigationContext.Provider value={boardNavigation}>
                    {/* versions/: a version's read-only board instead, or compare marks on this one. */}
                    <VersionStage history={history} comparison={comparison}>
                      {/* Search and filters (find/): the toolbar above the board marks its cards. */}
                      <FindProvider mapId={mapId} view={view}>
                        <BoardToolbar view={view} />
                        <ChangedCardsProvider value={since.changedCards}>
                          <ValidationBoardProvider value={validationBoard}>
                            <ActionsBoardProvider value={actionsBoard}>
                              <VotesBoardProvider value={votes.ready ? votes : null}>
                                <SiloBoardProvider lens={siloLens}>
                                  <MapBoard
                                    store={store}
                                    doc={connection.doc}
                                    editable={editable}
                                    cardCount={view.cards.length}
                                    navigationRef={boardNavigationRef}
                                  />
                                </SiloBoardProvider>
                              </VotesBoardProvider>
                            </ActionsBoardProvider>
                          </ValidationBoardProvider>
                        </ChangedCardsProvider>
                      </FindProvider>
                    </VersionStage>
                  </BoardNavigationContext.Provider>
                  {view.unplaced.length > 0 && (
                    <UnplacedTray doc={connection.doc} view={view} editable={editable} />
                  )}
                </div>
                {showPersonas && (
                  <PersonaPanel
                    doc={connection.doc}
                    personas={view.personas}
                    editable={editable}
                    onClose={closePanel}
                  />
                )}
                {showSince && (
                  <SinceLastVisitPanel
                    mapId={mapId}
                    data={since.data}
                    now={since.receivedAt}
                    count={since.count}
                    departments={since.departments}
                    onDismiss={since.dismiss}
                    onClose={closePanel}
                  />
                )}
                {showValidation && (
                  <ValidationPanel
                    mapId={mapId}
                    view={view}
                    data={validation.data}
                    canEditSettings={can(role, 'validation.settings')}
                    onInvite={can(role, 'invites.customer') ? () => setMembersOpen(true) : null}
                    onClose={closePanel}
                  />
                )}
                {showVersions && (
                  <VersionsPanel
                    history={history}
                    comparison={comparison}
                    canCreate={can(role, 'versions.create')}
                    canRestore={can(role, 'versions.restore')}
                    onClose={closePanel}
                  />
                )}
                {showVotes && (
                  <VotesPanel
                    mapId={mapId}
                    view={view}
                    votes={votes}
                    canRun={can(role, 'votes.run')}
                    onClose={closePanel}
                  />
                )}
                {showSilos && (
                  <SiloPanel
                    mapId={mapId}
                    view={view}
                    lens={siloLens}
                    departments={siloDepartments}
                    present={me ? [me, ...presence] : presence}
                    myDepartment={user?.department ?? null}
                    onClose={closePanel}
                  />
                )}
                {commentsOpen && (
                  <CommentsPanel
                    view={view}
                    comments={comments}
                    route={commentsRoute}
                    composeSignal={composeSignal}
                    fallbackFocus={() => commentsToggle.current}
                  />
                )}
              </main>
            </CommentsBoardProvider>
          </MapSessionProvider>
        </MapStoreContext.Provider>
      ) : (
        <main className="page page--center" aria-busy="true">
          {t('map.loading')}
        </main>
      )}
      {role && (
        <CommentsAnnouncer threads={comments.threads} ready={comments.ready} me={user?.id ?? ''} />
      )}
      {membersOpen && role && (
        <MembersDialog
          mapId={mapId}
          myRole={role}
          onClose={() => {
            setMembersOpen(false);
            if (new URLSearchParams(search).has('members')) {
              navigate(`/maps/${mapId}`, { replace: true });
            }
          }}
          onLeft={() => navigate('/')}
        />
      )}
    </div>
  );
}
