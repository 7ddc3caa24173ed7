import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import { can } from '../../../shared/policy.ts';
import { api, type MapSummary } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { fill } from '../i18n/format.ts';
import { ValidationStateTag } from '../validation/ValidationStateTag.tsx';

interface MapListItemProps {
  map: MapSummary;
  /** The map this one was copied from, when it is in my list (the item is nested under it). */
  source?: MapSummary | null;
  /** The copies made from this map (its TO-BE maps), listed under it. */
  children?: ReactNode;
  onChanged: (map: MapSummary | null) => void;
  onError: (message: string) => void;
}

/**
 * One map of my list: title, my role, how far customers confirmed it, unread comments, last
 * change; rename and delete when my role allows.
 */
export function MapListItem({ map, source, children, onChanged, onError }: MapListItemProps) {
  const { t, locale } = useI18n();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(map.title);

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onChanged(await api.renameMap(map.id, title));
      setRenaming(false);
    } catch (cause) {
      onError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  const remove = async () => {
    if (!window.confirm(t('maps.deleteConfirm'))) return;
    try {
      await api.deleteMap(map.id);
      onChanged(null);
    } catch (cause) {
      onError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  return (
    <li
      data-testid="map-item"
      data-map-id={map.id}
      data-state={map.state}
      className={source ? 'map-list__copy' : undefined}
    >
      {renaming ? (
        <form className="map-list__rename" onSubmit={rename}>
          <input
            aria-label={t('maps.newTitle')}
            value={title}
            required
            maxLength={200}
            autoFocus
            onChange={(e) => setTitle(e.target.value)}
          />
          <button type="submit" className="primary">
            {t('maps.renameSave')}
          </button>
          <button type="button" className="link-button" onClick={() => setRenaming(false)}>
            {t('maps.cancel')}
          </button>
        </form>
      ) : (
        <span className="map-list__name">
          <Link href={`/maps/${map.id}`}>{map.title}</Link>
          {source && (
            <span className="map-list__source" data-testid="map-source">
              {fill(t(map.state === 'to-be' ? 'compare.list.toBeOf' : 'compare.list.copyOf'), {
                title: source.title,
              })}
            </span>
          )}
        </span>
      )}
      <span className="map-list__meta">
        <span className={`tag tag--${map.state}`} data-testid="map-state">
          {t(`compare.state.${map.state}`)}
        </span>
        {map.state === 'to-be' && map.sourceMapId && (
          <Link
            href={`/maps/${map.id}/compare`}
            className="map-list__compare"
            data-testid="map-compare-link"
          >
            {t('compare.open')}
          </Link>
        )}
        <span className={`tag tag--role tag--${map.role}`} title={t('maps.myRole')}>
          {t(`role.${map.role}`)}
        </span>
        {map.validationState && <ValidationStateTag state={map.validationState} />}
        {map.unseenRoleChanges > 0 && (
          <Link
            href={`/maps/${map.id}?members`}
            className="tag tag--notice"
            data-testid="unseen-role-changes"
          >
            {fill(t(map.unseenRoleChanges === 1 ? 'maps.roleChangeOne' : 'maps.roleChangeMany'), {
              count: map.unseenRoleChanges,
            })}
          </Link>
        )}
        {map.unreadComments > 0 && (
          <span className="tag tag--unread" data-testid="unread-comments">
            {fill(t(map.unreadComments === 1 ? 'inbox.mapUnreadOne' : 'inbox.mapUnreadMany'), {
              count: map.unreadComments,
            })}
          </span>
        )}
        <span>
          {t('maps.updated')} {new Date(map.updatedAt).toLocaleString(locale)}
        </span>
        {!renaming && can(map.role, 'map.rename') && (
          <button type="button" className="link-button" onClick={() => setRenaming(true)}>
            {t('maps.rename')}
          </button>
        )}
        {can(map.role, 'map.delete') && (
          <button
            type="button"
            className="link-button link-button--danger"
            onClick={() => void remove()}
          >
            {t('maps.delete')}
          </button>
        )}
      </span>
      {children}
    </li>
  );
}
