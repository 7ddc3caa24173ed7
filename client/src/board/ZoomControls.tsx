import { useI18n } from '../i18n/I18nProvider.tsx';
import { fill } from '../i18n/format.ts';
import { ZOOM_STEPS } from './boardLayout.ts';

interface ZoomControlsProps {
  zoom: number;
  onZoom: (zoom: number) => void;
  /** The zoom at which the whole map fits on screen now. */
  fit: () => number;
  /** Whether the overview (minimap) shows, and its switch; null when the map is small. */
  overview: { shown: boolean; toggle: () => void } | null;
}

/** Zoom of the board: fit the whole map, 50%, 100%; and the overview's switch. */
export function ZoomControls({ zoom, onZoom, fit, overview }: ZoomControlsProps) {
  const { t } = useI18n();
  const percent = Math.round(zoom * 100);
  return (
    <div className="zoom" role="group" aria-label={t('board.zoom')}>
      <span className="zoom__value" aria-live="polite" data-testid="zoom-value">
        {fill(t('board.zoomValue'), { percent })}
      </span>
      <button type="button" className="zoom__button" onClick={() => onZoom(fit())}>
        {t('board.zoomFit')}
      </button>
      {ZOOM_STEPS.map((step) => (
        <button
          key={step}
          type="button"
          className="zoom__button"
          aria-pressed={zoom === step}
          onClick={() => onZoom(step)}
        >
          {fill(t('board.zoomValue'), { percent: step * 100 })}
        </button>
      ))}
      {overview && (
        <button
          type="button"
          className="zoom__button"
          aria-pressed={overview.shown}
          onClick={overview.toggle}
        >
          {t('board.overview')}
        </button>
      )}
    </div>
  );
}
