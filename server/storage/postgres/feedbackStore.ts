import { newId, type MapId } from '../../../shared/ids.ts';
import { applySettingsPatch, DEFAULT_VALIDATION_SETTINGS } from '../../../shared/validation.ts';
import {
  INTERNAL_ROLES_SQL,
  toVerdict,
  type FeedbackResponseRow,
  type MissingStepRow,
} from '../rows.ts';
import type { FeedbackStore, FeedbackWrite } from '../storage.ts';
import type { Executor } from './executor.ts';

interface PgResponseRow {
  id: string;
  map_id: string;
  user_id: string;
  invite_id: string | null;
  first_name: string | null;
  comment: string | null;
  created_at: string;
  started_at: string | null;
  updated_at: string;
  submitted_at: string | null;
}

const time = (value: string | null): number | null => (value == null ? null : Number(value));

/** Rows grouped by their response id, in the order read. */
function byResponse<R extends { response_id: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(row.response_id);
    if (group) group.push(row);
    else groups.set(row.response_id, [row]);
  }
  return groups;
}

/** Response rows with their answers, read on exec in four queries whatever their number. */
async function withAnswers(
  exec: Executor,
  responses: readonly PgResponseRow[],
): Promise<FeedbackResponseRow[]> {
  if (responses.length === 0) return [];
  const ids = responses.map((row) => row.id);
  const cards = await exec.query<{
    response_id: string;
    card_id: string;
    verdict: string;
    note: string | null;
    answered_at: string;
  }>(
    `SELECT * FROM feedback_card_answers WHERE response_id = ANY($1::text[])
     ORDER BY card_id COLLATE "C"`,
    [ids],
  );
  const stages = await exec.query<{
    response_id: string;
    stage_id: string;
    emotion: number;
    note: string | null;
    answered_at: string;
  }>(
    `SELECT * FROM feedback_stage_answers WHERE response_id = ANY($1::text[])
     ORDER BY stage_id COLLATE "C"`,
    [ids],
  );
  const missing = await exec.query<{
    response_id: string;
    id: string;
    stage_id: string;
    note: string;
    created_at: string;
  }>('SELECT * FROM feedback_missing_steps WHERE response_id = ANY($1::text[]) ORDER BY seq', [
    ids,
  ]);
  const cardsOf = byResponse(cards.rows);
  const stagesOf = byResponse(stages.rows);
  const missingOf = byResponse(missing.rows);
  return responses.map((row) => ({
    id: row.id,
    mapId: row.map_id as MapId,
    userId: row.user_id,
    inviteId: row.invite_id,
    firstName: row.first_name,
    comment: row.comment,
    createdAt: Number(row.created_at),
    startedAt: time(row.started_at),
    updatedAt: Number(row.updated_at),
    submittedAt: time(row.submitted_at),
    cards: (cardsOf.get(row.id) ?? []).map((a) => ({
      cardId: a.card_id,
      verdict: toVerdict(a.verdict),
      note: a.note,
      answeredAt: Number(a.answered_at),
    })),
    stages: (stagesOf.get(row.id) ?? []).map((a) => ({
      stageId: a.stage_id,
      emotion: Number(a.emotion),
      note: a.note,
      answeredAt: Number(a.answered_at),
    })),
    missing: (missingOf.get(row.id) ?? []).map((m) => ({
      id: m.id,
      stageId: m.stage_id,
      note: m.note,
      createdAt: Number(m.created_at),
    })),
  }));
}

/**
 * Runs one write on the person's response (created when missing) atomically, holding its row
 * (FOR UPDATE) so a concurrent submit cannot slip in between the check and the write; refused
 * when it was submitted. Marks the response started and updated now.
 */
function write(
  exec: Executor,
  mapId: MapId,
  userId: string,
  fn: (tx: Executor, responseId: string, now: number) => Promise<void>,
): Promise<FeedbackWrite> {
  return exec.atomic(async (tx) => {
    const now = Date.now();
    await tx.query(
      `INSERT INTO feedback_responses (id, map_id, user_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $4) ON CONFLICT (map_id, user_id) DO NOTHING`,
      [newId(), mapId, userId, now],
    );
    const { rows } = await tx.query<{ id: string; submitted_at: string | null }>(
      `SELECT id, submitted_at FROM feedback_responses WHERE map_id = $1 AND user_id = $2
       FOR UPDATE`,
      [mapId, userId],
    );
    const row = rows[0];
    if (!row) throw new Error('the response row is missing');
    if (row.submitted_at != null) return 'submitted';
    await fn(tx, row.id, now);
    await tx.query(
      `UPDATE feedback_responses SET started_at = COALESCE(started_at, $1), updated_at = $1
       WHERE id = $2`,
      [now, row.id],
    );
    return 'ok';
  });
}

/** Customer feedback on PostgreSQL (see FeedbackStore). */
export function postgresFeedbackStore(exec: Executor): FeedbackStore {
  return {
    async arrive(mapId, userId, inviteId) {
      const now = Date.now();
      await exec.query(
        `INSERT INTO feedback_responses (id, map_id, user_id, invite_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (map_id, user_id) DO UPDATE SET invite_id = excluded.invite_id
           WHERE feedback_responses.invite_id IS NULL`,
        [newId(), mapId, userId, inviteId, now],
      );
    },

    async response(mapId, userId) {
      const { rows } = await exec.query<PgResponseRow>(
        'SELECT * FROM feedback_responses WHERE map_id = $1 AND user_id = $2',
        [mapId, userId],
      );
      return (await withAnswers(exec, rows))[0] ?? null;
    },

    async responses(mapId) {
      const { rows } = await exec.query<PgResponseRow>(
        `SELECT * FROM feedback_responses WHERE map_id = $1 AND started_at IS NOT NULL
         ORDER BY started_at, id COLLATE "C"`,
        [mapId],
      );
      return withAnswers(exec, rows);
    },

    setCardAnswer: (mapId, userId, answer) =>
      write(exec, mapId, userId, async (tx, responseId, now) => {
        await tx.query(
          `INSERT INTO feedback_card_answers (response_id, card_id, verdict, note, answered_at)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (response_id, card_id) DO UPDATE SET
             verdict = excluded.verdict, note = excluded.note, answered_at = excluded.answered_at`,
          [responseId, answer.cardId, answer.verdict, answer.note, now],
        );
      }),

    deleteCardAnswer: (mapId, userId, cardId) =>
      write(exec, mapId, userId, async (tx, responseId) => {
        await tx.query(
          'DELETE FROM feedback_card_answers WHERE response_id = $1 AND card_id = $2',
          [responseId, cardId],
        );
      }),

    setStageAnswer: (mapId, userId, answer) =>
      write(exec, mapId, userId, async (tx, responseId, now) => {
        await tx.query(
          `INSERT INTO feedback_stage_answers (response_id, stage_id, emotion, note, answered_at)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (response_id, stage_id) DO UPDATE SET
             emotion = excluded.emotion, note = excluded.note, answered_at = excluded.answered_at`,
          [responseId, answer.stageId, answer.emotion, answer.note, now],
        );
      }),

    async addMissing(mapId, userId, step) {
      let row: MissingStepRow | null = null;
      const result = await write(exec, mapId, userId, async (tx, responseId, now) => {
        const added = { id: newId(), stageId: step.stageId, note: step.note, createdAt: now };
        await tx.query(
          `INSERT INTO feedback_missing_steps (id, response_id, stage_id, note, created_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [added.id, responseId, added.stageId, added.note, added.createdAt],
        );
        row = added;
      });
      return result === 'submitted' || row === null ? 'submitted' : row;
    },

    deleteMissing: (mapId, userId, id) =>
      exec.atomic(async (tx) => {
        const { rows } = await tx.query(
          `SELECT 1 FROM feedback_missing_steps s
           JOIN feedback_responses r ON r.id = s.response_id
           WHERE s.id = $1 AND r.map_id = $2 AND r.user_id = $3`,
          [id, mapId, userId],
        );
        if (rows.length === 0) return 'not-found';
        return write(tx, mapId, userId, async (inner) => {
          await inner.query('DELETE FROM feedback_missing_steps WHERE id = $1', [id]);
        });
      }),

    setAbout: (mapId, userId, about) =>
      write(exec, mapId, userId, async (tx, responseId) => {
        if (about.firstName !== undefined) {
          await tx.query('UPDATE feedback_responses SET first_name = $1 WHERE id = $2', [
            about.firstName || null,
            responseId,
          ]);
        }
        if (about.comment !== undefined) {
          await tx.query('UPDATE feedback_responses SET comment = $1 WHERE id = $2', [
            about.comment || null,
            responseId,
          ]);
        }
      }),

    submit: (mapId, userId) =>
      write(exec, mapId, userId, async (tx, responseId, now) => {
        await tx.query('UPDATE feedback_responses SET submitted_at = $1 WHERE id = $2', [
          now,
          responseId,
        ]);
      }),

    async settings(mapId) {
      const { rows } = await exec.query<{ min_answers: number; majority: number }>(
        'SELECT min_answers, majority FROM validation_settings WHERE map_id = $1',
        [mapId],
      );
      const row = rows[0];
      return row
        ? { minAnswers: Number(row.min_answers), majority: Number(row.majority) }
        : { ...DEFAULT_VALIDATION_SETTINGS };
    },

    setSettings: (mapId, patch) =>
      exec.atomic(async (tx) => {
        // Hold the map's row so two concurrent patches of different fields both survive.
        await tx.query('SELECT 1 FROM maps WHERE id = $1 FOR UPDATE', [mapId]);
        const { rows } = await tx.query<{ min_answers: number; majority: number }>(
          'SELECT min_answers, majority FROM validation_settings WHERE map_id = $1',
          [mapId],
        );
        const current = rows[0]
          ? { minAnswers: Number(rows[0].min_answers), majority: Number(rows[0].majority) }
          : { ...DEFAULT_VALIDATION_SETTINGS };
        const next = applySettingsPatch(current, patch);
        await tx.query(
          `INSERT INTO validation_settings (map_id, min_answers, majority, updated_at)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (map_id) DO UPDATE SET min_answers = excluded.min_answers,
             majority = excluded.majority, updated_at = excluded.updated_at`,
          [mapId, next.minAnswers, next.majority, Date.now()],
        );
        return next;
      }),

    async responseCounts(mapId) {
      const { rows } = await exec.query<{ invite_id: string; n: string }>(
        `SELECT invite_id, COUNT(*) AS n FROM feedback_responses
         WHERE map_id = $1 AND invite_id IS NOT NULL AND started_at IS NOT NULL
         GROUP BY invite_id`,
        [mapId],
      );
      return new Map(rows.map((row) => [row.invite_id, Number(row.n)]));
    },

    async answeredMaps(userId) {
      const { rows } = await exec.query<{ map_id: string }>(
        `SELECT DISTINCT r.map_id FROM map_members m
         JOIN feedback_responses r ON r.map_id = m.map_id
         WHERE m.user_id = $1 AND m.role IN (${INTERNAL_ROLES_SQL})
           AND EXISTS (SELECT 1 FROM feedback_card_answers a WHERE a.response_id = r.id)`,
        [userId],
      );
      return new Set(rows.map((row) => row.map_id as MapId));
    },
  };
}
