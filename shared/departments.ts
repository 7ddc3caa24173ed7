import type { Locale, Localized } from './locale.ts';

/** A department of the organisation (a silo the map brings together). */
export interface DepartmentInfo {
  /** Stable slug stored on cards and users, e.g. `contact-centre`. */
  readonly id: string;
  /** Name shown in the UI. */
  readonly label: Localized;
}

/**
 * The departments a new workspace starts with. A workspace may add its own, so cards store a
 * department as a free slug (see `DepartmentSchema` in records/card.ts), not as a closed enum.
 */
export const DEFAULT_DEPARTMENTS: readonly DepartmentInfo[] = [
  { id: 'marketing', label: { es: 'Marketing', en: 'Marketing' } },
  { id: 'sales', label: { es: 'Ventas', en: 'Sales' } },
  { id: 'digital', label: { es: 'Digital', en: 'Digital' } },
  { id: 'it', label: { es: 'Tecnología (TI)', en: 'IT' } },
  { id: 'operations', label: { es: 'Operaciones', en: 'Operations' } },
  { id: 'branches', label: { es: 'Red de sucursales', en: 'Branch network' } },
  { id: 'contact-centre', label: { es: 'Centro de contacto', en: 'Contact centre' } },
  { id: 'compliance', label: { es: 'Cumplimiento normativo', en: 'Compliance' } },
  { id: 'finance', label: { es: 'Finanzas', en: 'Finance' } },
];

/** Label of a default department in `locale`, or the slug itself for a workspace's own one. */
export function departmentLabel(id: string, locale: Locale): string {
  return DEFAULT_DEPARTMENTS.find((d) => d.id === id)?.label[locale] ?? id;
}
