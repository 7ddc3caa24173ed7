import { useEffect, useState } from 'react';
import { api, type Department } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The workspace's departments as a required select, labelled in the UI language. */
export function DepartmentSelect({
  value,
  onChange,
}: {
  value: string;
  onChange: (id: string) => void;
}) {
  const { t, locale } = useI18n();
  const [departments, setDepartments] = useState<Department[]>([]);

  useEffect(() => {
    api.departments().then(setDepartments, () => setDepartments([]));
  }, []);

  return (
    <label className="field">
      <span>{t('auth.department')}</span>
      <select required value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="" disabled>
          {t('auth.departmentPick')}
        </option>
        {departments.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}
