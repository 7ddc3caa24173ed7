import { useId, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { ApiRequestError } from '../api.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { importMapFile, MAX_IMPORT_BYTES } from '../print/exportFiles.ts';

/**
 * "Import a map" on the map list: picks a JSON file exported from Recorrido, sends it as it is
 * (the server validates it and says what is wrong) and opens the new map, which is mine.
 */
export function ImportMapButton() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const input = useRef<HTMLInputElement>(null);
  const helpId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ summary: string; details?: string } | null>(null);

  const importFile = async (file: File) => {
    setError(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setError({ summary: t('export.importTooLarge') });
      return;
    }
    setBusy(true);
    try {
      navigate(`/maps/${await importMapFile(await file.text())}`);
    } catch (cause) {
      if (cause instanceof ApiRequestError && cause.code === 'invalid-map-file') {
        setError({ summary: t('export.importInvalid'), details: cause.message });
      } else if (cause instanceof ApiRequestError && cause.status === 413) {
        setError({ summary: t('export.importTooLarge') });
      } else {
        setError({
          summary: fill(t('export.importFailed'), {
            message: cause instanceof Error ? cause.message : String(cause),
          }),
        });
      }
    } finally {
      setBusy(false);
      // The same file may be picked again after fixing it.
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="import-map" data-testid="import-map">
      <button
        type="button"
        className="import-map__button"
        aria-describedby={helpId}
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        {busy ? t('export.importing') : t('export.import')}
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-map-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void importFile(file);
        }}
      />
      <p id={helpId} className="import-map__help">
        {t('export.importHelp')}
      </p>
      {error && (
        <div role="alert" className="error import-map__error" data-testid="import-map-error">
          <p>{error.summary}</p>
          {error.details && (
            // Focusable: a long list of problems scrolls, and a keyboard must reach all of it.
            <pre className="import-map__details" tabIndex={0}>
              {error.details}
            </pre>
          )}
        </div>
      )}
    </div>
  );
}
