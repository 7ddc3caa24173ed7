import { useId, useState, type FormEvent } from 'react';
import { fill, timeAgo } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useToasts } from '../ui/Toasts.tsx';
import type { VersionHistory } from './useVersionHistory.ts';
import type { VersionComparison } from './versionDiff.ts';
import { exactTime } from './versionFormat.ts';
import { VERSION_NAME_MAX, type MapVersion } from './versionsApi.ts';
import { SidePanel } from '../ui/SidePanel.tsx';

interface VersionsPanelProps {
  history: VersionHistory;
  /** While comparing: what changed since the opened version (removed cards are listed here). */
  comparison: VersionComparison | null;
  canCreate: boolean;
  canRestore: boolean;
  onClose: () => void;
}

/**
 * "Historial": the map's versions, newest first, with when (relative and exact), who, and
 * whether a person named it or the server saved it. Each can be looked at read-only, compared
 * with the live board, or restored for everyone (after a confirmation; a toast offers to undo).
 * A side panel beside the board, like the personas and "since your last visit".
 */
export function VersionsPanel({
  history,
  comparison,
  canCreate,
  canRestore,
  onClose,
}: VersionsPanelProps) {
  const { t, locale } = useI18n();
  const toasts = useToasts();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { versions, opened } = history;

  const restore = async (versionId: string) => {
    setBusy(true);
    setError(null);
    try {
      const before = await history.restore(versionId);
      setConfirming(null);
      toasts.show({
        message: t('versions.restored'),
        durationMs: 15_000,
        action: {
          label: t('versions.undo'),
          run: () => {
            history.restore(before.id).then(
              () => toasts.show({ message: t('versions.undone') }),
              () => toasts.show({ message: t('versions.undoFailed') }),
            );
          },
        },
      });
    } catch {
      setError(t('versions.restoreFailed'));
    } finally {
      setBusy(false);
    }
  };

  const openVersion = (versionId: string, mode: 'view' | 'compare') => {
    setError(null);
    history.open(versionId, mode).catch(() => setError(t('versions.openFailed')));
  };

  const row = (version: MapVersion) => {
    const titleId = `version-${version.id}`;
    const isOpen = opened?.version.id === version.id;
    return (
      <li
        key={version.id}
        className={`version-item${isOpen ? ' version-item--open' : ''}`}
        data-testid="version-item"
        data-version-id={version.id}
        data-auto={version.auto}
      >
        <span className="version-item__name" id={titleId}>
          {version.name ?? t('versions.auto')}
        </span>
        <span className="version-item__meta">
          {t(version.auto ? 'versions.kind.auto' : 'versions.kind.named')}
          {version.authorName && ` · ${fill(t('versions.by'), { name: version.authorName })}`}
        </span>
        <span className="version-item__when">
          <time dateTime={version.createdAt}>
            {timeAgo(version.createdAt, history.receivedAt, locale)}
          </time>
          {' · '}
          {exactTime(version.createdAt, locale)}
        </span>
        {confirming === version.id ? (
          <div className="confirm version-item__confirm">
            <p className="confirm__message" role="alert">
              {t('versions.restoreConfirm')}
            </p>
            <div className="mini-form__actions">
              <button
                type="button"
                className="danger"
                disabled={busy}
                data-testid="version-restore-confirm"
                onClick={() => void restore(version.id)}
              >
                {t('versions.restore')}
              </button>
              <button
                type="button"
                className="secondary"
                autoFocus
                onClick={() => setConfirming(null)}
              >
                {t('versions.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="version-item__actions">
            <button
              type="button"
              className="secondary"
              aria-describedby={titleId}
              aria-pressed={isOpen && opened?.mode === 'view'}
              disabled={history.loading === version.id}
              data-testid="version-view"
              onClick={() => openVersion(version.id, 'view')}
            >
              {t('versions.view')}
            </button>
            <button
              type="button"
              className="secondary"
              aria-describedby={titleId}
              aria-pressed={isOpen && opened?.mode === 'compare'}
              disabled={history.loading === version.id}
              data-testid="version-compare"
              onClick={() => openVersion(version.id, 'compare')}
            >
              {t('versions.compare')}
            </button>
            {canRestore && (
              <button
                type="button"
                className="secondary"
                aria-describedby={titleId}
                data-testid="version-restore"
                onClick={() => setConfirming(version.id)}
              >
                {t('versions.restore')}
              </button>
            )}
          </div>
        )}
      </li>
    );
  };

  return (
    <SidePanel
      name="versions"
      title={t('versions.title')}
      closeLabel={t('versions.close')}
      onClose={onClose}
    >
      {canCreate && <SaveVersionForm history={history} />}
      {error && (
        <p className="versions-panel__error" role="alert">
          {error}
        </p>
      )}
      {comparison && opened && <RemovedList comparison={comparison} />}
      {versions === null ? (
        <p className="side-panel__empty">
          {history.failed ? t('versions.loadFailed') : t('versions.loading')}
        </p>
      ) : versions.length === 0 ? (
        <p className="side-panel__empty">{t('versions.none')}</p>
      ) : (
        <ul className="versions-list" aria-labelledby="versions-title">
          {versions.map(row)}
        </ul>
      )}
    </SidePanel>
  );
}

/** "Guardar versión": the live state now, under a name ("Antes del taller"). */
function SaveVersionForm({ history }: { history: VersionHistory }) {
  const { t } = useI18n();
  const toasts = useToasts();
  const inputId = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    setBusy(true);
    setFailed(false);
    try {
      await history.save(trimmed);
      setName('');
      toasts.show({ message: fill(t('versions.saved'), { name: trimmed }) });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="versions-save" onSubmit={(event) => void submit(event)}>
      <label htmlFor={inputId}>{t('versions.nameLabel')}</label>
      <div className="versions-save__row">
        <input
          id={inputId}
          value={name}
          maxLength={VERSION_NAME_MAX}
          placeholder={t('versions.namePlaceholder')}
          data-testid="version-name"
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" disabled={busy || !name.trim()} data-testid="version-save">
          {t('versions.save')}
        </button>
      </div>
      {failed && (
        <p className="versions-panel__error" role="alert">
          {t('versions.saveFailed')}
        </p>
      )}
    </form>
  );
}

/** The cards, stages and lanes of the version that are gone now: they are not on the board. */
function RemovedList({ comparison }: { comparison: VersionComparison }) {
  const { t } = useI18n();
  const { removedCards, removedStages, removedLanes } = comparison;
  const total = removedCards.length + removedStages.length + removedLanes.length;
  return (
    <section className="versions-removed" aria-labelledby="versions-removed-title">
      <h3 id="versions-removed-title" className="versions-panel__section">
        <span aria-hidden="true">− </span>
        {t('versions.removedTitle')} ({total})
      </h3>
      {total === 0 ? (
        <p className="side-panel__empty">{t('versions.removedNone')}</p>
      ) : (
        // Scrolls on its own (a wiped map lists many cards): focusable, so keyboards scroll it too.
        <div
          className="versions-removed__scroll"
          tabIndex={0}
          role="region"
          aria-labelledby="versions-removed-title"
        >
          <ul className="versions-removed__list">
            {removedStages.map((name, i) => (
              <li key={`stage-${i}`} data-testid="version-removed" data-kind="stage">
                <span className="versions-removed__what">{t('versions.removed.stage')}</span>{' '}
                {fill(t('versions.quoted'), { text: name || t('versions.untitled') })}
              </li>
            ))}
            {removedLanes.map((title, i) => (
              <li key={`lane-${i}`} data-testid="version-removed" data-kind="lane">
                <span className="versions-removed__what">{t('versions.removed.lane')}</span>{' '}
                {fill(t('versions.quoted'), { text: title || t('versions.untitled') })}
              </li>
            ))}
            {removedCards.map((card) => (
              <li key={card.id} data-testid="version-removed" data-kind="card" data-id={card.id}>
                <span className="versions-removed__what">{t('versions.removed.card')}</span>{' '}
                {fill(t('versions.quoted'), { text: card.text || t('versions.untitled') })}
                {(card.stage || card.lane) && (
                  <span className="versions-removed__where">
                    {[card.lane, card.stage].filter(Boolean).join(' / ')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
