import type { MapConnection } from './useMapDoc.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Shows whether the map is connected and how many local changes await the server's ack. */
export function ConnectionBadge({ connection }: { connection: MapConnection }) {
  const { t } = useI18n();
  const label =
    connection.status === 'connected'
      ? t('conn.connected')
      : connection.status === 'connecting'
        ? t('conn.connecting')
        : t('conn.disconnected');
  return (
    <div
      className={`conn conn--${connection.status}`}
      data-testid="connection"
      data-status={connection.status}
      aria-live="polite"
    >
      <span className="conn__dot" aria-hidden="true" />
      <span>{label}</span>
      <span className="conn__sync" data-testid="unsynced" data-count={connection.unsynced}>
        {connection.unsynced > 0
          ? `· ${connection.unsynced} ${t('conn.unsynced')}`
          : `· ${t('conn.synced')}`}
      </span>
    </div>
  );
}
