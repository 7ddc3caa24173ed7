import { departmentLabel, departmentPresence, type PresenceUser } from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Popover } from '../ui/Popover.tsx';

interface DepartmentPresenceProps {
  /** Everyone on the map now, me included. */
  present: readonly PresenceUser[];
  /** The departments of the map's members (null for guests), or null while unknown. */
  memberDepartments: readonly (string | null)[] | null;
}

/**
 * Which departments are in the map right now, and which of its departments nobody is here from:
 * "Departamentos 2/4", opening the list with the people of each. A workshop facilitator sees at
 * a glance that IT or compliance is missing.
 */
export function DepartmentPresenceButton({ present, memberDepartments }: DepartmentPresenceProps) {
  const { t, locale } = useI18n();
  const { here, missing } = departmentPresence(present, memberDepartments ?? []);
  if (here.length + missing.length === 0) return null;
  const total = here.length + missing.length;
  const summary = fill(t('presence.departmentsCount'), { here: here.length, total });
  return (
    <Popover
      // The name starts with the button's visible text ("Departamentos 2/4"), as speech input and
      // axe's label-content-name-mismatch expect, then says it in words.
      label={`${t('presence.departmentsShort')} ${here.length}/${total}: ${summary}`}
      trigger={
        <span className="departments__trigger">
          <span className="departments__word">{t('presence.departmentsShort')}</span> {here.length}/
          {total}
        </span>
      }
      triggerClassName="topbar__button departments__button"
      role="dialog"
      className="popover--departments"
      align="end"
      testId="departments"
    >
      {() => (
        <div className="departments">
          <h2 className="details__title">{t('presence.departments')}</h2>
          <ul className="departments__list" data-testid="departments-here">
            {here.map(({ department, people }) => (
              <li key={department}>
                <strong>{departmentLabel(department, locale)}</strong>: {people.join(', ')}
              </li>
            ))}
          </ul>
          {missing.length > 0 && (
            <p className="departments__missing" data-testid="departments-missing">
              {fill(t('presence.missing'), {
                names: missing.map((d) => departmentLabel(d, locale)).join(', '),
              })}
            </p>
          )}
        </div>
      )}
    </Popover>
  );
}
