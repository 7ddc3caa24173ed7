import {
  isLaneKind,
  LANE_KINDS,
  type CardId,
  type CardView,
  type LaneKind,
  type MapView,
} from '../../../shared/index.ts';

/**
 * The board's search and filters as pure functions: what a card's text is compared as, which
 * cards match in which order, and how the filters read from and write to the address.
 */

/** The filters of the board; an empty list means "no filter" for that facet. */
export interface BoardFilters {
  /** Lane kinds shown; the rows of the other kinds are hidden. */
  readonly kinds: readonly LaneKind[];
  /** Department slugs kept; cards of other (or no) departments are dimmed. */
  readonly departments: readonly string[];
  /** Persona ids kept; cards tagged with none of them are dimmed. */
  readonly personas: readonly string[];
}

/** No filter at all. */
export const NO_FILTERS: BoardFilters = { kinds: [], departments: [], personas: [] };

/** How a card looks on the board because of the search and the filters. */
export type CardMark = 'current' | 'match' | 'dimmed' | null;

/** The address parameters of each filter (`?kinds=a,b&dept=x&persona=id`). */
export const FILTER_PARAMS = { kinds: 'kinds', departments: 'dept', personas: 'persona' } as const;

const DIACRITICS = /[\u0300-\u036f]/g;

/**
 * Text folded for comparison: accents removed (NFD, then the combining marks dropped, so
 * "Crédito" reads "credito" and "ñ" reads "n"), lower case, any run of white space one space.
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(DIACRITICS, '').toLowerCase().replace(/\s+/g, ' ');
}

/** The query as compared: folded and trimmed; '' means "no search". */
export function foldQuery(query: string): string {
  return foldText(query).trim();
}

// Card views are immutable and reused while their card does not change: fold each text once.
const folded = new WeakMap<CardView, string>();

/** The folded text of a card (cached per card view). */
export function foldedCardText(card: CardView): string {
  let text = folded.get(card);
  if (text === undefined) {
    text = foldText(card.text);
    folded.set(card, text);
  }
  return text;
}

/** True when the card's text contains the folded query (a non-empty one). */
export function textMatches(card: CardView, foldedQuery: string): boolean {
  return foldedQuery !== '' && foldedCardText(card).includes(foldedQuery);
}

/** True when the department and persona filters keep the card (it is not dimmed). */
export function keptByFilters(card: CardView, filters: BoardFilters): boolean {
  if (
    filters.departments.length > 0 &&
    (card.department === undefined || !filters.departments.includes(card.department))
  ) {
    return false;
  }
  if (
    filters.personas.length > 0 &&
    !(card.personaIds ?? []).some((id) => filters.personas.includes(id))
  ) {
    return false;
  }
  return true;
}

/** The mark of one card: dimmed first (filters win), then the current match, then any match. */
export function cardMark(
  card: CardView,
  foldedQuery: string,
  currentId: string | null,
  filters: BoardFilters,
): CardMark {
  if (!keptByFilters(card, filters)) return 'dimmed';
  if (!textMatches(card, foldedQuery)) return null;
  return card.id === currentId ? 'current' : 'match';
}

/**
 * The cards matching the query that the filters keep, in board order: stage by stage (left to
 * right), then lane by lane (top to bottom), then top to bottom within the cell. Cards in lanes
 * hidden by the kind filter and unplaced cards are not on the board, so they never match.
 */
export function boardMatches(view: MapView, foldedQuery: string, filters: BoardFilters): CardId[] {
  if (foldedQuery === '') return [];
  const stageIndex = new Map<string, number>(view.stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map<string, number>();
  view.lanes.forEach((lane, i) => {
    if (filters.kinds.length === 0 || filters.kinds.includes(lane.kind)) laneIndex.set(lane.id, i);
  });
  const found: { card: CardView; at: number }[] = [];
  // `view.cards` is sorted lane, stage, order: its index keeps the order within a cell.
  view.cards.forEach((card, at) => {
    if (!laneIndex.has(card.laneId)) return;
    if (!textMatches(card, foldedQuery) || !keptByFilters(card, filters)) return;
    found.push({ card, at });
  });
  found.sort(
    (a, b) =>
      (stageIndex.get(a.card.stageId) ?? 0) - (stageIndex.get(b.card.stageId) ?? 0) ||
      (laneIndex.get(a.card.laneId) ?? 0) - (laneIndex.get(b.card.laneId) ?? 0) ||
      a.at - b.at,
  );
  return found.map(({ card }) => card.id);
}

/**
 * The match after (`step` 1) or before (-1) the current one, wrapping around; the first (or
 * the last, going back) when there is no current one or it no longer matches. Null: no match.
 */
export function stepMatch(
  matches: readonly CardId[],
  currentId: string | null,
  step: 1 | -1,
): CardId | null {
  if (matches.length === 0) return null;
  const at = currentId === null ? -1 : matches.indexOf(currentId as CardId);
  if (at === -1) return (step === 1 ? matches[0] : matches.at(-1)) ?? null;
  return matches[(at + step + matches.length) % matches.length] ?? null;
}

/** How many filter choices are active (shown on the filters button). */
export function filterCount(filters: BoardFilters): number {
  return filters.kinds.length + filters.departments.length + filters.personas.length;
}

function list(params: URLSearchParams, name: string): string[] {
  const value = params.get(name) ?? '';
  return [...new Set(value.split(',').filter((item) => item.length > 0))];
}

/** The filters in an address query (`?kinds=actions,emotions&dept=it&persona=<id>`). */
export function parseFilters(search: string): BoardFilters {
  const params = new URLSearchParams(search);
  const kinds = list(params, FILTER_PARAMS.kinds).filter(isLaneKind);
  return {
    // In the contract's order, whatever the order in the address.
    kinds: LANE_KINDS.filter((kind) => kinds.includes(kind)),
    departments: list(params, FILTER_PARAMS.departments),
    personas: list(params, FILTER_PARAMS.personas),
  };
}

/**
 * The address query with the filters written in (other parameters kept; an empty filter
 * removes its parameter). Commas stay readable in the address.
 */
export function withFilters(search: string, filters: BoardFilters): string {
  const params = new URLSearchParams(search);
  for (const key of ['kinds', 'departments', 'personas'] as const) {
    const name = FILTER_PARAMS[key];
    if (filters[key].length > 0) params.set(name, filters[key].join(','));
    else params.delete(name);
  }
  // `?comments` (an empty value) stays `?comments`, as the comments route writes it.
  return params
    .toString()
    .replace(/%2C/gi, ',')
    .replace(/=(&|$)/g, '$1');
}
