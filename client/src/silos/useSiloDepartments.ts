import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  DEFAULT_DEPARTMENTS,
  departmentLabel,
  type SiloDepartment,
} from '../../../shared/index.ts';
import { api, type Department } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The workspace's departments, for the lens (names in both languages) and for display. */
export interface SiloDepartments {
  /** Every department the lens recognises: the workspace's, the built-in ones until loaded. */
  readonly list: readonly SiloDepartment[];
  /** The name of a department id in the UI language (the id itself when unknown). */
  readonly name: (id: string) => string;
  /** The workspace's departments, in its order. */
  readonly workspace: readonly Department[];
}

/** The workspace's departments (GET /api/departments), the built-in list meanwhile or on failure. */
export function useSiloDepartments(): SiloDepartments {
  const { locale } = useI18n();
  const [loaded, setLoaded] = useState<readonly Department[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    api.departments().then(
      (departments) => !cancelled && setLoaded(departments),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  const workspace = loaded ?? DEFAULT_DEPARTMENTS;
  const list = useMemo(
    () => workspace.map((d) => ({ id: d.id, names: [d.label.es, d.label.en] })),
    [workspace],
  );
  const name = useCallback(
    (id: string) =>
      workspace.find((d) => d.id === id)?.label[locale] ?? departmentLabel(id, locale),
    [workspace, locale],
  );
  return useMemo(() => ({ list, name, workspace }), [list, name, workspace]);
}
