import type { MapId } from '../../shared/ids.ts';
import type { MapRole } from '../../shared/policy.ts';
import type { MapState } from '../../shared/records/meta.ts';
import type {
  ActionRow,
  DepartmentRow,
  DigestCandidateRow,
  DigestWatermarkRow,
  FeedbackResponseRow,
  InviteRow,
  ItemChangeRecord,
  MissingStepRow,
  ItemChangeRow,
  MapRow,
  MemberMapRow,
  MemberRow,
  OwnedActionRow,
  RoleChangeRow,
  MessageRow,
  InboxRow,
  SessionRow,
  ThreadRow,
  UserRow,
  VersionRow,
  VersionWithState,
  VisitRow,
  VoteRoundRow,
  VoteRow,
} from './rows.ts';
import type { ThreadAnchor } from '../../shared/comments.ts';
import type {
  ValidationSettings,
  ValidationSettingsPatch,
  Verdict,
} from '../../shared/validation.ts';
import type { ActionKpi, ActionStatus } from '../../shared/actions.ts';

/**
 * The storage seam: everything the server stores, behind async interfaces, so routes, commands and
 * collaboration extensions are written once for both databases: the embedded SQLite file (the
 * default) and PostgreSQL (`DATABASE_URL`). Adapters: `sqlite/` and `postgres/`.
 *
 * Rules every adapter keeps:
 * - A method resolves only once its write is committed (durable as the database promises), or
 *   rejects; a rejected write changed nothing.
 * - Outside `transaction`, each method is atomic on its own.
 * - Times are milliseconds since the epoch; ids are strings; binary values are Uint8Array.
 */
export interface Storage extends StorageStores {
  /** Which database is behind the seam (logs, /healthz). */
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs fn in one transaction: the stores fn receives are bound to it; everything fn wrote is
   * committed when its promise resolves and rolled back when it rejects. Calls inside fn must use
   * `tx`, never the outer stores (on PostgreSQL those are other connections; on SQLite they would
   * wait for the transaction to end).
   */
  transaction<T>(fn: (tx: StorageStores) => Promise<T>): Promise<T>;
  /** Whether the database answers now (a trivial query), for /healthz. */
  ping(): Promise<void>;
  /** Closes the database (pool, file); later calls reject. */
  close(): Promise<void>;
}

/** The stores, inside or outside a transaction. */
export interface StorageStores {
  documents: DocumentLog;
  maps: MapStore;
  users: UserStore;
  sessions: SessionStore;
  members: MemberStore;
  invites: InviteStore;
  departments: DepartmentStore;
  threads: ThreadStore;
  digests: DigestStore;
  changes: ChangeStore;
  visits: VisitStore;
  feedback: FeedbackStore;
  versions: VersionStore;
  actions: ActionStore;
  votes: VoteStore;
}

/** Stored state of one collaboration document: the snapshot plus the log rows after it. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  tail: Uint8Array[];
}

/** One update to append to a document's log. */
export interface LogEntry {
  name: string;
  update: Uint8Array;
}

/**
 * Snapshot + append-only update log of Yjs documents.
 *
 * Durability: `append` resolves once every entry is committed; the collaboration server
 * acknowledges an update only after that (see PersistenceExtension).
 *
 * Compaction must be safe when several processes write the same document: it folds into the
 * snapshot only log rows it has read and merged, never "everything up to MAX(seq)".
 */
export interface DocumentLog {
  /** Appends updates (of one or several documents) in one commit: a group commit. */
  append(entries: readonly LogEntry[]): Promise<void>;
  /** The snapshot and every logged update after it. */
  load(name: string): Promise<StoredDocument>;
  /**
   * Folds the log into the snapshot in one transaction: the new snapshot is the merge of the
   * stored snapshot, the log rows read in that transaction, and `state` (this process's copy, a
   * full Yjs update); exactly the rows read are deleted. Rows another process appends meanwhile
   * stay in the log.
   */
  compact(name: string, state: Uint8Array): Promise<void>;
  /** Writes a full state as the snapshot of a document that has none yet (seeding, import). */
  writeInitial(name: string, state: Uint8Array): Promise<void>;
  /** Replaces a document's whole stored state (snapshot and log) with `state` (repair). */
  replace(name: string, state: Uint8Array): Promise<void>;
  /** Number of log rows not yet compacted (tests, metrics). */
  tailLength(name: string): Promise<number>;
  /** Removes every trace of a document (map deletion). */
  remove(name: string): Promise<void>;
}

/** What a new catalogue row is made of. */
export interface NewMapRow {
  id: MapId;
  title: string;
  template: string | null;
  sourceMapId?: MapId | null | undefined;
  state?: MapState | undefined;
}

/** The catalogue of maps: ids, titles and timestamps for lists. */
export interface MapStore {
  /** `sourceMapId` defaults to null, `state` to 'as-is'. */
  create(input: NewMapRow): Promise<MapRow>;
  get(id: string): Promise<MapRow | null>;
  /** Every map, most recently updated first. */
  list(): Promise<MapRow[]>;
  count(): Promise<number>;
  /** Sets the catalogue title (kept equal to the document's meta.title) and touches the map. */
  setTitle(id: string, title: string): Promise<void>;
  /** Marks a map as changed now. */
  touch(id: string): Promise<void>;
  /** Sets the catalogue state (kept equal to the document's meta.state) and touches the map. */
  setState(id: string, state: MapState): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * The map's 32-byte key for the customer projection's opaque ids, created at random on the
   * first call and the same ever after (concurrent first calls agree on one value). Rejects for
   * an unknown map.
   */
  customerSecret(mapId: MapId): Promise<Uint8Array>;
}

/** Length of a map's customer-id key (an HMAC-SHA256 key), in bytes. */
export const CUSTOMER_SECRET_BYTES = 32;

/** Accounts and guests. Emails are unique regardless of case (stored lower case). */
export interface UserStore {
  createAccount(input: {
    email: string;
    name: string;
    department: string;
    passwordHash: string;
  }): Promise<UserRow>;
  createGuest(name: string): Promise<UserRow>;
  byId(id: string): Promise<UserRow | null>;
  byEmail(email: string): Promise<UserRow | null>;
  /** Number of people with an account (guests excluded). */
  countAccounts(): Promise<number>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
}

/** Session rows; the token logic lives in server/auth/sessions.ts. */
export interface SessionStore {
  insert(session: SessionRow): Promise<void>;
  get(id: string): Promise<SessionRow | null>;
  setExpiry(id: string, expiresAt: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** Deletes every session of a user; resolves to the deleted ids. */
  deleteAllOf(userId: string): Promise<string[]>;
  deleteExpired(now: number): Promise<void>;
}

/** Who holds which role on which map, and the record of role changes. */
export interface MemberStore {
  role(mapId: MapId, userId: string): Promise<MapRole | null>;
  get(mapId: MapId, userId: string): Promise<MemberRow | null>;
  list(mapId: MapId): Promise<MemberRow[]>;
  /** The maps a user is a member of, most recently updated first. */
  mapsOf(userId: string): Promise<MemberMapRow[]>;
  add(mapId: MapId, userId: string, role: MapRole): Promise<void>;
  setRole(mapId: MapId, userId: string, role: MapRole): Promise<void>;
  recordRoleChange(input: {
    mapId: MapId;
    userId: string;
    changedBy: string | null;
    from: MapRole;
    to: MapRole;
  }): Promise<void>;
  /** The latest role change of each member of a map who had one, by user id. */
  latestRoleChanges(mapId: MapId): Promise<Map<string, RoleChangeRow>>;
  /** The last role change an owner has seen on a map (0: none). */
  seenRoleChangeSeq(mapId: MapId, userId: string): Promise<number>;
  markRoleChangesSeen(mapId: MapId, userId: string): Promise<void>;
  /** For each map the user owns, how many role changes by someone else they have not seen. */
  unseenRoleChangeCounts(userId: string): Promise<Map<MapId, number>>;
  remove(mapId: MapId, userId: string): Promise<void>;
  ownsAnyMap(userId: string): Promise<boolean>;
  countOwners(mapId: MapId): Promise<number>;
  /** Makes the user owner of every map that has no member at all; resolves to how many. */
  claimUnownedMaps(userId: string): Promise<number>;
}

/** Invite links of maps (only the SHA-256 of a token is stored). */
export interface InviteStore {
  create(input: {
    mapId: MapId;
    role: MapRole;
    tokenHash: Uint8Array;
    createdBy: string;
    expiresAt: number;
    maxUses: number | null;
    label?: string | null;
  }): Promise<InviteRow>;
  byTokenHash(tokenHash: Uint8Array): Promise<InviteRow | null>;
  get(mapId: MapId, id: string): Promise<InviteRow | null>;
  /** Every invite of a map, newest first. */
  list(mapId: MapId): Promise<InviteRow[]>;
  /** Counts one use if one is left (one conditional UPDATE); false when used up. */
  consumeUse(id: string): Promise<boolean>;
  revoke(mapId: MapId, id: string): Promise<void>;
}

/** The workspace's editable list of departments. */
export interface DepartmentStore {
  /** Every department, the seeded ones first, then the workspace's own in creation order. */
  list(): Promise<DepartmentRow[]>;
  exists(id: string): Promise<boolean>;
  /** Adds a department whose name is the same in both languages. */
  create(id: string, name: string): Promise<DepartmentRow>;
}

/** A message of a thread, with the map the thread belongs to (for access checks). */
export interface MessageWithMap extends MessageRow {
  mapId: MapId;
}

/**
 * Comment threads of maps and their messages (mentions are kept as member ids, in order). Rows go
 * when their map is deleted (cascade). Times are set by the store.
 */
export interface ThreadStore {
  /** Creates a thread with its first message, atomically. */
  create(input: {
    mapId: MapId;
    anchor: ThreadAnchor;
    /** Plain text naming the anchor now (the caller computes it from the map document). */
    anchorLabel?: string | null;
    createdBy: string;
    body: string;
    mentions: readonly string[];
  }): Promise<ThreadRow>;
  /** One thread with its messages (deleted ones included), or null. */
  get(id: string): Promise<ThreadRow | null>;
  /** Every thread of a map with its messages, oldest thread first. */
  list(mapId: MapId): Promise<ThreadRow[]>;
  /** Appends a message to a thread. */
  addMessage(input: {
    threadId: string;
    authorId: string;
    body: string;
    mentions: readonly string[];
  }): Promise<MessageRow>;
  /** One message with its thread's map, or null. */
  message(id: string): Promise<MessageWithMap | null>;
  /** Replaces a live message's body and mentions and marks it edited now. */
  editMessage(id: string, input: { body: string; mentions: readonly string[] }): Promise<void>;
  /** Marks a message deleted now: its body and mentions are erased, the row stays in order. */
  deleteMessage(id: string): Promise<void>;
  /** Resolves (by `by`, now) or reopens a thread. */
  setResolved(id: string, resolved: boolean, by: string): Promise<void>;
  /** Deletes a thread and its messages. */
  delete(id: string): Promise<void>;
  /**
   * How far a person has read each thread of a map they have read at all: thread id -> the
   * creation time of the newest message they had seen.
   */
  readsOf(mapId: MapId, userId: string): Promise<Map<string, number>>;
  /** Marks a thread read by a person up to `until`; never moves an earlier mark backwards. */
  markRead(threadId: string, userId: string, until: number): Promise<void>;
  /**
   * For every map where the person holds an internal role, how many messages they have not read
   * (live, by someone else, newer than their mark on the thread), in one query; maps with none
   * are left out.
   */
  unreadCounts(userId: string): Promise<Map<MapId, number>>;
  /**
   * The person's inbox, newest first: live messages by someone else that mention them or reply in
   * a thread they opened, in maps where they still hold an internal role; only those created after
   * `after` when given; at most `limit`.
   */
  inboxFor(userId: string, options: { after?: number; limit: number }): Promise<InboxRow[]>;
  /** How many messages of the person's whole inbox (no limit) they have not read. */
  inboxUnread(userId: string): Promise<number>;
}

/**
 * Per-person watermarks of the email digests (server/notifications/). A run claims a person
 * (a conditional upsert: exactly one of several concurrent runs, on one or several instances, gets
 * the claim), mails them, and only then moves their watermark forward and releases the claim.
 */
export interface DigestStore {
  /**
   * People with an account and an email who may have something new: a message by someone else
   * (not deleted) created in (max(since, their watermark), until] that mentions them or is in a
   * thread they created. A superset of their unread inbox (membership and read state are the
   * inbox's to decide), ordered by user id.
   */
  candidates(window: { since: number; until: number }): Promise<DigestCandidateRow[]>;
  /**
   * Claims a person for one run until `now + leaseMs`. Succeeds only when no other claim holds at
   * `now` and their last digest went out at or before `lastMailedBy` (one mail per interval); a
   * person without a row gets one (watermark 0). Resolves to their watermark, or null when refused.
   */
  claim(input: {
    userId: string;
    token: string;
    now: number;
    leaseMs: number;
    lastMailedBy: number;
  }): Promise<number | null>;
  /**
   * Ends the claim `token`: moves the watermark to `sentUntil` (never backwards) and, when a mail
   * went out, records `mailedAt`. False when the claim had lapsed and was taken by another run.
   */
  finish(input: {
    userId: string;
    token: string;
    sentUntil: number;
    mailedAt: number | null;
  }): Promise<boolean>;
  /** Gives the claim `token` up, moving nothing (the mail was not sent). */
  release(userId: string, token: string): Promise<void>;
  /** A person's row, or null before their first digest run (tests, diagnostics). */
  get(userId: string): Promise<DigestWatermarkRow | null>;
}

/**
 * Who changed which card, stage and lane of a map (change attribution, issue 10), coalesced: one
 * row per map, person, item, kind of change and time window. Rows go with their map (cascade).
 */
export interface ChangeStore {
  /**
   * Adds coalesced changes in one commit. A row whose (map, person, item kind, item, change,
   * window) is already stored widens it: the earlier first time, the later last time, and the label
   * and department of the later one. Rows of maps that no longer exist are dropped.
   */
  record(rows: readonly ItemChangeRecord[]): Promise<void>;
  /** Every change row of a map whose last time is after `after` (ms), oldest last time first. */
  since(mapId: MapId, after: number): Promise<ItemChangeRow[]>;
  /** Deletes the rows whose last time is before `before` (ms); resolves to how many went. */
  prune(before: number): Promise<number>;
}

/**
 * When each person last had each map open (a visit spans the gaps shorter than a grace period,
 * e.g. a reload), and when they last dismissed "since your last visit". Stored, not kept in memory,
 * so every instance of a deployment agrees. Rows go with their map or person (cascade).
 */
export interface VisitStore {
  /**
   * The person has the map open at `now`: when they were last seen `gapMs` or more before `now`
   * (or never), a new visit begins and the previous one is remembered as ended when they were last
   * seen; otherwise the current visit goes on. Nothing happens for a map that does not exist.
   */
  arrive(mapId: MapId, userId: string, now: number, gapMs: number): Promise<void>;
  /**
   * These people still have (or just closed) these maps at `now`: the same rule as `arrive` for
   * each (so a disconnect or heartbeat stored before the arrival it follows, or after a long gap,
   * still starts the new visit and remembers when the last one ended), and the last-seen time
   * never moves backwards.
   */
  seen(
    entries: readonly { mapId: MapId; userId: string }[],
    now: number,
    gapMs: number,
  ): Promise<void>;
  /** The person's visits of a map, or null when they never visited nor dismissed. */
  get(mapId: MapId, userId: string): Promise<VisitRow | null>;
  /** The person dismissed "since your last visit" at `now`. */
  dismiss(mapId: MapId, userId: string, now: number): Promise<void>;
}

/** What a feedback write did: 'submitted' when the response was already sent (nothing changed). */
export type FeedbackWrite = 'ok' | 'submitted';

/**
 * Customer feedback on maps (issue 11): one response per customer per map, its answers keyed by
 * internal card and stage ids, and each map's validation thresholds. Every write creates the
 * response when it has none yet and marks it started; every write is refused, changing nothing,
 * once the response was submitted (checked in the same transaction as the write). Rows go with
 * their map or person (cascade).
 */
export interface FeedbackStore {
  /**
   * A customer arrived through a customer link: creates their response (nothing saved yet)
   * remembering the link, or, when they already have one without a link, records the link.
   */
  arrive(mapId: MapId, userId: string, inviteId: string): Promise<void>;
  /** The person's response with every answer, or null when they have none. */
  response(mapId: MapId, userId: string): Promise<FeedbackResponseRow | null>;
  /** Every response of a map in which something was saved, oldest first. */
  responses(mapId: MapId): Promise<FeedbackResponseRow[]>;
  /** Sets (or replaces) the person's answer on a card. */
  setCardAnswer(
    mapId: MapId,
    userId: string,
    answer: { cardId: string; verdict: Verdict; note: string | null },
  ): Promise<FeedbackWrite>;
  /** Removes the person's answer on a card (nothing to remove is fine). */
  deleteCardAnswer(mapId: MapId, userId: string, cardId: string): Promise<FeedbackWrite>;
  /** Sets (or replaces) the person's emotion at a stage. */
  setStageAnswer(
    mapId: MapId,
    userId: string,
    answer: { stageId: string; emotion: number; note: string | null },
  ): Promise<FeedbackWrite>;
  /** Adds a missing step; resolves to it, or to 'submitted'. */
  addMissing(
    mapId: MapId,
    userId: string,
    step: { stageId: string; note: string },
  ): Promise<MissingStepRow | 'submitted'>;
  /** Removes one of the person's missing steps; 'not-found' when they have no such step. */
  deleteMissing(mapId: MapId, userId: string, id: string): Promise<FeedbackWrite | 'not-found'>;
  /** Sets the first name and the free comment: undefined leaves, null clears. */
  setAbout(
    mapId: MapId,
    userId: string,
    about: { firstName?: string | null | undefined; comment?: string | null | undefined },
  ): Promise<FeedbackWrite>;
  /** Sends the response (now); 'submitted' when it had already been sent. */
  submit(mapId: MapId, userId: string): Promise<FeedbackWrite>;
  /** The map's validation thresholds (the defaults when never set). */
  settings(mapId: MapId): Promise<ValidationSettings>;
  /** Changes the map's thresholds (absent fields are kept); resolves to the new ones. */
  setSettings(mapId: MapId, patch: ValidationSettingsPatch): Promise<ValidationSettings>;
  /** How many started responses came through each customer link of a map, by invite id. */
  responseCounts(mapId: MapId): Promise<Map<string, number>>;
  /**
   * Of the maps where the person holds an internal role, those with at least one card answer
   * (the others are simply "assumed"), in one query.
   */
  answeredMaps(userId: string): Promise<Set<MapId>>;
}

/** What to store as a new version of a map. */
export interface NewVersion {
  mapId: MapId;
  name: string | null;
  authorId: string | null;
  auto: boolean;
  /**
   * The version's content: one full Yjs update of the map document (Y.encodeStateAsUpdate), as
   * server/versions/versionState.ts packs it (compressed); the store keeps the bytes as given.
   */
  state: Uint8Array;
  /** When it was taken (ms); now when absent. */
  createdAt?: number;
}

/**
 * Version history of maps (issue 13): each version is one full Yjs update of the map document.
 * Rows go with their map (cascade); a version's author becomes unknown when their account goes.
 */
export interface VersionStore {
  /** Stores a version; resolves to it (without the state). Rejects for an unknown map. */
  add(version: NewVersion): Promise<VersionRow>;
  /** Every version of a map, newest first, without the state bytes. */
  list(mapId: MapId): Promise<VersionRow[]>;
  /** One version of a map with its state, or null (unknown id, or another map's version). */
  get(mapId: MapId, id: string): Promise<VersionWithState | null>;
  /** When the map's newest version was taken, or null when it has none. */
  latestCreatedAt(mapId: MapId): Promise<number | null>;
  /** Deletes the AUTO versions taken before `before` (ms), of every map; named ones stay. */
  pruneAuto(before: number): Promise<number>;
}

/** What a new action is made of (validated by the caller: the owner a member, the cards real). */
export interface NewActionRow {
  mapId: MapId;
  title: string;
  ownerId: string;
  department: string | null;
  due: string | null;
  status: ActionStatus;
  cardIds: readonly string[];
  kpi: ActionKpi | null;
  createdBy: string;
}

/** A change to an action: absent fields are kept, null clears the optional ones. */
export interface ActionChanges {
  title?: string | undefined;
  ownerId?: string | undefined;
  department?: string | null | undefined;
  due?: string | null | undefined;
  status?: ActionStatus | undefined;
  cardIds?: readonly string[] | undefined;
  kpi?: ActionKpi | null | undefined;
}

/**
 * Owned actions of maps (issue 14). Times are set by the store; `doneAt` follows the status in
 * the same statement as the change: set to now when an action becomes done, kept while it stays
 * done, cleared when it leaves done. Rows go with their map or their owner (cascade).
 */
export interface ActionStore {
  /** Stores a new action; resolves to it. Rejects for an unknown map or owner. */
  create(input: NewActionRow): Promise<ActionRow>;
  /** One action, or null. */
  get(id: string): Promise<ActionRow | null>;
  /** Every action of a map: due date ascending (none last), then oldest first. */
  list(mapId: MapId): Promise<ActionRow[]>;
  /**
   * Changes an action and touches it; resolves to it, or null when there is no such action, or,
   * with `onlyIfOwner`, when its owner is someone else by then (checked in the same statement, so
   * an owner's status change cannot land after the action was given to someone else).
   */
  update(
    id: string,
    changes: ActionChanges,
    onlyIfOwner?: string | undefined,
  ): Promise<ActionRow | null>;
  /** Deletes an action; false when there was none. */
  delete(id: string): Promise<boolean>;
  /**
   * The actions a person owns on maps where they still hold an internal role (not as a customer,
   * not after they were removed), with each map's title, in list order.
   */
  ownedBy(userId: string): Promise<OwnedActionRow[]>;
}

/** What a vote did; anything but 'ok' changed nothing. */
export type VoteCast =
  'ok' | 'not-found' | 'round-closed' | 'card-not-in-round' | 'already-voted' | 'no-votes-left';

/** What taking a vote back did; anything but 'ok' changed nothing. */
export type VoteRetract = 'ok' | 'not-found' | 'round-closed' | 'not-voted';

/**
 * Dot-voting rounds of maps (issue 14) and their votes. At most one open round per map; a person
 * votes at most once per card and at most `votesPerPerson` times per round, checked in the same
 * transaction as the write (holding the round, so concurrent votes and a close are serialised);
 * nothing is written once a round is closed. Rows go with their map (cascade) and votes with
 * their voter's account.
 */
export interface VoteStore {
  /** Starts a round; 'round-open' (nothing stored) when the map already has an open one. */
  createRound(input: {
    mapId: MapId;
    votesPerPerson: number;
    cardIds: readonly string[];
    createdBy: string;
  }): Promise<VoteRoundRow | 'round-open'>;
  /** One round, or null. */
  round(id: string): Promise<VoteRoundRow | null>;
  /** Every round of a map, newest first. */
  rounds(mapId: MapId): Promise<VoteRoundRow[]>;
  /** Every vote of a round, oldest first. */
  votes(roundId: string): Promise<VoteRow[]>;
  /** Casts the person's vote for a card of an open round (see VoteCast). */
  cast(roundId: string, userId: string, cardId: string): Promise<VoteCast>;
  /** Takes the person's own vote for a card back while the round is open. */
  retract(roundId: string, userId: string, cardId: string): Promise<VoteRetract>;
  /** Closes an open round now; resolves to it, or says why not. */
  close(roundId: string): Promise<VoteRoundRow | 'not-found' | 'round-closed'>;
}
