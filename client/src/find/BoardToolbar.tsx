import { useEffect, useId, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { MapView } from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Popover } from '../ui/Popover.tsx';
import { useFind } from './FindContext.tsx';
import { FilterPanel, useWorkspaceDepartments } from './FilterPanel.tsx';
import { filterCount } from './match.ts';

/** True when a key pressed there is someone typing (a field, a card's editor). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !==
      null
  );
}

/**
 * The board's toolbar, above the board: a search box over the cards' text (with the position
 * among the matches, previous and next) and the filters. "/" anywhere on the page (when not
 * typing) puts the focus in the search box; the browser's own Ctrl+F is left alone.
 */
export function BoardToolbar({ view }: { view: MapView }) {
  const find = useFind();
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const departments = useWorkspaceDepartments();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.defaultPrevented || isTyping(event.target)) return;
      // Not from behind a modal dialog (members, a confirmation).
      if (document.querySelector('[aria-modal="true"], dialog[open]')) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  if (!find) return null;
  const { query, matches, currentIndex } = find;
  const total = matches.length;
  const count = filterCount(find.filters);
  const filtersLabel = count > 0 ? `${t('find.filters')} (${count})` : t('find.filters');
  let status = '';
  if (query.trim() !== '') {
    if (total === 0) status = t('find.none');
    else if (currentIndex >= 0)
      status = fill(t('find.position'), { current: currentIndex + 1, total });
    else status = fill(t('find.count'), { total });
  }

  const onToolbarKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    // Escape from the box or its buttons: empty the search, back in the box.
    if (event.key !== 'Escape' || query === '') return;
    event.preventDefault();
    find.clear();
    input.current?.focus();
  };

  return (
    <div
      className="board-toolbar"
      role="toolbar"
      aria-label={t('find.toolbar')}
      onKeyDown={onToolbarKeyDown}
      data-testid="board-toolbar"
    >
      <div className="board-toolbar__search">
        <label htmlFor={inputId} className="visually-hidden">
          {t('find.search')}
        </label>
        <input
          ref={input}
          id={inputId}
          type="search"
          className="board-toolbar__input"
          placeholder={t('find.placeholder')}
          title={t('find.searchTitle')}
          aria-keyshortcuts="/"
          aria-describedby={`${inputId}-status`}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => find.setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              find.step(event.shiftKey ? -1 : 1);
            }
          }}
        />
        <span
          id={`${inputId}-status`}
          className="board-toolbar__status"
          role="status"
          data-testid="find-status"
        >
          {status}
        </span>
        <button
          type="button"
          className="board-toolbar__step"
          aria-label={t('find.previous')}
          title={`${t('find.previous')} (Shift+Enter)`}
          disabled={total === 0}
          onClick={() => find.step(-1)}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M3.5 10 8 5.5 12.5 10" fill="none" stroke="currentColor" strokeWidth="1.8" />
          </svg>
        </button>
        <button
          type="button"
          className="board-toolbar__step"
          aria-label={t('find.next')}
          title={`${t('find.next')} (Enter)`}
          disabled={total === 0}
          onClick={() => find.step(1)}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M3.5 6 8 10.5 12.5 6" fill="none" stroke="currentColor" strokeWidth="1.8" />
          </svg>
        </button>
      </div>
      <Popover
        label={filtersLabel}
        trigger={
          <>
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
              <path d="M1.5 2.5h13L9.5 8.5v5l-3-1.5v-3.5z" fill="currentColor" />
            </svg>
            <span>{filtersLabel}</span>
          </>
        }
        triggerClassName={`board-toolbar__filters${count > 0 ? ' board-toolbar__filters--active' : ''}`}
        role="dialog"
        className="popover--filters"
        align="end"
        testId="find-filters"
      >
        {(close) => (
          <FilterPanel
            view={view}
            workspace={departments}
            filters={find.filters}
            onChange={find.setFilters}
            close={close}
          />
        )}
      </Popover>
    </div>
  );
}
