import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { ThreadFilters } from './threadFilters.ts';

interface CommentFiltersProps {
  filters: ThreadFilters;
  onChange: (filters: ThreadFilters) => void;
  /** The departments that can be picked, as [id, name]. */
  departments: readonly (readonly [string, string])[];
}

/** Open / resolved / all, mine, mentioning me, and one department. */
export function CommentFilters({ filters, onChange, departments }: CommentFiltersProps) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="comment-filters" data-testid="comment-filters">
      <legend className="visually-hidden">{t('comments.filters')}</legend>
      <div className="field comment-filters__field">
        <label htmlFor={`${id}-status`}>{t('comments.filter.status')}</label>
        <select
          id={`${id}-status`}
          value={filters.status}
          onChange={(event) =>
            onChange({ ...filters, status: event.target.value as ThreadFilters['status'] })
          }
        >
          <option value="open">{t('comments.filter.open')}</option>
          <option value="resolved">{t('comments.filter.resolved')}</option>
          <option value="all">{t('comments.filter.all')}</option>
        </select>
      </div>
      <div className="field comment-filters__field">
        <label htmlFor={`${id}-department`}>{t('comments.filter.department')}</label>
        <select
          id={`${id}-department`}
          value={filters.department ?? ''}
          onChange={(event) => onChange({ ...filters, department: event.target.value || null })}
        >
          <option value="">{t('comments.filter.anyDepartment')}</option>
          {departments.map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="comment-filters__checks">
        <label className="comment-filters__check">
          <input
            type="checkbox"
            checked={filters.mine}
            onChange={(event) => onChange({ ...filters, mine: event.target.checked })}
          />
          {t('comments.filter.mine')}
        </label>
        <label className="comment-filters__check">
          <input
            type="checkbox"
            checked={filters.mentioningMe}
            onChange={(event) => onChange({ ...filters, mentioningMe: event.target.checked })}
          />
          {t('comments.filter.mentioningMe')}
        </label>
      </div>
    </fieldset>
  );
}
