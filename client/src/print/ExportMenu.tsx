import { useEffect, useState } from 'react';
import { ApiRequestError } from '../api.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { MenuItem } from '../map/MenuItem.tsx';
import { Popover } from '../ui/Popover.tsx';
import { downloadExport, EXPORT_FORMATS, type ExportFormat } from './exportFiles.ts';
import { isPrintShortcut, printMap } from './printMap.ts';

const LABELS: Readonly<Record<ExportFormat, MessageKey>> = {
  json: 'export.json',
  csv: 'export.csv',
  xlsx: 'export.xlsx',
  pdf: 'export.pdf',
  png: 'export.png',
};

/**
 * "Export" in the map header (inside the Menu on a phone): JSON, CSV, Excel, PDF and PNG
 * downloads, and Print, which prints the printable page (the PDF's layout) through the browser
 * (printMap.ts). A PDF or PNG takes a few seconds for a big map: the menu says so meanwhile.
 */
export function ExportMenu({ mapId }: { mapId: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The browser's print shortcut prints the whole map as the PDF lays it out, not the screen.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPrintShortcut(event)) return;
      event.preventDefault();
      printMap(mapId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mapId]);

  const download = async (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    try {
      await downloadExport(mapId, format);
    } catch (cause) {
      setError(
        cause instanceof ApiRequestError && cause.code === 'export-unavailable'
          ? t('export.unavailable')
          : fill(t('export.failed'), {
              message: cause instanceof Error ? cause.message : String(cause),
            }),
      );
    } finally {
      setBusy(null);
    }
  };

  return (
    <Popover
      label={t('export.button')}
      trigger={t('export.button')}
      triggerClassName="topbar__button"
      className="menu export-menu"
      align="end"
      testId="export-menu"
    >
      {(close) => (
        <>
          {EXPORT_FORMATS.map((format) => (
            <MenuItem
              key={format}
              disabled={busy !== null}
              onClick={() => {
                void download(format);
              }}
            >
              {t(LABELS[format])}
            </MenuItem>
          ))}
          <MenuItem
            onClick={() => {
              close();
              printMap(mapId);
            }}
          >
            {t('export.print')}
          </MenuItem>
          <p className="export-menu__status" role="status" data-testid="export-status">
            {busy ? fill(t('export.preparing'), { format: busy.toUpperCase() }) : ''}
          </p>
          {error && (
            <p className="export-menu__error error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </Popover>
  );
}
