import type { ClientBase } from 'pg';
import type { SqlMigration } from '../../db/schema.ts';

/**
 * PostgreSQL's schema, migration for migration the same as SQLite's (server/db/schema.ts: same
 * ids, tables, columns and meaning), in PostgreSQL types: text, bytea, bigint milliseconds,
 * boolean, bigserial sequences. Differences, each for a reason:
 * - users: emails are unique regardless of case through a unique index on lower(email) (SQLite:
 *   COLLATE NOCASE); lookups compare lower(email).
 * - departments: a `position` bigserial keeps the seeded order (SQLite orders by rowid).
 * - document_snapshots.upto_seq is informational only: a bigserial's order is not commit order
 *   across connections, so loading never filters the log by it (see documentLog.ts).
 */
export const PG_MIGRATIONS: readonly SqlMigration[] = [
  {
    id: '0001-maps-and-documents',
    sql: `
      CREATE TABLE maps (
        id text PRIMARY KEY,
        title text NOT NULL,
        template text,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL
      );
      -- Compacted Yjs state of a collaboration document (map:<id>, map:<id>/comments, ...).
      CREATE TABLE document_snapshots (
        name text PRIMARY KEY,
        state bytea NOT NULL,
        -- highest document_updates.seq folded into state (informational, never a filter)
        upto_seq bigint NOT NULL,
        updated_at bigint NOT NULL
      );
      -- Append-only log of acknowledged updates, written before the ack (durability promise).
      CREATE TABLE document_updates (
        seq bigserial PRIMARY KEY,
        name text NOT NULL,
        update_data bytea NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE INDEX document_updates_by_name ON document_updates (name, seq);
    `,
  },
  {
    id: '0002-accounts-sessions-roles',
    sql: `
      -- The workspace's editable list of departments (every user belongs to one).
      CREATE TABLE departments (
        id text PRIMARY KEY,
        label_es text NOT NULL,
        label_en text NOT NULL,
        created_at bigint NOT NULL,
        -- insertion order (SQLite's rowid), the tie-break after created_at
        position bigserial NOT NULL
      );
      INSERT INTO departments (id, label_es, label_en, created_at) VALUES
        ('marketing', 'Marketing', 'Marketing', 0),
        ('sales', 'Ventas', 'Sales', 0),
        ('digital', 'Digital', 'Digital', 0),
        ('it', 'Tecnología (TI)', 'IT', 0),
        ('operations', 'Operaciones', 'Operations', 0),
        ('branches', 'Red de sucursales', 'Branch network', 0),
        ('contact-centre', 'Centro de contacto', 'Contact centre', 0),
        ('compliance', 'Cumplimiento normativo', 'Compliance', 0),
        ('finance', 'Finanzas', 'Finance', 0);
      -- People with an account, and guests (invited customers: no email, no password).
      CREATE TABLE users (
        id text PRIMARY KEY,
        email text,
        name text NOT NULL,
        department text REFERENCES departments (id),
        -- argon2id PHC string: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
        password_hash text,
        is_guest boolean NOT NULL DEFAULT false,
        created_at bigint NOT NULL
      );
      -- Emails are unique regardless of case (SQLite: UNIQUE COLLATE NOCASE).
      CREATE UNIQUE INDEX users_email_lower ON users (lower(email));
      -- Lucia-style sessions: the token is <id>.<secret>; only SHA-256(secret) is stored.
      CREATE TABLE sessions (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        secret_hash bytea NOT NULL,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX sessions_by_user ON sessions (user_id);
      -- Who may do what on a map (shared/policy.ts decides what each role allows).
      CREATE TABLE map_members (
        map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer', 'customer')),
        created_at bigint NOT NULL,
        PRIMARY KEY (map_id, user_id)
      );
      CREATE INDEX map_members_by_user ON map_members (user_id);
      -- Invite links: only SHA-256 of the token is stored.
      CREATE TABLE map_invites (
        id text PRIMARY KEY,
        map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer', 'customer')),
        created_by text REFERENCES users (id) ON DELETE SET NULL,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        revoked_at bigint
      );
      CREATE INDEX map_invites_by_map ON map_invites (map_id);
    `,
  },
  {
    id: '0003-invite-uses-and-role-changes',
    sql: `
      -- How many times a link may be accepted (NULL: unlimited, customer links) and has been.
      ALTER TABLE map_invites ADD COLUMN max_uses integer CHECK (max_uses IS NULL OR max_uses > 0);
      ALTER TABLE map_invites ADD COLUMN uses integer NOT NULL DEFAULT 0;
      -- Links issued before uses were counted: member links become single-use from now on, and
      -- owner links (ownership is never granted by link any more) are revoked.
      UPDATE map_invites SET max_uses = 1 WHERE role <> 'customer';
      UPDATE map_invites SET revoked_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint
        WHERE role = 'owner' AND revoked_at IS NULL;
      -- Every change of a member's role, so a map's owners can see who changed whose role and when.
      CREATE TABLE member_role_changes (
        seq bigserial PRIMARY KEY,
        map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- who made the change; NULL when an invite link upgraded the member or the actor is gone
        changed_by text REFERENCES users (id) ON DELETE SET NULL,
        from_role text NOT NULL,
        to_role text NOT NULL,
        changed_at bigint NOT NULL
      );
      CREATE INDEX member_role_changes_by_member ON member_role_changes (map_id, user_id, seq);
    `,
  },
  {
    id: '0004-role-change-reads',
    sql: `
      -- How far each owner has read a map's role changes: later changes made by someone else are
      -- shown to them as new (the map list and the members dialog) until they open the dialog.
      CREATE TABLE member_role_change_reads (
        map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        seen_seq bigint NOT NULL,
        PRIMARY KEY (map_id, user_id)
      );
    `,
  },
  {
    id: '0005-comment-threads',
    sql: `
      -- Comment threads (issue 10): the source of truth of the map:<id>/comments mirror.
      CREATE TABLE comment_threads (
        -- creation order (ties of created_at)
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        anchor_kind text NOT NULL CHECK (anchor_kind IN ('map', 'stage', 'lane', 'card', 'persona')),
        -- the stage, lane, card or persona id (kept when that item is deleted); NULL for the map
        anchor_id text,
        resolved_by text REFERENCES users (id) ON DELETE SET NULL,
        -- NULL while open
        resolved_at bigint,
        created_by text REFERENCES users (id) ON DELETE SET NULL,
        created_at bigint NOT NULL,
        CHECK ((anchor_kind = 'map') = (anchor_id IS NULL))
      );
      CREATE INDEX comment_threads_by_map ON comment_threads (map_id, seq);
      CREATE TABLE comment_messages (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        thread_id text NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
        author_id text REFERENCES users (id) ON DELETE SET NULL,
        -- plain text, at most 10,000 characters; '' once deleted
        body text NOT NULL,
        created_at bigint NOT NULL,
        edited_at bigint,
        deleted_at bigint
      );
      CREATE INDEX comment_messages_by_thread ON comment_messages (thread_id, seq);
      -- Who a message mentions (member ids, in the order written), for notifications and inboxes.
      CREATE TABLE comment_mentions (
        message_id text NOT NULL REFERENCES comment_messages (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        position integer NOT NULL,
        PRIMARY KEY (message_id, user_id)
      );
      CREATE INDEX comment_mentions_by_user ON comment_mentions (user_id);
    `,
  },
  {
    id: '0006-comment-reads',
    sql: `
      -- Plain text naming a thread's anchor when it was created (card text, stage or persona name,
      -- lane title; at most 80 characters; NULL for the whole map), so a thread on a deleted card
      -- can still say which card it was.
      ALTER TABLE comment_threads ADD COLUMN anchor_label text;
      -- Threads by who opened them: the replies to a person's threads are part of their inbox.
      CREATE INDEX comment_threads_by_creator ON comment_threads (created_by);
      -- How far each person has read each thread: the creation time of the newest message they
      -- had seen. Later messages by someone else are unread to them (map list, inbox, panel).
      CREATE TABLE comment_reads (
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        thread_id text NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
        read_until bigint NOT NULL,
        PRIMARY KEY (user_id, thread_id)
      );
      CREATE INDEX comment_reads_by_thread ON comment_reads (thread_id);
    `,
  },
  {
    id: '0007-change-attribution-and-visits',
    sql: `
      -- Who changed which card, stage and lane (issue 10, "since your last visit"), coalesced by
      -- the collaboration server: one row per map, person, item, kind of change and time window.
      -- Kept at least 30 days, then pruned.
      CREATE TABLE map_item_changes (
        map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- the person's department id at the time (NULL for guests)
        department text,
        item_kind text NOT NULL CHECK (item_kind IN ('card', 'stage', 'lane')),
        item_id text NOT NULL,
        change text NOT NULL CHECK (change IN ('created', 'changed', 'deleted')),
        -- card plain text / stage name / lane title (<= 80 characters); before deletion if deleted
        label text NOT NULL,
        window_start bigint NOT NULL,
        first_at bigint NOT NULL,
        last_at bigint NOT NULL,
        PRIMARY KEY (map_id, user_id, item_kind, item_id, change, window_start)
      );
      CREATE INDEX map_item_changes_by_time ON map_item_changes (map_id, last_at);
      CREATE INDEX map_item_changes_for_pruning ON map_item_changes (last_at);
      -- Each person's visits of each map: a visit spans gaps shorter than a grace period (reloads).
      CREATE TABLE map_visits (
        map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        visit_started_at bigint,
        last_seen_at bigint,
        -- when the visit before the current one ended
        previous_ended_at bigint,
        -- when the person last dismissed "since your last visit"
        dismissed_at bigint,
        PRIMARY KEY (map_id, user_id)
      );
    `,
  },
  {
    id: '0008-digest-watermarks',
    sql: `
      -- Email digests (issue 10, server/notifications/): per person, how far their inbox has been
      -- mailed, and the claim that lets one run (of one instance among several on one database)
      -- mail them at a time. The watermark moves only after the SMTP server accepted the mail.
      CREATE TABLE digest_watermarks (
        user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        -- inbox items created at or before this time (ms) were mailed, or read or not theirs
        sent_until bigint NOT NULL,
        -- the time of the run that last mailed them; NULL before their first digest
        last_mailed_at bigint,
        -- the run mailing them now, and until when its claim holds (a crashed run's claim lapses)
        claim_token text,
        claim_expires_at bigint
      );
      -- The digest run looks at the messages of a bounded recent window.
      CREATE INDEX comment_messages_by_time ON comment_messages (created_at);
    `,
  },
  {
    id: '0009-customer-secret',
    sql: `
      -- Per-map key of the customer projection's opaque ids (issue 11): customers see
      -- base64url(HMAC-SHA256(secret, internal id)) instead of internal card and stage ids.
      -- 32 random bytes, created on first use (server/customer/customerIds.ts).
      ALTER TABLE maps ADD COLUMN customer_secret bytea;
    `,
  },
  {
    id: '0010-customer-feedback',
    sql: `
      -- Customer feedback (issue 11): one response per customer (guest account) per map, created
      -- when they accept a customer link (remembering which) or on their first answer. Answers
      -- are keyed by the map's INTERNAL card and stage ids (the customer view's opaque ids are
      -- mapped back by the server), so they survive any change of the opaque id scheme.
      CREATE TABLE feedback_responses (
        id text PRIMARY KEY,
        map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- the customer link they came through (NULL: added otherwise, or the link is gone)
        invite_id text REFERENCES map_invites (id) ON DELETE SET NULL,
        first_name text,
        comment text,
        created_at bigint NOT NULL,
        -- when they first saved anything (NULL: nothing yet; such rows are not responses)
        started_at bigint,
        updated_at bigint NOT NULL,
        -- when they pressed Send; every write is refused after it
        submitted_at bigint,
        UNIQUE (map_id, user_id)
      );
      CREATE INDEX feedback_responses_by_invite ON feedback_responses (invite_id);
      CREATE TABLE feedback_card_answers (
        response_id text NOT NULL REFERENCES feedback_responses (id) ON DELETE CASCADE,
        card_id text NOT NULL,
        verdict text NOT NULL CHECK (verdict IN ('yes', 'different', 'not-me')),
        -- plain text, at most 2,000 characters
        note text,
        answered_at bigint NOT NULL,
        PRIMARY KEY (response_id, card_id)
      );
      CREATE TABLE feedback_stage_answers (
        response_id text NOT NULL REFERENCES feedback_responses (id) ON DELETE CASCADE,
        stage_id text NOT NULL,
        emotion integer NOT NULL CHECK (emotion BETWEEN -2 AND 2),
        note text,
        answered_at bigint NOT NULL,
        PRIMARY KEY (response_id, stage_id)
      );
      -- Steps a customer says are missing from a stage.
      CREATE TABLE feedback_missing_steps (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        response_id text NOT NULL REFERENCES feedback_responses (id) ON DELETE CASCADE,
        stage_id text NOT NULL,
        note text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE INDEX feedback_missing_steps_by_response ON feedback_missing_steps (response_id, seq);
      -- A map's validation thresholds (no row: the defaults, 3 answers with a 2/3 majority).
      CREATE TABLE validation_settings (
        map_id text PRIMARY KEY REFERENCES maps (id) ON DELETE CASCADE,
        min_answers integer NOT NULL CHECK (min_answers BETWEEN 1 AND 50),
        majority double precision NOT NULL CHECK (majority BETWEEN 0.5 AND 1),
        updated_at bigint NOT NULL
      );
      -- What an invite link is for ("Customer 3, phone interview"; at most 80 characters).
      ALTER TABLE map_invites ADD COLUMN label text;
    `,
  },
  {
    id: '0011-map-versions',
    sql: `
      -- Version history of maps (issue 13): each version is one full Yjs update of the map
      -- document (Y.encodeStateAsUpdate), never one row per keystroke. Auto versions are saved at
      -- the end of an editing session and hourly while edited, and pruned after 31 days; named
      -- ones are kept. The author is who made the last change (auto) or asked for it (named).
      CREATE TABLE map_versions (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        created_at bigint NOT NULL,
        -- NULL for auto versions; at most 120 characters
        name text,
        author_id text REFERENCES users (id) ON DELETE SET NULL,
        auto boolean NOT NULL,
        state bytea NOT NULL
      );
      CREATE INDEX map_versions_by_map ON map_versions (map_id, created_at);
      CREATE INDEX map_versions_auto_by_time ON map_versions (created_at) WHERE auto;
    `,
  },
  {
    id: '0012-map-source',
    sql: `
      -- AS-IS and TO-BE (issue 13): a copy remembers the map it was made from (a TO-BE from its
      -- AS-IS; the map list groups them). Deleting the source keeps the copy, unlinked.
      ALTER TABLE maps ADD COLUMN source_map_id text REFERENCES maps (id) ON DELETE SET NULL;
      CREATE INDEX maps_by_source ON maps (source_map_id);
      -- The document's meta.state, kept in the catalogue so the list can label and group maps
      -- without opening every document (MapCatalogExtension keeps it in step).
      ALTER TABLE maps ADD COLUMN state text NOT NULL DEFAULT 'as-is' CHECK (state IN ('as-is', 'to-be'));
    `,
  },
  {
    id: '0013-actions',
    sql: `
      -- Owned actions of maps (issue 14): what the team will do about a pain point or
      -- opportunity, who owns it (an internal member when it was assigned), by when, and how
      -- success is measured. The live document map:<id>/actions is rebuilt from these rows.
      CREATE TABLE map_actions (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        -- plain text, 1..200 characters
        title text NOT NULL,
        owner_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- a department id, or NULL
        department text,
        -- a calendar day, YYYY-MM-DD (sorts as text), or NULL
        due text,
        status text NOT NULL CHECK (status IN ('todo', 'doing', 'done')),
        -- the linked cards of the map's document: a JSON array of card ids (at most 50)
        card_ids text NOT NULL DEFAULT '[]',
        -- the success metric (no name: none) and, optionally, the map's KPI card it refers to
        kpi_name text,
        kpi_target text,
        kpi_card_id text,
        created_by text REFERENCES users (id) ON DELETE SET NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        -- when it last became done; NULL unless status is 'done'
        done_at bigint
      );
      CREATE INDEX map_actions_by_map ON map_actions (map_id);
      CREATE INDEX map_actions_by_owner ON map_actions (owner_id);
    `,
  },
  {
    id: '0014-vote-rounds',
    sql: `
      -- Dot voting (issue 14): a facilitator's round on some pain-point and opportunity cards of
      -- a map, each person with at most votes_per_person votes, one per card. At most one open
      -- round per map (the partial unique index). card_ids is a JSON array of card ids in board
      -- order; the cards live in the map document, so they are not foreign keys.
      CREATE TABLE vote_rounds (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        votes_per_person integer NOT NULL CHECK (votes_per_person BETWEEN 1 AND 20),
        card_ids text NOT NULL,
        created_at bigint NOT NULL,
        closed_at bigint,
        created_by text REFERENCES users (id) ON DELETE SET NULL
      );
      CREATE INDEX vote_rounds_by_map ON vote_rounds (map_id, seq);
      CREATE UNIQUE INDEX vote_rounds_one_open ON vote_rounds (map_id) WHERE status = 'open';
      CREATE TABLE votes (
        round_id text NOT NULL REFERENCES vote_rounds (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        card_id text NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (round_id, user_id, card_id)
      );
    `,
  },
];

/**
 * Key of the transaction-level advisory lock that serialises migrations: N processes starting
 * together on one database apply each migration once; the others wait, then find nothing to do.
 * (A single bigint key; document locks use the two-int4 key space, which never overlaps.)
 */
const MIGRATION_LOCK_KEY = 727_465_001;

/**
 * Applies the pending migrations in ONE transaction under pg_advisory_xact_lock, recording each
 * in schema_migrations, on client (a connection of its own, with timeouts fit for migrations).
 * Either the whole schema moves forward or nothing changes. Resolves to the ids it applied.
 */
export async function migrate(
  client: ClientBase,
  migrations: readonly SqlMigration[] = PG_MIGRATIONS,
): Promise<string[]> {
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at bigint NOT NULL)',
    );
    const { rows } = await client.query<{ id: string }>('SELECT id FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.id));
    const ran: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [
        migration.id,
        Date.now(),
      ]);
      ran.push(migration.id);
    }
    await client.query('COMMIT');
    return ran;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
