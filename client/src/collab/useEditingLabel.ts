import { departmentLabel, type PresenceUser } from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** "Carlos (IT) is editing", or null when nobody else is. */
export function useEditingLabel(people: readonly PresenceUser[]): string | null {
  const { t, locale } = useI18n();
  if (people.length === 0) return null;
  const names = people
    .map((p) => (p.department ? `${p.name} (${departmentLabel(p.department, locale)})` : p.name))
    .join(', ');
  return fill(t(people.length === 1 ? 'card.editing' : 'card.editingMany'), { names });
}
