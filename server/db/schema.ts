/** One ordered SQL migration of the server's database. */
export interface SqlMigration {
  /** Stable id; never renamed once shipped. */
  id: string;
  sql: string;
}

/** Every table the server keeps, in the order they were introduced. */
export const SCHEMA_MIGRATIONS: readonly SqlMigration[] = [
  {
    id: '0001-maps-and-documents',
    sql: `
      CREATE TABLE maps (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        template TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- Compacted Yjs state of a collaboration document (map:<id>, map:<id>/comments, ...).
      CREATE TABLE document_snapshots (
        name TEXT PRIMARY KEY,
        state BLOB NOT NULL,
        -- highest document_updates.seq folded into state
        upto_seq INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- Append-only log of acknowledged updates, written before the ack (durability promise).
      CREATE TABLE document_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        update_data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX document_updates_by_name ON document_updates (name, seq);
    `,
  },
  {
    id: '0002-accounts-sessions-roles',
    sql: `
      -- The workspace's editable list of departments (every user belongs to one).
      CREATE TABLE departments (
        id TEXT PRIMARY KEY,
        label_es TEXT NOT NULL,
        label_en TEXT NOT NULL,
        created_at INTEGER NOT NULL
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
        id TEXT PRIMARY KEY,
        email TEXT UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        department TEXT REFERENCES departments (id),
        -- argon2id PHC string: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
        password_hash TEXT,
        is_guest INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      -- Lucia-style sessions: the token is <id>.<secret>; only SHA-256(secret) is stored.
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        secret_hash BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_by_user ON sessions (user_id);
      -- Who may do what on a map (shared/policy.ts decides what each role allows).
      CREATE TABLE map_members (
        map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer', 'customer')),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (map_id, user_id)
      );
      CREATE INDEX map_members_by_user ON map_members (user_id);
      -- Invite links: only SHA-256 of the token is stored.
      CREATE TABLE map_invites (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        token_hash BLOB NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer', 'customer')),
        created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX map_invites_by_map ON map_invites (map_id);
    `,
  },
  {
    id: '0003-invite-uses-and-role-changes',
    sql: `
      -- How many times a link may be accepted (NULL: unlimited, customer links) and has been.
      ALTER TABLE map_invites ADD COLUMN max_uses INTEGER CHECK (max_uses IS NULL OR max_uses > 0);
      ALTER TABLE map_invites ADD COLUMN uses INTEGER NOT NULL DEFAULT 0;
      -- Links issued before uses were counted: member links become single-use from now on, and
      -- owner links (ownership is never granted by link any more) are revoked.
      UPDATE map_invites SET max_uses = 1 WHERE role <> 'customer';
      UPDATE map_invites SET revoked_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)
        WHERE role = 'owner' AND revoked_at IS NULL;
      -- Every change of a member's role, so a map's owners can see who changed whose role and when.
      CREATE TABLE member_role_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- who made the change; NULL when an invite link upgraded the member or the actor is gone
        changed_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        from_role TEXT NOT NULL,
        to_role TEXT NOT NULL,
        changed_at INTEGER NOT NULL
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
        map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        seen_seq INTEGER NOT NULL,
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
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        anchor_kind TEXT NOT NULL CHECK (anchor_kind IN ('map', 'stage', 'lane', 'card', 'persona')),
        -- the stage, lane, card or persona id (kept when that item is deleted); NULL for the map
        anchor_id TEXT,
        resolved_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        -- NULL while open
        resolved_at INTEGER,
        created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        CHECK ((anchor_kind = 'map') = (anchor_id IS NULL))
      );
      CREATE INDEX comment_threads_by_map ON comment_threads (map_id, seq);
      CREATE TABLE comment_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        thread_id TEXT NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
        author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
        -- plain text, at most 10,000 characters; '' once deleted
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        edited_at INTEGER,
        deleted_at INTEGER
      );
      CREATE INDEX comment_messages_by_thread ON comment_messages (thread_id, seq);
      -- Who a message mentions (member ids, in the order written), for notifications and inboxes.
      CREATE TABLE comment_mentions (
        message_id TEXT NOT NULL REFERENCES comment_messages (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
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
      ALTER TABLE comment_threads ADD COLUMN anchor_label TEXT;
      -- Threads by who opened them: the replies to a person's threads are part of their inbox.
      CREATE INDEX comment_threads_by_creator ON comment_threads (created_by);
      -- How far each person has read each thread: the creation time of the newest message they
      -- had seen. Later messages by someone else are unread to them (map list, inbox, panel).
      CREATE TABLE comment_reads (
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        thread_id TEXT NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
        read_until INTEGER NOT NULL,
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
        map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- the person's department id at the time (NULL for guests)
        department TEXT,
        item_kind TEXT NOT NULL CHECK (item_kind IN ('card', 'stage', 'lane')),
        item_id TEXT NOT NULL,
        change TEXT NOT NULL CHECK (change IN ('created', 'changed', 'deleted')),
        -- card plain text / stage name / lane title (<= 80 characters); before deletion if deleted
        label TEXT NOT NULL,
        window_start INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        PRIMARY KEY (map_id, user_id, item_kind, item_id, change, window_start)
      );
      CREATE INDEX map_item_changes_by_time ON map_item_changes (map_id, last_at);
      CREATE INDEX map_item_changes_for_pruning ON map_item_changes (last_at);
      -- Each person's visits of each map: a visit spans gaps shorter than a grace period (reloads).
      CREATE TABLE map_visits (
        map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        visit_started_at INTEGER,
        last_seen_at INTEGER,
        -- when the visit before the current one ended
        previous_ended_at INTEGER,
        -- when the person last dismissed "since your last visit"
        dismissed_at INTEGER,
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
        user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        -- inbox items created at or before this time (ms) were mailed, or read or not theirs
        sent_until INTEGER NOT NULL,
        -- the time of the run that last mailed them; NULL before their first digest
        last_mailed_at INTEGER,
        -- the run mailing them now, and until when its claim holds (a crashed run's claim lapses)
        claim_token TEXT,
        claim_expires_at INTEGER
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
      ALTER TABLE maps ADD COLUMN customer_secret BLOB;
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
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- the customer link they came through (NULL: added otherwise, or the link is gone)
        invite_id TEXT REFERENCES map_invites (id) ON DELETE SET NULL,
        first_name TEXT,
        comment TEXT,
        created_at INTEGER NOT NULL,
        -- when they first saved anything (NULL: nothing yet; such rows are not responses)
        started_at INTEGER,
        updated_at INTEGER NOT NULL,
        -- when they pressed Send; every write is refused after it
        submitted_at INTEGER,
        UNIQUE (map_id, user_id)
      );
      CREATE INDEX feedback_responses_by_invite ON feedback_responses (invite_id);
      CREATE TABLE feedback_card_answers (
        response_id TEXT NOT NULL REFERENCES feedback_responses (id) ON DELETE CASCADE,
        card_id TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('yes', 'different', 'not-me')),
        -- plain text, at most 2,000 characters
        note TEXT,
        answered_at INTEGER NOT NULL,
        PRIMARY KEY (response_id, card_id)
      );
      CREATE TABLE feedback_stage_answers (
        response_id TEXT NOT NULL REFERENCES feedback_responses (id) ON DELETE CASCADE,
        stage_id TEXT NOT NULL,
        emotion INTEGER NOT NULL CHECK (emotion BETWEEN -2 AND 2),
        note TEXT,
        answered_at INTEGER NOT NULL,
        PRIMARY KEY (response_id, stage_id)
      );
      -- Steps a customer says are missing from a stage.
      CREATE TABLE feedback_missing_steps (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        response_id TEXT NOT NULL REFERENCES feedback_responses (id) ON DELETE CASCADE,
        stage_id TEXT NOT NULL,
        note TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX feedback_missing_steps_by_response ON feedback_missing_steps (response_id, seq);
      -- A map's validation thresholds (no row: the defaults, 3 answers with a 2/3 majority).
      CREATE TABLE validation_settings (
        map_id TEXT PRIMARY KEY REFERENCES maps (id) ON DELETE CASCADE,
        min_answers INTEGER NOT NULL CHECK (min_answers BETWEEN 1 AND 50),
        majority REAL NOT NULL CHECK (majority BETWEEN 0.5 AND 1),
        updated_at INTEGER NOT NULL
      );
      -- What an invite link is for ("Customer 3, phone interview"; at most 80 characters).
      ALTER TABLE map_invites ADD COLUMN label TEXT;
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
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        -- NULL for auto versions; at most 120 characters
        name TEXT,
        author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
        auto INTEGER NOT NULL CHECK (auto IN (0, 1)),
        state BLOB NOT NULL
      );
      CREATE INDEX map_versions_by_map ON map_versions (map_id, created_at);
      CREATE INDEX map_versions_auto_by_time ON map_versions (created_at) WHERE auto = 1;
    `,
  },
  {
    id: '0012-map-source',
    sql: `
      -- AS-IS and TO-BE (issue 13): a copy remembers the map it was made from (a TO-BE from its
      -- AS-IS; the map list groups them). Deleting the source keeps the copy, unlinked.
      ALTER TABLE maps ADD COLUMN source_map_id TEXT REFERENCES maps (id) ON DELETE SET NULL;
      CREATE INDEX maps_by_source ON maps (source_map_id);
      -- The document's meta.state, kept in the catalogue so the list can label and group maps
      -- without opening every document (MapCatalogExtension keeps it in step).
      ALTER TABLE maps ADD COLUMN state TEXT NOT NULL DEFAULT 'as-is' CHECK (state IN ('as-is', 'to-be'));
    `,
  },
  {
    id: '0013-actions',
    sql: `
      -- Owned actions of maps (issue 14): what the team will do about a pain point or
      -- opportunity, who owns it (an internal member when it was assigned), by when, and how
      -- success is measured. The live document map:<id>/actions is rebuilt from these rows.
      CREATE TABLE map_actions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        -- plain text, 1..200 characters
        title TEXT NOT NULL,
        owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- a department id, or NULL
        department TEXT,
        -- a calendar day, YYYY-MM-DD (sorts as text), or NULL
        due TEXT,
        status TEXT NOT NULL CHECK (status IN ('todo', 'doing', 'done')),
        -- the linked cards of the map's document: a JSON array of card ids (at most 50)
        card_ids TEXT NOT NULL DEFAULT '[]',
        -- the success metric (no name: none) and, optionally, the map's KPI card it refers to
        kpi_name TEXT,
        kpi_target TEXT,
        kpi_card_id TEXT,
        created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        -- when it last became done; NULL unless status is 'done'
        done_at INTEGER
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
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        votes_per_person INTEGER NOT NULL CHECK (votes_per_person BETWEEN 1 AND 20),
        card_ids TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        closed_at INTEGER,
        created_by TEXT REFERENCES users (id) ON DELETE SET NULL
      );
      CREATE INDEX vote_rounds_by_map ON vote_rounds (map_id, seq);
      CREATE UNIQUE INDEX vote_rounds_one_open ON vote_rounds (map_id) WHERE status = 'open';
      CREATE TABLE votes (
        round_id TEXT NOT NULL REFERENCES vote_rounds (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        card_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (round_id, user_id, card_id)
      );
    `,
  },
];
