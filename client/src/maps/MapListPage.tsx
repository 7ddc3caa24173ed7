import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { MyActionsLink } from '../actions/ActionsLink.tsx';
import { useLocation } from 'wouter';
import { TEMPLATE_IDS, type TemplateId } from '../../../shared/index.ts';
import { api, type MapSummary } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { fill } from '../i18n/format.ts';
import { useRefresh } from '../inbox/useRefresh.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { UserMenu } from '../auth/UserMenu.tsx';
import { ImportMapButton } from './ImportMapButton.tsx';
import { groupJourneys, type JourneyNode } from './journeyGroups.ts';
import { MapListItem } from './MapListItem.tsx';

/** The maps I can open, and a form to create one (blank or from a template). */
export function MapListPage() {
  const { t, locale } = useI18n();
  // Guests (invited customers) can open what they were invited to, not create maps.
  const canCreate = useAuth().user?.guest !== true;
  const [, navigate] = useLocation();
  const [maps, setMaps] = useState<MapSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<TemplateId | ''>('');

  // Read again on focus and every 30 s, so unread comment counts follow what I read elsewhere.
  const load = useCallback(() => {
    api.listMaps().then(setMaps, () => setError(t('maps.loadError')));
  }, [t]);
  useRefresh(load);
  const unread = maps?.reduce((sum, map) => sum + map.unreadComments, 0) ?? 0;
  useDocumentTitle(t('inbox.mapsPageTitle'), unread);

  // A journey's AS-IS map with its TO-BE copies under it.
  const journeys = useMemo(() => groupJourneys(maps ?? []), [maps]);
  const changed = useCallback(
    (id: string, map: MapSummary | null) =>
      setMaps((all) =>
        map
          ? (all ?? []).map((m) => (m.id === map.id ? map : m))
          : (all ?? []).filter((m) => m.id !== id),
      ),
    [],
  );

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const map = await api.createMap({ title, locale, ...(template ? { template } : {}) });
      navigate(`/maps/${map.id}`);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  return (
    <div className="list-page">
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="topbar__tagline">{t('app.tagline')}</span>
        <span className="topbar__spacer" />
        <MyActionsLink />
        <UserMenu />
        <LanguageSwitch />
      </header>
      <main className="list-page__body">
        <h1>{t('maps.title')}</h1>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {canCreate && (
          <form className="new-map" onSubmit={create}>
            <label>
              {t('maps.newTitle')}
              <input
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                required
                maxLength={200}
              />
            </label>
            <label>
              {t('maps.template')}
              <select
                value={template}
                onChange={(e) => setTemplate(e.target.value as TemplateId | '')}
              >
                <option value="">{t('maps.template.blank')}</option>
                {TEMPLATE_IDS.map((id) => (
                  <option key={id} value={id}>
                    {t(`maps.template.${id}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t('maps.new')}</button>
          </form>
        )}
        {canCreate && <ImportMapButton />}
        {maps && maps.length === 0 && <p>{t('maps.empty')}</p>}
        <ul className="map-list" data-testid="map-list">
          {journeys.map((node) => (
            <JourneyItem key={node.map.id} node={node} onError={setError} onChanged={changed} />
          ))}
        </ul>
      </main>
    </div>
  );
}

interface JourneyItemProps {
  node: JourneyNode<MapSummary>;
  onChanged: (id: string, map: MapSummary | null) => void;
  onError: (message: string) => void;
}

/** A map of the list and, nested under it, the maps copied from it. */
function JourneyItem({ node, onChanged, onError }: JourneyItemProps) {
  const { t } = useI18n();
  return (
    <MapListItem
      map={node.map}
      source={node.source}
      onError={onError}
      onChanged={(map) => onChanged(node.map.id, map)}
    >
      {node.copies.length > 0 && (
        <ul
          className="map-list map-list--copies"
          aria-label={fill(t('compare.list.copiesOf'), { title: node.map.title })}
        >
          {node.copies.map((copy) => (
            <JourneyItem key={copy.map.id} node={copy} onChanged={onChanged} onError={onError} />
          ))}
        </ul>
      )}
    </MapListItem>
  );
}
