import { useEffect, useState, type ReactNode } from 'react';
import {
  departmentLabel,
  LANE_KINDS,
  laneKindLabel,
  type LaneKind,
  type MapView,
} from '../../../shared/index.ts';
import { api, type Department } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { BoardFilters } from './match.ts';

interface FilterPanelProps {
  view: MapView;
  /** The workspace's departments (see useWorkspaceDepartments). */
  workspace: readonly Department[];
  filters: BoardFilters;
  onChange: (filters: BoardFilters) => void;
  close: () => void;
}

/**
 * The workspace's departments (GET /api/departments); empty until loaded or when it fails.
 * Loaded by the toolbar, not the panel: a panel growing after it was placed would overflow.
 */
export function useWorkspaceDepartments(): readonly Department[] {
  const [departments, setDepartments] = useState<readonly Department[]>([]);
  useEffect(() => {
    let cancelled = false;
    api.departments().then(
      (loaded) => !cancelled && setDepartments(loaded),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return departments;
}

/** `list` with `item` added (at the end) or removed. */
function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

interface Option {
  id: string;
  label: string;
}

function CheckList({
  legend,
  options,
  chosen,
  empty,
  onToggle,
  testId,
}: {
  legend: string;
  options: readonly Option[];
  chosen: readonly string[];
  empty: ReactNode;
  onToggle: (id: string, on: boolean) => void;
  testId: string;
}) {
  return (
    <fieldset className="find-filters__group" data-testid={testId}>
      <legend>{legend}</legend>
      {options.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        options.map((option) => (
          <label key={option.id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(option.id)}
              onChange={(event) => onToggle(option.id, event.target.checked)}
            />
            {option.label}
          </label>
        ))
      )}
    </fieldset>
  );
}

/**
 * The board's filters: lane kinds (the other kinds' rows are hidden), departments and personas
 * (the cards they do not keep are dimmed). Each choice is written to the address at once.
 */
export function FilterPanel({ view, workspace, filters, onChange, close }: FilterPanelProps) {
  const { t, locale } = useI18n();

  const kinds: Option[] = LANE_KINDS.filter(
    (kind) => filters.kinds.includes(kind) || view.lanes.some((lane) => lane.kind === kind),
  ).map((kind) => ({ id: kind, label: laneKindLabel(kind, locale) }));

  // The departments cards use, the workspace's, and any chosen one (so it can be unchosen).
  const departmentIds = new Set<string>();
  for (const card of [...view.cards, ...view.unplaced]) {
    if (card.department) departmentIds.add(card.department);
  }
  for (const department of workspace) departmentIds.add(department.id);
  for (const id of filters.departments) departmentIds.add(id);
  const departmentName = (id: string) =>
    workspace.find((d) => d.id === id)?.label[locale] ?? departmentLabel(id, locale);
  const departments: Option[] = [...departmentIds]
    .map((id) => ({ id, label: departmentName(id) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));

  const personas: Option[] = view.personas.map((p) => ({ id: p.id, label: p.name }));
  for (const id of filters.personas) {
    if (!personas.some((p) => p.id === id)) personas.push({ id, label: t('find.deletedPersona') });
  }

  return (
    <div className="find-filters">
      <header className="details__header">
        <h2 className="details__title">{t('find.filters')}</h2>
        {/* Never disabled: the focus stays on it once the filters are cleared. */}
        <button
          type="button"
          className="link-button find-filters__clear"
          onClick={() => onChange({ kinds: [], departments: [], personas: [] })}
        >
          {t('find.clearFilters')}
        </button>
        <button
          type="button"
          className="dialog__close"
          aria-label={t('board.close')}
          onClick={close}
        >
          ×
        </button>
      </header>
      <p className="muted find-filters__hint">{t('find.filtersHint')}</p>
      <div className="find-filters__groups">
        <CheckList
          legend={t('find.kinds')}
          options={kinds}
          chosen={filters.kinds}
          empty={t('find.noKinds')}
          testId="filter-kinds"
          onToggle={(id, on) => {
            const next = toggle<string>(filters.kinds, id, on);
            onChange({
              ...filters,
              kinds: LANE_KINDS.filter((kind: LaneKind) => next.includes(kind)),
            });
          }}
        />
        <CheckList
          legend={t('find.departments')}
          options={departments}
          chosen={filters.departments}
          empty={t('find.noDepartments')}
          testId="filter-departments"
          onToggle={(id, on) =>
            onChange({ ...filters, departments: toggle(filters.departments, id, on) })
          }
        />
        <CheckList
          legend={t('find.personas')}
          options={personas}
          chosen={filters.personas}
          empty={t('personas.empty')}
          testId="filter-personas"
          onToggle={(id, on) =>
            onChange({ ...filters, personas: toggle(filters.personas, id, on) })
          }
        />
      </div>
    </div>
  );
}
