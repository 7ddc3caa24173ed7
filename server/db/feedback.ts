import { newId, type MapId } from '../../shared/ids.ts';
import {
  applySettingsPatch,
  DEFAULT_VALIDATION_SETTINGS,
  type ValidationSettings,
  type ValidationSettingsPatch,
  type Verdict,
} from '../../shared/validation.ts';
import { inTransaction, type Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { FeedbackStore, FeedbackWrite } from '../storage/storage.ts';
import {
  INTERNAL_ROLES_SQL,
  toVerdict,
  type FeedbackResponseRow,
  type MissingStepRow,
} from '../storage/rows.ts';

const text = (value: unknown): string | null => (value == null ? null : String(value));
const time = (value: unknown): number | null => (value == null ? null : Number(value));

/** Customer feedback on SQLite (see FeedbackStore). */
export class FeedbackRepository implements Synchronous<FeedbackStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  arrive(mapId: MapId, userId: string, inviteId: string): void {
    const now = Date.now();
    this.#db
      .prepare(
        `INSERT INTO feedback_responses (id, map_id, user_id, invite_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (map_id, user_id) DO UPDATE SET invite_id = excluded.invite_id
           WHERE feedback_responses.invite_id IS NULL`,
      )
      .run(newId(), mapId, userId, inviteId, now, now);
  }

  response(mapId: MapId, userId: string): FeedbackResponseRow | null {
    const row = this.#db
      .prepare('SELECT * FROM feedback_responses WHERE map_id = ? AND user_id = ?')
      .get(mapId, userId);
    return row ? this.#withAnswers(row) : null;
  }

  responses(mapId: MapId): FeedbackResponseRow[] {
    return this.#db
      .prepare(
        `SELECT * FROM feedback_responses WHERE map_id = ? AND started_at IS NOT NULL
         ORDER BY started_at, id`,
      )
      .all(mapId)
      .map((row) => this.#withAnswers(row));
  }

  setCardAnswer(
    mapId: MapId,
    userId: string,
    answer: { cardId: string; verdict: Verdict; note: string | null },
  ): FeedbackWrite {
    return this.#write(mapId, userId, (responseId, now) => {
      this.#db
        .prepare(
          `INSERT INTO feedback_card_answers (response_id, card_id, verdict, note, answered_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (response_id, card_id) DO UPDATE SET
             verdict = excluded.verdict, note = excluded.note, answered_at = excluded.answered_at`,
        )
        .run(responseId, answer.cardId, answer.verdict, answer.note, now);
    });
  }

  deleteCardAnswer(mapId: MapId, userId: string, cardId: string): FeedbackWrite {
    return this.#write(mapId, userId, (responseId) => {
      this.#db
        .prepare('DELETE FROM feedback_card_answers WHERE response_id = ? AND card_id = ?')
        .run(responseId, cardId);
    });
  }

  setStageAnswer(
    mapId: MapId,
    userId: string,
    answer: { stageId: string; emotion: number; note: string | null },
  ): FeedbackWrite {
    return this.#write(mapId, userId, (responseId, now) => {
      this.#db
        .prepare(
          `INSERT INTO feedback_stage_answers (response_id, stage_id, emotion, note, answered_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (response_id, stage_id) DO UPDATE SET
             emotion = excluded.emotion, note = excluded.note, answered_at = excluded.answered_at`,
        )
        .run(responseId, answer.stageId, answer.emotion, answer.note, now);
    });
  }

  addMissing(
    mapId: MapId,
    userId: string,
    step: { stageId: string; note: string },
  ): MissingStepRow | 'submitted' {
    let row: MissingStepRow | null = null;
    const result = this.#write(mapId, userId, (responseId, now) => {
      row = { id: newId(), stageId: step.stageId, note: step.note, createdAt: now };
      this.#db
        .prepare(
          `INSERT INTO feedback_missing_steps (id, response_id, stage_id, note, created_at)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(row.id, responseId, row.stageId, row.note, row.createdAt);
    });
    return result === 'submitted' || row === null ? 'submitted' : row;
  }

  deleteMissing(mapId: MapId, userId: string, id: string): FeedbackWrite | 'not-found' {
    return inTransaction(this.#db, () => {
      const found = this.#db
        .prepare(
          `SELECT r.submitted_at FROM feedback_missing_steps s
           JOIN feedback_responses r ON r.id = s.response_id
           WHERE s.id = ? AND r.map_id = ? AND r.user_id = ?`,
        )
        .get(id, mapId, userId);
      if (!found) return 'not-found';
      return this.#write(mapId, userId, () => {
        this.#db.prepare('DELETE FROM feedback_missing_steps WHERE id = ?').run(id);
      });
    });
  }

  setAbout(
    mapId: MapId,
    userId: string,
    about: { firstName?: string | null | undefined; comment?: string | null | undefined },
  ): FeedbackWrite {
    return this.#write(mapId, userId, (responseId) => {
      if (about.firstName !== undefined) {
        this.#db
          .prepare('UPDATE feedback_responses SET first_name = ? WHERE id = ?')
          .run(about.firstName || null, responseId);
      }
      if (about.comment !== undefined) {
        this.#db
          .prepare('UPDATE feedback_responses SET comment = ? WHERE id = ?')
          .run(about.comment || null, responseId);
      }
    });
  }

  submit(mapId: MapId, userId: string): FeedbackWrite {
    return this.#write(mapId, userId, (responseId, now) => {
      this.#db
        .prepare('UPDATE feedback_responses SET submitted_at = ? WHERE id = ?')
        .run(now, responseId);
    });
  }

  settings(mapId: MapId): ValidationSettings {
    const row = this.#db
      .prepare('SELECT min_answers, majority FROM validation_settings WHERE map_id = ?')
      .get(mapId);
    return row
      ? { minAnswers: Number(row.min_answers), majority: Number(row.majority) }
      : { ...DEFAULT_VALIDATION_SETTINGS };
  }

  setSettings(mapId: MapId, patch: ValidationSettingsPatch): ValidationSettings {
    return inTransaction(this.#db, () => {
      const next = applySettingsPatch(this.settings(mapId), patch);
      this.#db
        .prepare(
          `INSERT INTO validation_settings (map_id, min_answers, majority, updated_at)
           VALUES (?, ?, ?, ?)
           ON CONFLICT (map_id) DO UPDATE SET min_answers = excluded.min_answers,
             majority = excluded.majority, updated_at = excluded.updated_at`,
        )
        .run(mapId, next.minAnswers, next.majority, Date.now());
      return next;
    });
  }

  responseCounts(mapId: MapId): Map<string, number> {
    const rows = this.#db
      .prepare(
        `SELECT invite_id, COUNT(*) AS n FROM feedback_responses
         WHERE map_id = ? AND invite_id IS NOT NULL AND started_at IS NOT NULL
         GROUP BY invite_id`,
      )
      .all(mapId);
    return new Map(rows.map((row) => [String(row.invite_id), Number(row.n)]));
  }

  answeredMaps(userId: string): Set<MapId> {
    const rows = this.#db
      .prepare(
        `SELECT DISTINCT r.map_id FROM map_members m
         JOIN feedback_responses r ON r.map_id = m.map_id
         WHERE m.user_id = ? AND m.role IN (${INTERNAL_ROLES_SQL})
           AND EXISTS (SELECT 1 FROM feedback_card_answers a WHERE a.response_id = r.id)`,
      )
      .all(userId);
    return new Set(rows.map((row) => String(row.map_id) as MapId));
  }

  /**
   * Runs one write on the person's response (created when missing) in one transaction, unless
   * it was submitted; marks it started and updated now.
   */
  #write(
    mapId: MapId,
    userId: string,
    fn: (responseId: string, now: number) => void,
  ): FeedbackWrite {
    return inTransaction(this.#db, () => {
      const now = Date.now();
      this.#db
        .prepare(
          `INSERT INTO feedback_responses (id, map_id, user_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT (map_id, user_id) DO NOTHING`,
        )
        .run(newId(), mapId, userId, now, now);
      const row = this.#db
        .prepare('SELECT id, submitted_at FROM feedback_responses WHERE map_id = ? AND user_id = ?')
        .get(mapId, userId);
      if (!row) throw new Error('the response row is missing');
      if (row.submitted_at != null) return 'submitted';
      const responseId = String(row.id);
      fn(responseId, now);
      this.#db
        .prepare(
          `UPDATE feedback_responses SET started_at = COALESCE(started_at, ?), updated_at = ?
           WHERE id = ?`,
        )
        .run(now, now, responseId);
      return 'ok';
    });
  }

  #withAnswers(row: Record<string, unknown>): FeedbackResponseRow {
    const id = String(row.id);
    const cards = this.#db
      .prepare('SELECT * FROM feedback_card_answers WHERE response_id = ? ORDER BY card_id')
      .all(id)
      .map((a) => ({
        cardId: String(a.card_id),
        verdict: toVerdict(a.verdict),
        note: text(a.note),
        answeredAt: Number(a.answered_at),
      }));
    const stages = this.#db
      .prepare('SELECT * FROM feedback_stage_answers WHERE response_id = ? ORDER BY stage_id')
      .all(id)
      .map((a) => ({
        stageId: String(a.stage_id),
        emotion: Number(a.emotion),
        note: text(a.note),
        answeredAt: Number(a.answered_at),
      }));
    const missing = this.#db
      .prepare('SELECT * FROM feedback_missing_steps WHERE response_id = ? ORDER BY seq')
      .all(id)
      .map((s) => ({
        id: String(s.id),
        stageId: String(s.stage_id),
        note: String(s.note),
        createdAt: Number(s.created_at),
      }));
    return {
      id,
      mapId: String(row.map_id) as MapId,
      userId: String(row.user_id),
      inviteId: text(row.invite_id),
      firstName: text(row.first_name),
      comment: text(row.comment),
      createdAt: Number(row.created_at),
      startedAt: time(row.started_at),
      updatedAt: Number(row.updated_at),
      submittedAt: time(row.submitted_at),
      cards,
      stages,
      missing,
    };
  }
}
