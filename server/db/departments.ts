import type { Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { DepartmentStore } from '../storage/storage.ts';
import type { DepartmentRow } from '../storage/rows.ts';

function toDepartmentRow(row: Record<string, unknown>): DepartmentRow {
  return { id: String(row.id), label: { es: String(row.label_es), en: String(row.label_en) } };
}

/** The workspace's editable list of departments (seeded by migration 0002). */
export class DepartmentRepository implements Synchronous<DepartmentStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Every department, the seeded ones first, then the workspace's own in creation order. */
  list(): DepartmentRow[] {
    return this.#db
      .prepare('SELECT * FROM departments ORDER BY created_at, rowid')
      .all()
      .map(toDepartmentRow);
  }

  /** True when the slug names a department. */
  exists(id: string): boolean {
    return this.#db.prepare('SELECT 1 FROM departments WHERE id = ?').get(id) !== undefined;
  }

  /** Adds a department whose name is the same in both languages. */
  create(id: string, name: string): DepartmentRow {
    this.#db
      .prepare('INSERT INTO departments (id, label_es, label_en, created_at) VALUES (?, ?, ?, ?)')
      .run(id, name, name, Date.now());
    return { id, label: { es: name, en: name } };
  }
}

export type { DepartmentRow };
