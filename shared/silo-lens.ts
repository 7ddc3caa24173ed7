import type { CardId, StageId } from './ids.ts';
import type { LaneKind } from './lane-kinds.ts';
import type { MapView } from './read-map.ts';
import type { CardView } from './records/card.ts';
import type { LaneView } from './records/lane.ts';

/**
 * The silo lens: where along the journey each department is involved, where the journey passes
 * from some departments to others, and which touchpoints and pain points nobody owns. Pure: a
 * function of the map view and the workspace's departments, so the client can recompute it on
 * every change and the tests need no browser.
 */

/** A department the lens can recognise: its slug and the names it may be written as. */
export interface SiloDepartment {
  /** Slug stored on cards and users. */
  readonly id: string;
  /** Names in any language (e.g. "Ventas", "Sales"); the slug always counts as one too. */
  readonly names: readonly string[];
}

/** Lane kinds whose cards someone should own; one without a department is a gap. */
export const GAP_LANE_KINDS: readonly LaneKind[] = ['touchpoints', 'pain-points'];

/** One stage seen through the lens. */
export interface SiloStage {
  readonly stageId: StageId;
  /** Departments involved in the stage, sorted by slug. */
  readonly departments: readonly string[];
  /** Touchpoint and pain-point cards of the stage with no department, in board order. */
  readonly gaps: readonly CardId[];
}

/**
 * What happens between one stage and the next (board order): departments that were involved and
 * are not any more hand over to those that become involved; `kept` carry on in both.
 */
export interface SiloHandoff {
  readonly fromStageId: StageId;
  readonly toStageId: StageId;
  /** Involved in the first stage only. */
  readonly from: readonly string[];
  /** Involved in the second stage only. */
  readonly to: readonly string[];
  /** Involved in both. */
  readonly kept: readonly string[];
}

/** The whole lens. */
export interface SiloLens {
  /** Every stage, left to right. */
  readonly stages: readonly SiloStage[];
  /**
   * One entry per pair of consecutive stages where the set of departments changes and both
   * stages involve someone (an empty stage hands nothing over: it shows as a stage without
   * departments instead).
   */
  readonly handoffs: readonly SiloHandoff[];
  /** Every department involved somewhere, sorted by slug. */
  readonly involved: readonly string[];
  /** Every gap card, in board order (stage by stage, lane by lane). */
  readonly gaps: readonly CardId[];
}

const DIACRITICS = /[\u0300-\u036f]/g;

/** Text as words: accents dropped, lower case, anything but letters and digits a space. */
function words(text: string): string {
  const folded = text
    .normalize('NFD')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return folded === '' ? '' : ` ${folded} `;
}

/**
 * The phrases a department is recognised by: each name, the slug (hyphens as spaces), and for a
 * name like "Tecnología (TI)" both "tecnologia" and "ti". Whole words only, so "IT" is not found
 * in "digital".
 */
function phrasesOf(department: SiloDepartment): string[] {
  const out = new Set<string>();
  for (const name of [department.id, ...department.names]) {
    for (const part of [name, ...name.split(/[()]/)]) {
      const phrase = words(part);
      if (phrase !== '') out.add(phrase);
    }
  }
  return [...out];
}

/** The departments named in a text (a card of the departments lane), by slug. */
export function departmentsNamedIn(text: string, departments: readonly SiloDepartment[]): string[] {
  const haystack = words(text);
  if (haystack === '') return [];
  return departments
    .filter((d) => phrasesOf(d).some((phrase) => haystack.includes(phrase)))
    .map((d) => d.id);
}

/**
 * The departments a card involves: its own department, plus, for a card of the departments
 * lane, every department its text names.
 */
export function cardDepartments(
  card: CardView,
  lane: LaneView | undefined,
  departments: readonly SiloDepartment[],
): string[] {
  const out = new Set<string>();
  if (card.department) out.add(card.department);
  if (lane?.kind === 'departments') {
    for (const id of departmentsNamedIn(card.text, departments)) out.add(id);
  }
  return [...out];
}

/** Whether a card is a gap: a touchpoint or pain point with no department. */
export function isGapCard(card: CardView, lane: LaneView | undefined): boolean {
  return !!lane && GAP_LANE_KINDS.includes(lane.kind) && !card.department;
}

function sorted(set: Iterable<string>): string[] {
  return [...set].sort();
}

/** The silo lens of a map (placed cards only: an unplaced card belongs to no stage). */
export function siloLens(view: MapView, departments: readonly SiloDepartment[]): SiloLens {
  const lanes = new Map(view.lanes.map((l) => [l.id, l]));
  const involvedBy = new Map<string, Set<string>>(view.stages.map((s) => [s.id, new Set()]));
  const gapsBy = new Map<string, CardId[]>(view.stages.map((s) => [s.id, []]));
  // `view.cards` is sorted lane by lane, then stage, then within the cell: per stage this keeps
  // the board's top-to-bottom order.
  for (const card of view.cards) {
    const lane = lanes.get(card.laneId);
    const involved = involvedBy.get(card.stageId);
    if (!involved) continue;
    for (const id of cardDepartments(card, lane, departments)) involved.add(id);
    if (isGapCard(card, lane)) gapsBy.get(card.stageId)?.push(card.id);
  }
  const stages: SiloStage[] = view.stages.map((s) => ({
    stageId: s.id,
    departments: sorted(involvedBy.get(s.id) ?? []),
    gaps: gapsBy.get(s.id) ?? [],
  }));
  const handoffs: SiloHandoff[] = [];
  stages.forEach((b, i) => {
    const a = stages[i - 1];
    if (!a) return;
    if (a.departments.length === 0 || b.departments.length === 0) return;
    const from = a.departments.filter((d) => !b.departments.includes(d));
    const to = b.departments.filter((d) => !a.departments.includes(d));
    if (from.length === 0 && to.length === 0) return;
    const kept = a.departments.filter((d) => b.departments.includes(d));
    handoffs.push({ fromStageId: a.stageId, toStageId: b.stageId, from, to, kept });
  });
  return {
    stages,
    handoffs,
    involved: sorted(new Set(stages.flatMap((s) => s.departments))),
    gaps: stages.flatMap((s) => s.gaps),
  };
}
