import type { MapRole } from '../../../shared/policy.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** A select of map roles, labelled in the UI language. */
export function RoleSelect({
  value,
  roles,
  onChange,
  label,
  disabled,
}: {
  value: MapRole;
  roles: readonly MapRole[];
  onChange: (role: MapRole) => void;
  label: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <select
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as MapRole)}
    >
      {roles.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </select>
  );
}
