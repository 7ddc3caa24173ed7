import { Link } from 'wouter';
import { can, type MapRole } from '../../../shared/policy.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The map header's link to the map's actions (internal roles). */
export function ActionsLink({ mapId, role }: { mapId: string; role: MapRole | null | undefined }) {
  const { t } = useI18n();
  if (!can(role, 'actions.read')) return null;
  return (
    <Link
      href={`/maps/${mapId}/actions`}
      className="topbar__button actions-link"
      data-testid="actions-link"
    >
      {t('actions.open')}
    </Link>
  );
}

/** The map list header's link to "My actions". */
export function MyActionsLink() {
  const { t } = useI18n();
  return (
    <Link href="/actions" className="topbar__button actions-link" data-testid="my-actions-link">
      {t('actions.mine')}
    </Link>
  );
}
