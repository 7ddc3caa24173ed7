import type { Channel } from '../channels.ts';
import type { CardId, LaneId, PersonaId, StageId } from '../ids.ts';
import { MAP_JSON_FORMAT, MAP_JSON_VERSION, parseMapJson } from '../interchange.ts';
import type { MapJson } from '../interchange.ts';
import { laneKindInfo } from '../lane-kinds.ts';
import type { LaneKind } from '../lane-kinds.ts';
import type { Locale, Localized } from '../locale.ts';
import { initialKeys } from '../ordering.ts';
import type { MapState } from '../records/meta.ts';
import type { PriorityFactors } from '../scoring.ts';

/** A stage of a template, written once in both languages. */
export interface TemplateStage {
  /** Short key, unique in the template; becomes part of the stage id. */
  readonly key: string;
  /** Column title. */
  readonly name: Localized;
}

/** A lane of a template. */
export interface TemplateLane {
  /** Short key, unique in the template; becomes part of the lane id. */
  readonly key: string;
  /** What the row holds. */
  readonly kind: LaneKind;
  /** Row title. */
  readonly title: Localized;
  /** Override of the kind's default customer visibility. */
  readonly customerVisible?: boolean;
}

/** A card of a template, placed by stage and lane keys; cells fill top to bottom. */
export interface TemplateCard {
  /** Key of its stage. */
  readonly stage: string;
  /** Key of its lane. */
  readonly lane: string;
  /** Text; '\n' separates paragraphs. */
  readonly text: Localized;
  /** Channel of the touchpoint. */
  readonly channel?: Channel;
  /** Emotion score -2..2. */
  readonly emotion?: number;
  /** Department slug. */
  readonly department?: string;
  /** Decisive moment flag. */
  readonly momentOfTruth?: boolean;
  /** Prioritisation factors. */
  readonly priority?: PriorityFactors;
}

/** A persona of a template. */
export interface TemplatePersona {
  /** Short key, unique in the template. */
  readonly key: string;
  /** Name (may differ per language). */
  readonly name: Localized;
  /** Who they are. */
  readonly role: Localized;
  /** Something they would say. */
  readonly quote: Localized;
  /** What they want to achieve. */
  readonly goals: readonly Localized[];
  /** What they need from the organisation. */
  readonly needs: readonly Localized[];
  /** What frustrates them today. */
  readonly pains: readonly Localized[];
  /** Jobs to be done. */
  readonly jobs: readonly Localized[];
  /** Channels they use. */
  readonly channels: readonly Channel[];
  /** Situation and constraints. */
  readonly context: Localized;
}

/** A whole bilingual template. */
export interface TemplateDefinition {
  /** Prefix of every id in the template, e.g. `demo`. */
  readonly idPrefix: string;
  /** Map title. */
  readonly title: Localized;
  /** AS-IS or TO-BE. */
  readonly state: MapState;
  /** Columns, left to right. */
  readonly stages: readonly TemplateStage[];
  /** Rows, top to bottom. */
  readonly lanes: readonly TemplateLane[];
  /** Cards, in reading order within each cell. */
  readonly cards: readonly TemplateCard[];
  /** Personas. */
  readonly personas: readonly TemplatePersona[];
}

/** Shorthand for a text in both languages. */
export function t(es: string, en: string): Localized {
  return { es, en };
}

/**
 * Builds the map JSON of a template in one language. Ids are deterministic (`<prefix>-s-<key>`,
 * ...), so every map made from a template has the same ids: harmless, ids are per document.
 */
export function buildTemplate(def: TemplateDefinition, locale: Locale): MapJson {
  const stageId = (key: string): StageId => `${def.idPrefix}-s-${key}` as StageId;
  const laneId = (key: string): LaneId => `${def.idPrefix}-l-${key}` as LaneId;
  const stageKeys = initialKeys(def.stages.length);
  const laneKeys = initialKeys(def.lanes.length);
  const personaKeys = initialKeys(def.personas.length);

  const perCell = new Map<string, number>();
  for (const c of def.cards)
    perCell.set(`${c.stage}|${c.lane}`, (perCell.get(`${c.stage}|${c.lane}`) ?? 0) + 1);
  const cellKeys = new Map([...perCell].map(([cell, n]) => [cell, initialKeys(n)]));
  const used = new Map<string, number>();

  const json = {
    format: MAP_JSON_FORMAT,
    version: MAP_JSON_VERSION,
    meta: { title: def.title[locale], state: def.state, locale },
    stages: def.stages.map((s, i) => ({
      id: stageId(s.key),
      name: s.name[locale],
      order: stageKeys[i] ?? '',
    })),
    lanes: def.lanes.map((l, i) => ({
      id: laneId(l.key),
      kind: l.kind,
      title: l.title[locale],
      order: laneKeys[i] ?? '',
      customerVisible: l.customerVisible ?? laneKindInfo(l.kind).customerVisibleByDefault,
    })),
    cards: def.cards.map((c, i) => {
      const cell = `${c.stage}|${c.lane}`;
      const n = used.get(cell) ?? 0;
      used.set(cell, n + 1);
      const { stage, lane, text, ...fields } = c;
      return {
        id: `${def.idPrefix}-c-${String(i + 1).padStart(2, '0')}` as CardId,
        stageId: stageId(stage),
        laneId: laneId(lane),
        order: cellKeys.get(cell)?.[n] ?? '',
        paragraphs: text[locale].split('\n'),
        ...fields,
      };
    }),
    personas: def.personas.map((p, i) => ({
      id: `${def.idPrefix}-p-${p.key}` as PersonaId,
      order: personaKeys[i] ?? '',
      name: p.name[locale],
      role: p.role[locale],
      quote: p.quote[locale],
      goals: p.goals.map((x) => x[locale]),
      needs: p.needs.map((x) => x[locale]),
      pains: p.pains.map((x) => x[locale]),
      jobs: p.jobs.map((x) => x[locale]),
      channels: [...p.channels],
      context: p.context[locale],
    })),
  };
  // Validated like any imported file: a template with a typo fails its test, not a user.
  return parseMapJson(json);
}
