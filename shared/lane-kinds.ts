import type { Locale, Localized } from './locale.ts';

/** The kinds of lane (row) a map can have, in the order the contract lists them. */
export const LANE_KINDS = [
  'actions',
  'touchpoints',
  'channels',
  'thoughts',
  'emotions',
  'pain-points',
  'opportunities',
  'moments-of-truth',
  'frontstage',
  'backstage',
  'systems',
  'departments',
  'kpis',
  'text',
] as const;

/** One kind of lane. */
export type LaneKind = (typeof LANE_KINDS)[number];

/** What the cards of a lane kind mainly carry besides their text. */
export type LaneCarries = 'text' | 'emotion' | 'channel' | 'moment' | 'priority' | 'department';

/** Everything the UI needs to know about a lane kind. */
export interface LaneKindInfo {
  /** Whether a new lane of this kind is shown to invited customers (backstage-like kinds are not). */
  readonly customerVisibleByDefault: boolean;
  /** The card field the lane is about: emotion score, channel, moment flag, priority, department. */
  readonly carries: LaneCarries;
  /** Short name, e.g. "Pain points". */
  readonly label: Localized;
  /** One sentence on what goes in the lane. */
  readonly description: Localized;
}

const INFO: Readonly<Record<LaneKind, LaneKindInfo>> = {
  actions: {
    customerVisibleByDefault: true,
    carries: 'text',
    label: { es: 'Acciones del cliente', en: 'Customer actions' },
    description: {
      es: 'Lo que hace el cliente en cada etapa, paso a paso.',
      en: 'What the customer does at each stage, step by step.',
    },
  },
  touchpoints: {
    customerVisibleByDefault: true,
    carries: 'text',
    label: { es: 'Puntos de contacto', en: 'Touchpoints' },
    description: {
      es: 'Dónde se cruza el cliente con la organización: web, anuncio, agente, sucursal...',
      en: 'Where the customer meets the organisation: website, ad, agent, branch...',
    },
  },
  channels: {
    customerVisibleByDefault: true,
    carries: 'channel',
    label: { es: 'Canales', en: 'Channels' },
    description: {
      es: 'El canal que usa el cliente en cada paso (web, app, teléfono, sucursal...).',
      en: 'The channel the customer uses at each step (web, app, phone, branch...).',
    },
  },
  thoughts: {
    customerVisibleByDefault: true,
    carries: 'text',
    label: { es: 'Pensamientos y preguntas', en: 'Thoughts and questions' },
    description: {
      es: 'Lo que piensa y se pregunta el cliente en cada momento.',
      en: 'What the customer thinks and wonders at each moment.',
    },
  },
  emotions: {
    customerVisibleByDefault: true,
    carries: 'emotion',
    label: { es: 'Emociones', en: 'Emotions' },
    description: {
      es: 'Cómo se siente el cliente, de -2 (muy mal) a +2 (muy bien); se dibuja como una curva.',
      en: 'How the customer feels, from -2 (very bad) to +2 (very good); drawn as a curve.',
    },
  },
  'pain-points': {
    customerVisibleByDefault: true,
    carries: 'priority',
    label: { es: 'Puntos de dolor', en: 'Pain points' },
    description: {
      es: 'Fricciones y frustraciones; se priorizan por tiempo y coste de arreglo e impacto.',
      en: 'Friction and frustration; prioritised by time and cost to fix and by impact.',
    },
  },
  opportunities: {
    customerVisibleByDefault: false,
    carries: 'priority',
    label: { es: 'Oportunidades e ideas', en: 'Opportunities and ideas' },
    description: {
      es: 'Ideas de mejora, priorizadas igual que los puntos de dolor.',
      en: 'Improvement ideas, prioritised like pain points.',
    },
  },
  'moments-of-truth': {
    customerVisibleByDefault: true,
    carries: 'moment',
    label: { es: 'Momentos de la verdad', en: 'Moments of truth' },
    description: {
      es: 'Momentos decisivos que deben salir bien para satisfacer y retener al cliente.',
      en: 'Decisive moments that must go right to satisfy and keep the customer.',
    },
  },
  frontstage: {
    customerVisibleByDefault: true,
    carries: 'text',
    label: { es: 'Frontstage (de cara al cliente)', en: 'Frontstage' },
    description: {
      es: 'Lo que hacen los empleados delante del cliente.',
      en: 'What employees do in front of the customer.',
    },
  },
  backstage: {
    customerVisibleByDefault: false,
    carries: 'text',
    label: { es: 'Backstage (detrás de escena)', en: 'Backstage' },
    description: {
      es: 'Procesos internos que el cliente no ve pero que sostienen cada punto de contacto.',
      en: 'Internal processes the customer does not see but that support each touchpoint.',
    },
  },
  systems: {
    customerVisibleByDefault: false,
    carries: 'text',
    label: { es: 'Sistemas de soporte', en: 'Supporting systems' },
    description: {
      es: 'Herramientas y sistemas de TI que intervienen (CRM, core bancario, centralita...).',
      en: 'Tools and IT systems involved (CRM, core banking, phone system...).',
    },
  },
  departments: {
    customerVisibleByDefault: false,
    carries: 'department',
    label: { es: 'Departamentos responsables', en: 'Departments and owners' },
    description: {
      es: 'Qué departamento es dueño de cada punto de contacto y dónde se pasa el testigo.',
      en: 'Which department owns each touchpoint and where one hands over to another.',
    },
  },
  kpis: {
    customerVisibleByDefault: false,
    carries: 'text',
    label: { es: 'Indicadores (KPI)', en: 'KPIs' },
    description: {
      es: 'Métricas de cada paso: NPS, CSAT, resolución al primer contacto, tiempo de atención...',
      en: 'Metrics for each step: NPS, CSAT, first-contact resolution, handling time...',
    },
  },
  text: {
    customerVisibleByDefault: true,
    carries: 'text',
    label: { es: 'Notas', en: 'Notes' },
    description: {
      es: 'Una fila libre para cualquier otra cosa.',
      en: 'A free row for anything else.',
    },
  },
};

/** True when `value` is one of the lane kinds this version knows. */
export function isLaneKind(value: unknown): value is LaneKind {
  return typeof value === 'string' && Object.hasOwn(INFO, value);
}

/** Defaults, card payload and labels of a lane kind. */
export function laneKindInfo(kind: LaneKind): LaneKindInfo {
  return INFO[kind];
}

/** The lane kind's name in `locale`, e.g. laneKindLabel('emotions', 'es') === 'Emociones'. */
export function laneKindLabel(kind: LaneKind, locale: Locale): string {
  return INFO[kind].label[locale];
}

/** One sentence on what a lane of this kind holds, in `locale`. */
export function laneKindDescription(kind: LaneKind, locale: Locale): string {
  return INFO[kind].description[locale];
}
