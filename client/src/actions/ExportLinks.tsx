import { useI18n } from '../i18n/I18nProvider.tsx';
import { exportUrl } from './actionsApi.ts';

/** Downloads of a map's actions and pain points (the server answers with an attachment). */
export function ExportLinks({ mapId }: { mapId: string }) {
  const { t } = useI18n();
  return (
    <div className="actions-export" role="group" aria-label={t('actions.export')}>
      <a
        className="topbar__button"
        href={exportUrl(mapId, { format: 'csv', what: 'actions' })}
        download
        data-testid="export-actions-csv"
      >
        {t('actions.export.actionsCsv')}
      </a>
      <a
        className="topbar__button"
        href={exportUrl(mapId, { format: 'csv', what: 'pain-points' })}
        download
        data-testid="export-pain-points-csv"
      >
        {t('actions.export.painPointsCsv')}
      </a>
      <a
        className="topbar__button"
        href={exportUrl(mapId, { format: 'xlsx' })}
        download
        data-testid="export-xlsx"
      >
        {t('actions.export.xlsx')}
      </a>
    </div>
  );
}
