import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useLocation, useSearch } from 'wouter';
import type { CardId, CardView, LaneKind, MapView } from '../../../shared/index.ts';
import { useBoardNavigation } from '../board/BoardNavigation.tsx';
import {
  boardMatches,
  cardMark,
  foldQuery,
  parseFilters,
  stepMatch,
  withFilters,
  type BoardFilters,
  type CardMark,
} from './match.ts';

/** What the cards read: the folded query, the current match and the filters. */
interface MarkState {
  readonly query: string;
  readonly currentId: string | null;
  readonly filters: BoardFilters;
  /** The lane kinds shown, or null for all (the same Set while the kind filter is unchanged). */
  readonly visibleKinds: ReadonlySet<LaneKind> | null;
}

/**
 * A tiny store rather than a context value: a keystroke in the search box must re-render only
 * the cards whose mark changes (each card subscribes and compares a string), not the whole
 * board, which may hold thousands of cards.
 */
class MarkStore {
  state: MarkState;
  readonly #listeners = new Set<() => void>();

  constructor(initial: MarkState) {
    this.state = initial;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  set(next: MarkState): void {
    const now = this.state;
    if (
      next.query === now.query &&
      next.currentId === now.currentId &&
      next.filters === now.filters &&
      next.visibleKinds === now.visibleKinds
    ) {
      return;
    }
    this.state = next;
    for (const listener of this.#listeners) listener();
  }
}

const MarkStoreContext = createContext<MarkStore | null>(null);

/** The search box's and the filters' state and actions (the toolbar uses it). */
export interface FindApi {
  /** The query as typed. */
  query: string;
  setQuery: (query: string) => void;
  /** Cards matching it that the filters keep, in board order. */
  matches: readonly CardId[];
  /** Index of the current match in `matches`, -1 when none. */
  currentIndex: number;
  /** Moves to the next (1) or previous (-1) match and brings it into view. */
  step: (direction: 1 | -1) => void;
  /** Empties the search box. */
  clear: () => void;
  filters: BoardFilters;
  /** Writes filters into the address (shared by a link, kept on reload). */
  setFilters: (filters: BoardFilters) => void;
}

const FindApiContext = createContext<FindApi | null>(null);

/** Persona id -> name, for the persona badge on cards. */
const PersonaNamesContext = createContext<ReadonlyMap<string, string>>(new Map());

/** The names of the map's personas by id (a card shows the ones it is tagged with). */
export function usePersonaNames(): ReadonlyMap<string, string> {
  return useContext(PersonaNamesContext);
}

/** The toolbar's state and actions; null outside a FindProvider. */
export function useFind(): FindApi | null {
  return useContext(FindApiContext);
}

const NOT_MARKED = (): CardMark => null;
const ALL_KINDS = (): ReadonlySet<LaneKind> | null => null;
const NO_SUBSCRIPTION = () => () => undefined;

/**
 * How a card shows the search and the filters: `current` (the match jumped to), `match`,
 * `dimmed` (kept out by the department or persona filter) or null. Re-renders the card only when
 * its own mark changes.
 */
export function useCardMark(card: CardView): CardMark {
  const store = useContext(MarkStoreContext);
  const snapshot = useCallback(() => {
    if (!store) return null;
    const { query, currentId, filters } = store.state;
    return cardMark(card, query, currentId, filters);
  }, [store, card]);
  return useSyncExternalStore(store?.subscribe ?? NO_SUBSCRIPTION, store ? snapshot : NOT_MARKED);
}

/** The lane kinds the filter shows, or null for every kind (no filter). */
export function useVisibleLaneKinds(): ReadonlySet<LaneKind> | null {
  const store = useContext(MarkStoreContext);
  const snapshot = useCallback(() => store?.state.visibleKinds ?? null, [store]);
  return useSyncExternalStore(store?.subscribe ?? NO_SUBSCRIPTION, store ? snapshot : ALL_KINDS);
}

/**
 * Brings a card into view without taking the focus from the search box, through the board's
 * navigation (the board renders only what is on screen: it scrolls there first).
 */
function useReveal(): (cardId: CardId, flash: boolean) => void {
  const navigation = useBoardNavigation();
  return useCallback(
    (cardId: CardId, flash: boolean) => {
      navigation?.revealCard(cardId, { focus: false, flash });
    },
    [navigation],
  );
}

interface FindProviderProps {
  mapId: string;
  view: MapView;
  children: ReactNode;
}

/**
 * The board's search and filters for one map page. The filters live in the address
 * (`?kinds=a,b&dept=x&persona=id`, see match.ts), so a link shares them and a reload keeps them;
 * the query does not (it is a moment's search, like the browser's find).
 */
export function FindProvider({ mapId, view, children }: FindProviderProps) {
  const search = useSearch();
  const [, navigate] = useLocation();
  // Keyed by the filters' own canonical text: the same object while the address says the same
  // filters (another parameter changing, e.g. `?comments`, re-renders nothing downstream).
  const filtersKey = withFilters('', parseFilters(search));
  const filters = useMemo(() => parseFilters(filtersKey), [filtersKey]);

  const [query, setQueryState] = useState('');
  const [currentId, setCurrentId] = useState<CardId | null>(null);
  const folded = foldQuery(query);
  const matches = useMemo(() => boardMatches(view, folded, filters), [view, folded, filters]);
  const currentIndex = currentId === null ? -1 : matches.indexOf(currentId);
  const reveal = useReveal();

  const visibleKinds = useMemo(
    () => (filters.kinds.length > 0 ? new Set(filters.kinds) : null),
    [filters],
  );
  // Starts with the address's filters, so hidden rows are never drawn first.
  const [store] = useState(
    () => new MarkStore({ query: '', currentId: null, filters, visibleKinds }),
  );
  useEffect(() => {
    store.set({ query: folded, currentId, filters, visibleKinds });
  }, [store, folded, currentId, filters, visibleKinds]);

  // The card to bring into view, once the render that marks it is on screen (the board may
  // re-render it with its new classes; a flash added before that would be wiped out).
  const [jump, setJump] = useState<{ id: CardId; flash: boolean; seq: number } | null>(null);
  useEffect(() => {
    if (jump) reveal(jump.id, jump.flash);
  }, [jump, reveal]);
  const jumpTo = useCallback((id: CardId, flash: boolean) => {
    setCurrentId(id);
    setJump((was) => ({ id, flash, seq: (was?.seq ?? 0) + 1 }));
  }, []);

  // As in the browser's find, typing goes to the first match (without flashing it at each key).
  const setQuery = useCallback(
    (next: string) => {
      setQueryState(next);
      const first = boardMatches(view, foldQuery(next), filters)[0];
      if (first) jumpTo(first, false);
      else setCurrentId(null);
    },
    [view, filters, jumpTo],
  );

  const step = useCallback(
    (direction: 1 | -1) => {
      const next = stepMatch(matches, currentId, direction);
      if (next !== null) jumpTo(next, true);
    },
    [matches, currentId, jumpTo],
  );

  const clear = useCallback(() => {
    setQueryState('');
    setCurrentId(null);
  }, []);

  const setFilters = useCallback(
    (next: BoardFilters) => {
      const rest = withFilters(search, next);
      navigate(`/maps/${encodeURIComponent(mapId)}${rest ? `?${rest}` : ''}`, { replace: true });
    },
    [mapId, navigate, search],
  );

  const api = useMemo<FindApi>(
    () => ({ query, setQuery, matches, currentIndex, step, clear, filters, setFilters }),
    [query, setQuery, matches, currentIndex, step, clear, filters, setFilters],
  );

  // Keyed by the names' text: a new view with the same personas re-renders no card.
  const namesKey = JSON.stringify(view.personas.map((p) => [p.id, p.name]));
  const personaNames = useMemo(
    () => new Map(JSON.parse(namesKey) as [string, string][]),
    [namesKey],
  );

  return (
    <MarkStoreContext.Provider value={store}>
      <PersonaNamesContext.Provider value={personaNames}>
        <FindApiContext.Provider value={api}>{children}</FindApiContext.Provider>
      </PersonaNamesContext.Provider>
    </MarkStoreContext.Provider>
  );
}
