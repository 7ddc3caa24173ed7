import { useCallback, useEffect, useState } from 'react';
import { departmentLabel } from '../../../shared/index.ts';
import { api, type Department } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/**
 * The name of a department id in the UI language: the workspace's own departments from
 * `GET /api/departments`, the built-in names until they load (or when the call fails).
 */
export function useDepartmentNames(): (id: string) => string {
  const { locale } = useI18n();
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
  return useCallback(
    (id: string) =>
      departments.find((d) => d.id === id)?.label[locale] ?? departmentLabel(id, locale),
    [departments, locale],
  );
}
