import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { Link, useLocation } from 'wouter';
import type { MapState } from '../../../shared/index.ts';
import { can, type MapRole } from '../../../shared/policy.ts';
import { api } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { fill } from '../i18n/format.ts';
import './compare.css';

interface JourneyActionsProps {
  mapId: string;
  title: string;
  state: MapState;
  role: MapRole | null | undefined;
}

/**
 * The map header's AS-IS/TO-BE actions: "Create TO-BE" on an AS-IS map (owners and editors), and
 * on a TO-BE map the way to its comparison with the AS-IS it was made from.
 */
export function JourneyActions({ mapId, title, state, role }: JourneyActionsProps) {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  if (state === 'to-be') {
    return can(role, 'map.read') ? (
      <Link href={`/maps/${mapId}/compare`} className="topbar__button" data-testid="compare-link">
        {t('compare.open')}
      </Link>
    ) : null;
  }
  if (!can(role, 'map.copy')) return null;
  return (
    <>
      <button
        type="button"
        className="topbar__button"
        data-testid="create-to-be"
        onClick={() => setCreating(true)}
      >
        {t('copy.createToBe')}
      </button>
      {creating && (
        <CreateToBeDialog mapId={mapId} title={title} onClose={() => setCreating(false)} />
      )}
    </>
  );
}

/**
 * The TO-BE's suggested title: the AS-IS title with "AS-IS" turned into "TO-BE" when it says so
 * ("Aviso de viaje (AS-IS)" -> "Aviso de viaje (TO-BE)"), else "<title> (TO-BE)".
 */
function defaultTitle(title: string, pattern: string): string {
  const named = /\bAS-IS\b/i.test(title)
    ? title.replace(/\bAS-IS\b/i, 'TO-BE')
    : fill(pattern, { title });
  return named.slice(0, 200);
}

/** Asks the TO-BE map's title, creates the linked copy and opens it. */
function CreateToBeDialog({
  mapId,
  title,
  onClose,
}: {
  mapId: string;
  title: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(() => defaultTitle(title, t('copy.defaultTitle')));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const copy = await api.copyMap(mapId, { title: name, state: 'to-be' });
      navigate(`/maps/${copy.id}`);
    } catch (cause) {
      setError(
        fill(t('copy.error'), { message: cause instanceof Error ? cause.message : String(cause) }),
      );
      setBusy(false);
    }
  };

  // In <body>, not in the header: on a phone the header's menu closes (and hides what it holds)
  // as soon as someone touches outside it.
  return createPortal(
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="create-to-be-title"
      data-testid="create-to-be-dialog"
      onClose={onClose}
    >
      <header className="dialog__header">
        <h2 id="create-to-be-title">{t('copy.dialogTitle')}</h2>
        <button
          type="button"
          className="dialog__close"
          aria-label={t('copy.close')}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <form className="dialog__body" onSubmit={(event) => void submit(event)}>
        <p className="copy-dialog__help">{t('copy.help')}</p>
        <label className="copy-dialog__field">
          {t('copy.titleLabel')}
          <input
            value={name}
            required
            maxLength={200}
            autoFocus
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="copy-dialog__actions">
          <button type="button" className="link-button" onClick={onClose}>
            {t('copy.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            {busy ? t('copy.creating') : t('copy.submit')}
          </button>
        </div>
      </form>
    </dialog>,
    document.body,
  );
}
