import type { DepartmentRow } from '../rows.ts';
import type { DepartmentStore } from '../storage.ts';
import type { Executor } from './executor.ts';

interface PgDepartmentRow {
  id: string;
  label_es: string;
  label_en: string;
}

/** The workspace's departments on PostgreSQL (seeded by migration 0002). */
export function postgresDepartmentStore(exec: Executor): DepartmentStore {
  return {
    async list() {
      const { rows } = await exec.query<PgDepartmentRow>(
        'SELECT id, label_es, label_en FROM departments ORDER BY created_at, position',
      );
      return rows.map((row): DepartmentRow => ({
        id: row.id,
        label: { es: row.label_es, en: row.label_en },
      }));
    },

    async exists(id) {
      const { rows } = await exec.query('SELECT 1 FROM departments WHERE id = $1', [id]);
      return rows.length > 0;
    },

    async create(id, name) {
      await exec.query(
        'INSERT INTO departments (id, label_es, label_en, created_at) VALUES ($1, $2, $2, $3)',
        [id, name, Date.now()],
      );
      return { id, label: { es: name, en: name } };
    },
  };
}
