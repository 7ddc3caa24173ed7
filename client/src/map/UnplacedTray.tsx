import type * as Y from 'yjs';
import type { MapView } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Cards whose stage or lane was deleted concurrently: shown here, never silently hidden. */
export function UnplacedTray({ view }: { doc: Y.Doc; view: MapView }) {
  const { t } = useI18n();
  return (
    <aside className="tray" data-testid="unplaced">
      <h2>{t('map.unplaced')}</h2>
      <p className="tray__help">{t('map.unplacedHelp')}</p>
      <ul>
        {view.unplaced.map((card) => (
          <li key={card.id} className="card">
            {card.text}
          </li>
        ))}
      </ul>
    </aside>
  );
}
