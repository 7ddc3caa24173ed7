import { useI18n } from '../i18n/I18nProvider.tsx';

/** "Historial" in the map's top bar (inside the Menu on a phone): opens the versions panel. */
export function VersionsButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="topbar__button"
      aria-pressed={open}
      aria-controls={open ? 'versions-panel' : undefined}
      data-testid="versions-button"
      onClick={onToggle}
    >
      {t('versions.button')}
    </button>
  );
}
