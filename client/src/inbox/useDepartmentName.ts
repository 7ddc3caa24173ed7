import { useCallback, useEffect, useState } from 'react';
import { departmentLabel } from '../../../shared/departments.ts';
import { api, type Department } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/**
 * Names a department id in the UI language: from the workspace's list (`GET /api/departments`,
 * which includes the ones a workspace added), or the default label / the id while it loads.
 */
export function useDepartmentName(): (id: string) => string {
  const { locale } = useI18n();
  const [departments, setDepartments] = useState<Department[]>([]);
  useEffect(() => {
    let cancelled = false;
    api.departments().then(
      (list) => {
        if (!cancelled) setDepartments(list);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return useCallback(
    (id: string) =>
      departments.find((d) => d.id === id)?.label[locale] ?? departmentLabel(id, locale),
    [departments, locale],
  );
}
