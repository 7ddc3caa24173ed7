import { departmentLabel, type PresenceUser } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

const VISIBLE = 5;

/** Who else is on the map, and from which department: an avatar each, the rest counted. */
export function PresenceBar({ people }: { people: readonly PresenceUser[] }) {
  const { t, locale } = useI18n();
  if (people.length === 0) {
    return (
      <span className="presence presence--alone" data-testid="presence">
        {t('presence.alone')}
      </span>
    );
  }
  const describe = (person: PresenceUser) =>
    person.department
      ? `${person.name} · ${departmentLabel(person.department, locale)}`
      : person.name;
  const hidden = people.slice(VISIBLE);
  return (
    <ul className="presence" data-testid="presence" aria-label={t('presence.label')}>
      {people.slice(0, VISIBLE).map((person) => (
        <li
          key={person.id}
          className="presence__person"
          title={describe(person)}
          data-testid="present-person"
        >
          <span
            className="presence__avatar"
            style={{ background: person.color }}
            aria-hidden="true"
          >
            {person.name.slice(0, 1).toUpperCase()}
          </span>
          <span className="visually-hidden">{describe(person)}</span>
        </li>
      ))}
      {hidden.length > 0 && (
        <li className="presence__more" title={hidden.map(describe).join(', ')}>
          +{hidden.length}
        </li>
      )}
    </ul>
  );
}
