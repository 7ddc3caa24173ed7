import {
  departmentLabel,
  editingKey,
  type EditingTarget,
  type MapOrigin,
  type PresenceUser,
} from '../../../shared/index.ts';
import { useMapSession } from '../collab/MapSession.tsx';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useToasts } from '../ui/Toasts.tsx';

/**
 * A delete that can be taken back: runs `remove` as one undo step of its own and shows a toast
 * with "Undo" for several seconds, which restores exactly what was deleted (with the cards'
 * text) even if other changes happened since. Only I can undo my delete.
 */
export function useDeleteWithUndo(): (
  message: string,
  remove: (origin: MapOrigin) => void,
) => void {
  const { undo } = useMapSession();
  const toasts = useToasts();
  const { t } = useI18n();
  return (message, remove) => {
    const step = undo.isolate(remove);
    toasts.show({
      message,
      action: {
        label: t('undo.undo'),
        run: () => {
          step.undo();
          step.release();
        },
      },
      onExpire: step.release,
    });
  };
}

/**
 * The warning a delete confirmation adds when other people are writing in what would be
 * deleted ("Writing here right now: Carlos (IT)."), or '' when nobody is.
 */
export function useEditingWarning(targets: readonly EditingTarget[]): string {
  const { editors } = useMapSession();
  const { t, locale } = useI18n();
  const people = new Map<string, PresenceUser>();
  for (const target of targets) {
    for (const person of editors.get(editingKey(target)) ?? []) people.set(person.id, person);
  }
  if (people.size === 0) return '';
  const names = [...people.values()]
    .map((p) => (p.department ? `${p.name} (${departmentLabel(p.department, locale)})` : p.name))
    .join(', ');
  return fill(t('board.editingWarning'), { names });
}
