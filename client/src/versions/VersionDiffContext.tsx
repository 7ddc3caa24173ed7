import { createContext, useContext } from 'react';
import './versions.css';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { markKey, type DiffKind, type DiffMark } from './versionDiff.ts';

/** While comparing with a version: the live records added or changed since it (else empty). */
const VersionMarks = createContext<ReadonlyMap<string, DiffMark>>(new Map());

export const VersionMarksProvider = VersionMarks.Provider;

/** How this card, stage or lane differs from the version compared with; null when it does not. */
export function useVersionMark(kind: DiffKind, id: string): DiffMark | null {
  return useContext(VersionMarks).get(markKey(kind, id)) ?? null;
}

/**
 * The compare mark of a card, stage or lane on the live board: a word with a sign ("+ Nueva",
 * "± Cambiada"), not colour alone, read by screen readers too. The card or header around it is
 * outlined through CSS `:has(> .version-mark)` (versions.css), so the board's components only
 * place this element.
 */
export function VersionDiffMark({ kind, id }: { kind: DiffKind; id: string }) {
  const { t } = useI18n();
  const mark = useVersionMark(kind, id);
  if (!mark) return null;
  return (
    <span
      className={`version-mark version-mark--${mark} version-mark--${kind}`}
      data-testid="version-mark"
      data-mark={mark}
    >
      <span aria-hidden="true">{mark === 'added' ? '+' : '±'}</span>{' '}
      {t(mark === 'added' ? 'versions.mark.added' : 'versions.mark.changed')}
    </span>
  );
}
