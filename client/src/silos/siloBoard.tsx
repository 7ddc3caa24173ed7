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
import {
  cardDepartments,
  isGapCard,
  type CardView,
  type LaneView,
  type SiloDepartment,
} from '../../../shared/index.ts';

/** How the silo lens marks a card on the board. */
export type SiloMark = 'gap' | 'dimmed' | null;

/** What the cards read: whether the lens is on, the chosen department, the known departments. */
interface SiloState {
  /** The lens panel is open: gaps are highlighted and the department dims the rest. */
  readonly active: boolean;
  /** "My department": cards not involving it are dimmed; null = nothing dimmed. */
  readonly department: string | null;
  /** Departments recognisable in the departments lane's text. */
  readonly departments: readonly SiloDepartment[];
}

/**
 * A tiny store rather than a context value (as find/FindContext does): choosing a department must
 * re-render only the cards whose mark changes, not the whole board.
 */
class SiloStore {
  state: SiloState = { active: false, department: null, departments: [] };
  readonly #listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  set(next: SiloState): void {
    const now = this.state;
    if (
      next.active === now.active &&
      next.department === now.department &&
      next.departments === now.departments
    ) {
      return;
    }
    this.state = next;
    for (const listener of this.#listeners) listener();
  }
}

/** The mark of one card under the lens state (pure, for the hook and for tests). */
export function siloMark(card: CardView, lane: LaneView, state: SiloState): SiloMark {
  if (!state.active) return null;
  if (
    state.department !== null &&
    !cardDepartments(card, lane, state.departments).includes(state.department)
  ) {
    return 'dimmed';
  }
  return isGapCard(card, lane) ? 'gap' : null;
}

/** The map page's silo lens state: open or not, and the chosen department. */
export interface SiloLensState {
  readonly store: SiloStore;
  readonly department: string | null;
  readonly setDepartment: (department: string | null) => void;
}

/**
 * The silo lens state of the map page; the board reflects it while `active` (the lens panel is
 * shown). The chosen department is kept while the page is open, so closing and reopening the
 * lens keeps it.
 */
export function useSiloLensState(
  active: boolean,
  departments: readonly SiloDepartment[],
): SiloLensState {
  const store = useMemo(() => new SiloStore(), []);
  const [department, setDepartment] = useState<string | null>(null);
  useEffect(() => {
    store.set({ active, department, departments });
  }, [store, active, department, departments]);
  return useMemo(() => ({ store, department, setDepartment }), [store, department]);
}

const SiloStoreContext = createContext<SiloStore | null>(null);

/** Lets the board's cards read the silo lens. */
export function SiloBoardProvider({
  lens,
  children,
}: {
  lens: SiloLensState;
  children: ReactNode;
}) {
  return <SiloStoreContext.Provider value={lens.store}>{children}</SiloStoreContext.Provider>;
}

const NO_MARK = (): SiloMark => null;
const NO_SUBSCRIPTION = () => () => undefined;

/**
 * How the silo lens marks a card: `gap` (a touchpoint or pain point nobody owns), `dimmed`
 * (does not involve the chosen department) or null. Re-renders the card only when its mark changes.
 */
export function useSiloMark(card: CardView, lane: LaneView): SiloMark {
  const store = useContext(SiloStoreContext);
  const snapshot = useCallback(
    () => (store ? siloMark(card, lane, store.state) : null),
    [store, card, lane],
  );
  return useSyncExternalStore(store?.subscribe ?? NO_SUBSCRIPTION, store ? snapshot : NO_MARK);
}
