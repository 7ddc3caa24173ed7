import type { MapJson } from '../interchange.ts';
import type { Locale } from '../locale.ts';
import { buildTemplate, t } from './builder.ts';
import type { TemplateDefinition } from './builder.ts';
import { ECOMMERCE_PURCHASE } from './ecommerce-purchase.ts';
import { SERVICE_BLUEPRINT } from './service-blueprint.ts';
import { TRAVEL_ALERT_DEMO } from './travel-alert-demo.ts';

/** Ids of the built-in templates; the first is the demo seeded on first start. */
export const TEMPLATE_IDS = [
  'travel-alert-demo',
  'service-blueprint',
  'ecommerce-purchase',
] as const;

/** A built-in template id. */
export type TemplateId = (typeof TEMPLATE_IDS)[number];

const DEFINITIONS: Readonly<Record<TemplateId, TemplateDefinition>> = {
  'travel-alert-demo': TRAVEL_ALERT_DEMO,
  'service-blueprint': SERVICE_BLUEPRINT,
  'ecommerce-purchase': ECOMMERCE_PURCHASE,
};

/** True when `value` names a built-in template. */
export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);
}

/** A template as a map JSON in `locale`, ready for `applyMapJson` on an empty document. */
export function templateJson(id: TemplateId, locale: Locale): MapJson {
  return buildTemplate(DEFINITIONS[id], locale);
}

/** The template's map title in `locale` (for pickers). */
export function templateTitle(id: TemplateId, locale: Locale): string {
  return DEFINITIONS[id].title[locale];
}

const BLANK: TemplateDefinition = {
  idPrefix: 'blank',
  title: t('Nuevo mapa', 'New map'),
  state: 'as-is',
  stages: [
    { key: 'before', name: t('Antes', 'Before') },
    { key: 'during', name: t('Durante', 'During') },
    { key: 'after', name: t('Después', 'After') },
  ],
  lanes: [
    { key: 'actions', kind: 'actions', title: t('Acciones del cliente', 'Customer actions') },
    { key: 'emotions', kind: 'emotions', title: t('Emociones', 'Emotions') },
    { key: 'pains', kind: 'pain-points', title: t('Puntos de dolor', 'Pain points') },
  ],
  cards: [],
  personas: [],
};

/** A new map without cards: three stages (before, during, after) and three starter lanes. */
export function blankMapJson(locale: Locale): MapJson {
  return buildTemplate(BLANK, locale);
}
