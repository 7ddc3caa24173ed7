import type { Locale } from '../../shared/locale.ts';
import type { MapState } from '../../shared/records/meta.ts';

/** Words of the printed map, in the map's language (the client's wording where it has one). */
export interface PrintLabels {
  state: Readonly<Record<MapState, string>>;
  journeyMap: string;
  stages: string;
  lanes: string;
  cards: string;
  laneAndStage: string;
  /** "Stages 1–6 of 40" */
  stageRange: (first: number, last: number, total: number) => string;
  emotionCurve: string;
  emotion: string;
  emotions: Readonly<Record<number, string>>;
  priority: string;
  momentOfTruth: string;
  unplaced: string;
  unplacedHelp: string;
  exportedOn: string;
  empty: string;
}

const ES: PrintLabels = {
  state: { 'as-is': 'AS-IS (situación actual)', 'to-be': 'TO-BE (experiencia futura)' },
  journeyMap: 'Mapa de recorrido del cliente',
  stages: 'etapas',
  lanes: 'carriles',
  cards: 'tarjetas',
  laneAndStage: 'Carril / Etapa',
  stageRange: (first, last, total) => `Etapas ${first}–${last} de ${total}`,
  emotionCurve: 'Curva emocional',
  emotion: 'Emoción',
  emotions: { [-2]: 'Muy mal', [-1]: 'Mal', 0: 'Neutral', 1: 'Bien', 2: 'Muy bien' },
  priority: 'Prioridad',
  momentOfTruth: 'Momento de la verdad',
  unplaced: 'Tarjetas sin ubicar',
  unplacedHelp: 'Su etapa o su carril se borró; siguen en el mapa hasta que alguien las coloque.',
  exportedOn: 'Exportado el',
  empty: 'Este mapa aún no tiene etapas ni carriles.',
};

const EN: PrintLabels = {
  state: { 'as-is': 'AS-IS (how it is today)', 'to-be': 'TO-BE (designed future)' },
  journeyMap: 'Customer journey map',
  stages: 'stages',
  lanes: 'lanes',
  cards: 'cards',
  laneAndStage: 'Lane / Stage',
  stageRange: (first, last, total) => `Stages ${first}–${last} of ${total}`,
  emotionCurve: 'Emotional curve',
  emotion: 'Emotion',
  emotions: { [-2]: 'Very bad', [-1]: 'Bad', 0: 'Neutral', 1: 'Good', 2: 'Very good' },
  priority: 'Priority',
  momentOfTruth: 'Moment of truth',
  unplaced: 'Unplaced cards',
  unplacedHelp: 'Their stage or lane was deleted; they stay in the map until someone places them.',
  exportedOn: 'Exported on',
  empty: 'This map has no stages or lanes yet.',
};

/** The print labels of a locale. */
export function printLabels(locale: Locale): PrintLabels {
  return locale === 'en' ? EN : ES;
}
