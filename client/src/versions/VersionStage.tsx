import { useEffect, useRef, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { mapToJson } from '../../../shared/interchange.ts';
import type { Locale, MapView } from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { VersionBoard } from './VersionBoard.tsx';
import { VersionMarksProvider } from './VersionDiffContext.tsx';
import { compareWithNow, type DiffMark, type VersionComparison } from './versionDiff.ts';
import { exactTime } from './versionFormat.ts';
import type { MapVersion } from './versionsApi.ts';
import type { OpenedVersion, VersionHistory } from './useVersionHistory.ts';

/** Focuses the first element matched by one of `selectors` that is laid out. */
function focusFirstShown(selectors: readonly string[]): void {
  for (const selector of selectors) {
    const element = document.querySelector<HTMLElement>(selector);
    if (element && element.getClientRects().length > 0) {
      element.focus();
      return;
    }
  }
}

const NO_MARKS: ReadonlyMap<string, DiffMark> = new Map<string, DiffMark>();

/**
 * How often, at most, the comparison follows the live map while people edit it: on the
 * 2,400-card map reading the whole map as JSON and comparing it takes about 0.3 s of main
 * thread, and the map's view changes every 0.4 s while someone types.
 */
const FOLLOW_MS = 2_000;

/**
 * While comparing with a version: the differences between it and the live map, computed at
 * once when the comparison starts, then again when the live map changes (at most every
 * FOLLOW_MS). Null otherwise.
 */
export function useVersionComparison(
  opened: OpenedVersion | null,
  doc: Y.Doc | undefined,
  view: MapView | null,
): VersionComparison | null {
  const [result, setResult] = useState<{
    of: OpenedVersion;
    comparison: VersionComparison;
  } | null>(null);
  const last = useRef<{ of: OpenedVersion | null; at: number }>({ of: null, at: 0 });
  useEffect(() => {
    if (opened?.mode !== 'compare' || !doc || !view) return;
    const wait =
      last.current.of === opened ? Math.max(0, last.current.at + FOLLOW_MS - Date.now()) : 0;
    const timer = setTimeout(() => {
      last.current = { of: opened, at: Date.now() };
      setResult({ of: opened, comparison: compareWithNow(opened.map, mapToJson(doc)) });
    }, wait);
    return () => clearTimeout(timer);
  }, [opened, doc, view]);
  return opened?.mode === 'compare' && result?.of === opened ? result.comparison : null;
}

/** "«Antes del taller», 29 nov 2026, 7:10" or "29 nov 2026, 7:10" for an automatic version. */
function versionLabel(version: MapVersion, locale: Locale, t: (key: MessageKey) => string): string {
  const when = exactTime(version.createdAt, locale);
  return version.name ? fill(t('versions.named'), { name: version.name, when }) : when;
}

interface VersionStageProps {
  history: VersionHistory;
  comparison: VersionComparison | null;
  /** The live board (with its toolbar): replaced by the version while one is viewed. */
  children: ReactNode;
}

/**
 * Where the board goes on the map page: the live board; or a version's read-only board under a
 * banner saying so; or the live board with the differences since a version marked, under a
 * banner with the legend. Both banners lead back to the current map.
 */
export function VersionStage({ history, comparison, children }: VersionStageProps) {
  const { t, locale } = useI18n();
  const { opened } = history;
  if (!opened) return children;
  const label = versionLabel(opened.version, locale, t);
  const back = (
    <button
      type="button"
      className="secondary"
      data-testid="version-back"
      onClick={() => {
        const id = opened.version.id;
        const mode = opened.mode;
        history.close();
        // This button goes away with the banner: the focus goes back where the version was
        // opened from (its row in the panel) or to the History button, when either is shown.
        requestAnimationFrame(() =>
          focusFirstShown([
            `[data-version-id="${CSS.escape(id)}"] [data-testid="version-${mode}"]`,
            '[data-testid="versions-button"]',
          ]),
        );
      }}
    >
      {t('versions.back')}
    </button>
  );
  if (opened.mode === 'view') {
    return (
      <>
        <div
          className="version-banner version-banner--view"
          data-testid="version-banner"
          role="region"
          aria-labelledby="version-banner-title"
        >
          <p id="version-banner-title" className="version-banner__title">
            {fill(t('versions.viewing'), { version: label })}
          </p>
          {back}
        </div>
        <div className="version-board" data-testid="version-board">
          <VersionBoard map={opened.map} />
        </div>
      </>
    );
  }
  return (
    <>
      <div
        className="version-banner version-banner--compare"
        data-testid="version-banner"
        role="region"
        aria-labelledby="version-banner-title"
      >
        <p id="version-banner-title" className="version-banner__title">
          {fill(t('versions.comparing'), { version: label })}
        </p>
        {comparison && (
          <ul className="version-legend" aria-label={t('versions.legend')}>
            <li className="version-legend__item version-legend__item--added">
              <span className="version-mark version-mark--added">
                <span aria-hidden="true">+</span> {t('versions.mark.added')}
              </span>{' '}
              {comparison.counts.added}
            </li>
            <li className="version-legend__item version-legend__item--changed">
              <span className="version-mark version-mark--changed">
                <span aria-hidden="true">±</span> {t('versions.mark.changed')}
              </span>{' '}
              {comparison.counts.changed}
            </li>
            <li className="version-legend__item version-legend__item--removed">
              <span className="version-mark version-mark--removed">
                <span aria-hidden="true">−</span> {t('versions.mark.removed')}
              </span>{' '}
              {comparison.counts.removed} {t('versions.removedWhere')}
            </li>
          </ul>
        )}
        {back}
      </div>
      <VersionMarksProvider value={comparison?.marks ?? NO_MARKS}>{children}</VersionMarksProvider>
    </>
  );
}
