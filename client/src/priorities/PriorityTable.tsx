import { useState } from 'react';
import { Link } from 'wouter';
import { PRIORITY_FACTOR_KEYS } from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import {
  DEFAULT_SORT,
  firstDirection,
  sortRows,
  type PriorityRow,
  type Sort,
  type SortKey,
} from './priorityRows.ts';
import { cardLabel, formatScore } from './format.ts';

// The score comes right after the rank: on a phone the factors scroll sideways, the score stays.
const COLUMNS: readonly SortKey[] = [
  'rank',
  'score',
  'text',
  'stage',
  'kind',
  ...PRIORITY_FACTOR_KEYS,
];

const NUMERIC = new Set<SortKey>(['rank', ...PRIORITY_FACTOR_KEYS, 'score']);

/**
 * The pain points and opportunities as a table. Each column header is a button that sorts by it
 * (again: the other way); the sorted column says so with aria-sort, as screen readers expect.
 */
export function PriorityTable({ mapId, rows }: { mapId: string; rows: readonly PriorityRow[] }) {
  const { t, locale } = useI18n();
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const sorted = sortRows(rows, sort, locale);
  const title = (key: SortKey) => (key === 'rank' ? '#' : t(`priorities.col.${key}` as MessageKey));
  const choose = (key: SortKey) =>
    setSort((now) =>
      now.key === key
        ? { key, direction: now.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: firstDirection(key) },
    );
  if (rows.length === 0) return <p className="side-panel__empty">{t('priorities.empty')}</p>;
  return (
    <div className="priorities-table__wrap">
      <table className="priorities-table" data-testid="priorities-table">
        <caption className="visually-hidden">{t('priorities.table')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((key) => (
              <th
                key={key}
                scope="col"
                aria-sort={sort.key === key ? sort.direction : undefined}
                className={NUMERIC.has(key) ? 'priorities-table__num' : undefined}
              >
                <button
                  type="button"
                  className="priorities-table__sort"
                  onClick={() => choose(key)}
                  data-testid={`sort-${key}`}
                  aria-label={
                    key === 'rank' ? fill(t('priorities.sortBy'), { column: '#' }) : undefined
                  }
                >
                  {title(key)}
                  <span aria-hidden="true" className="priorities-table__arrow">
                    {sort.key === key ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const label = cardLabel(row.card.text) || t('priorities.emptyCard');
            const p = row.card.priority;
            return (
              <tr key={row.card.id} data-testid="priority-row" data-card-id={row.card.id}>
                <td className="priorities-table__num">{row.rank ?? '—'}</td>
                <td
                  className="priorities-table__num priorities-table__score"
                  data-testid="priority-score"
                >
                  {row.score === undefined ? (
                    <span className="priorities-table__unscored">{t('priorities.unscored')}</span>
                  ) : (
                    formatScore(row.score, locale)
                  )}
                </td>
                <td className="priorities-table__text">
                  <Link
                    href={`/maps/${mapId}?card=${encodeURIComponent(row.card.id)}`}
                    aria-label={fill(t('priorities.openCard'), { label })}
                  >
                    {label}
                  </Link>
                </td>
                <td>{row.stageName.trim() || t('silos.untitled')}</td>
                <td>
                  <span className={`priorities-kind priorities-kind--${row.kind}`}>
                    {t(`priorities.kind.${row.kind}`)}
                  </span>
                </td>
                {PRIORITY_FACTOR_KEYS.map((key) => (
                  <td key={key} className="priorities-table__num">
                    {p ? p[key] : '—'}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
