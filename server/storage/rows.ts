import type { CardId, MapId } from '../../shared/ids.ts';
import type { MapState } from '../../shared/records/meta.ts';
import { INTERNAL_ROLES, type MapRole } from '../../shared/policy.ts';
import { ANCHOR_KINDS, type AnchorKind, type ThreadAnchor } from '../../shared/comments.ts';
import { VERDICTS, type Verdict } from '../../shared/validation.ts';
import { ACTION_STATUSES, type ActionKpi, type ActionStatus } from '../../shared/actions.ts';

// The rows the storage returns, whatever the database behind it.

/** A row of the map catalogue (the document itself lives in the DocumentLog). */
export interface MapRow {
  id: MapId;
  title: string;
  template: string | null;
  createdAt: number;
  updatedAt: number;
  /**
   * The map this one was copied from (a TO-BE made from its AS-IS map); null for maps made
   * otherwise, and once the source is deleted.
   */
  sourceMapId: MapId | null;
  /** The document's meta.state as last stored (kept in step by MapCatalogExtension). */
  state: MapState;
}

/** A user as stored: a person with an account, or a guest (invited customer). */
export interface UserRow {
  id: string;
  /** Null for guests. */
  email: string | null;
  name: string;
  /** Department slug; null for guests. */
  department: string | null;
  /** argon2id PHC string; null for guests (they cannot log in with a password). */
  passwordHash: string | null;
  isGuest: boolean;
  createdAt: number;
}

/** The user as the API shows it (never the password hash). */
export interface PublicUser {
  id: string;
  email: string | null;
  name: string;
  department: string | null;
  guest: boolean;
}

/** A stored session: the token's id half and the SHA-256 of its secret half. */
export interface SessionRow {
  id: string;
  userId: string;
  secretHash: Uint8Array;
  createdAt: number;
  expiresAt: number;
}

/** An invite link as stored (the token itself is never stored, only its SHA-256). */
export interface InviteRow {
  id: string;
  mapId: MapId;
  role: MapRole;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  /** How many times the link may be accepted; null means unlimited (customer links). */
  maxUses: number | null;
  /** How many times it has been accepted (acceptances that changed nothing do not count). */
  uses: number;
  /** What the link is for, as its creator wrote it; null when none. */
  label: string | null;
}

/** A department of the workspace, with its label in both UI languages. */
export interface DepartmentRow {
  id: string;
  label: { es: string; en: string };
}

/** A member of a map as the members list shows it. */
export interface MemberRow {
  userId: string;
  email: string | null;
  name: string;
  department: string | null;
  guest: boolean;
  role: MapRole;
  createdAt: number;
}

/** One change of a member's role, as the map's owners see it. */
export interface RoleChangeRow {
  userId: string;
  from: MapRole;
  to: MapRole;
  /** Who changed it; null when an invite link upgraded the member (or the account is gone). */
  changedBy: { userId: string; name: string } | null;
  changedAt: number;
  /** Order of the change among all changes (newer is larger). */
  seq: number;
}

/** A map in someone's catalogue, with their role on it. */
export interface MemberMapRow extends MapRow {
  role: MapRole;
}

/** One message of a comment thread as stored. */
export interface MessageRow {
  id: string;
  threadId: string;
  /** Null once the author's account is gone. */
  authorId: string | null;
  /** The author's current name; null once the account is gone. */
  authorName: string | null;
  /** The author's current department id; null for guests and once the account is gone. */
  authorDepartment: string | null;
  /** Empty once deleted. */
  body: string;
  /** Member ids the message mentions, in the order written. */
  mentions: string[];
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
}

/** A comment thread with its messages, oldest first. */
export interface ThreadRow {
  id: string;
  mapId: MapId;
  anchor: ThreadAnchor;
  /** Plain text naming the anchor when the thread was created (null for the whole map). */
  anchorLabel: string | null;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedAt: number | null;
  createdBy: string | null;
  createdAt: number;
  messages: MessageRow[];
}

/** Why a message is in someone's inbox: it mentions them, or replies in a thread they opened. */
export type InboxReason = 'mention' | 'reply';

/** One message of someone's inbox (see ThreadStore.inboxFor). */
export interface InboxRow {
  /** The message id. */
  id: string;
  reason: InboxReason;
  mapId: MapId;
  mapTitle: string;
  threadId: string;
  anchor: ThreadAnchor;
  anchorLabel: string | null;
  authorId: string | null;
  authorName: string | null;
  authorDepartment: string | null;
  /** The whole body (the API shortens it). */
  body: string;
  createdAt: number;
  /** Whether the inbox's owner has read the thread up to this message. */
  read: boolean;
}

/** The anchor stored in the columns anchor_kind / anchor_id (both adapters). */
export function toAnchor(kind: unknown, id: unknown): ThreadAnchor {
  const known = ANCHOR_KINDS.find((k) => k === kind);
  if (!known) throw new Error(`unknown anchor kind ${String(kind)}`);
  const anchorKind: AnchorKind = known;
  return id == null ? { kind: anchorKind } : { kind: anchorKind, id: String(id) };
}

/** The internal roles as an SQL list, `'owner', 'editor', ...` (constants, never user input). */
export const INTERNAL_ROLES_SQL = INTERNAL_ROLES.map((role) => `'${role}'`).join(', ');

/** The reason stored in an inbox query's `reason` column. */
export function toInboxReason(value: unknown): InboxReason {
  return value === 'mention' ? 'mention' : 'reply';
}

/** A person who may have something new for an email digest (DigestStore.candidates). */
export interface DigestCandidateRow {
  userId: string;
  email: string;
  name: string;
}

/** How far a person's inbox has been mailed (table digest_watermarks). */
export interface DigestWatermarkRow {
  userId: string;
  /** Inbox items created at or before this time were mailed, read or not theirs. */
  sentUntil: number;
  /** The time of the run that last mailed them; null before their first digest. */
  lastMailedAt: number | null;
  /** Until when a run's claim on them holds; null when nobody holds one. */
  claimExpiresAt: number | null;
}

/** What happened to a card, stage or lane (change attribution, issue 10). */
export type ChangedItemKind = 'card' | 'stage' | 'lane';
export type ItemChangeKind = 'created' | 'changed' | 'deleted';

/**
 * One coalesced row of change attribution: a person's changes of one kind to one item of a map
 * within one time window, with the first and last time and the item's label at the last one.
 */
export interface ItemChangeRecord {
  mapId: MapId;
  userId: string;
  /** The person's department id when they made the change (null for guests). */
  department: string | null;
  kind: ChangedItemKind;
  itemId: string;
  change: ItemChangeKind;
  /** Card plain text, stage name or lane title (<= 80 characters); before deletion for 'deleted'. */
  label: string;
  /** Start of the coalescing window (ms). */
  windowStart: number;
  firstAt: number;
  lastAt: number;
}

/** A stored change row as read back, with the person's current name joined. */
export interface ItemChangeRow extends Omit<ItemChangeRecord, 'windowStart'> {
  userName: string | null;
}

/** A person's visits of one map: the current (or last) one and when the previous one ended. */
export interface VisitRow {
  /** When the current or last visit began (null: never visited). */
  startedAt: number | null;
  /** The last time the person was known to have the map open (null: never). */
  lastSeenAt: number | null;
  /** When the visit before the current one ended (null: none before it). */
  previousEndedAt: number | null;
  /** When the person last dismissed "since your last visit" (null: never). */
  dismissedAt: number | null;
}

/** A customer's answer on one card (internal card id). */
export interface CardAnswerRow {
  cardId: string;
  verdict: Verdict;
  note: string | null;
  answeredAt: number;
}

/** A customer's emotion at one stage (internal stage id). */
export interface StageAnswerRow {
  stageId: string;
  emotion: number;
  note: string | null;
  answeredAt: number;
}

/** A step a customer says is missing from a stage (internal stage id). */
export interface MissingStepRow {
  id: string;
  stageId: string;
  note: string;
  createdAt: number;
}

/** One customer's response on one map, with every answer (issue 11). */
export interface FeedbackResponseRow {
  id: string;
  mapId: MapId;
  userId: string;
  /** The customer link they came through; null when added otherwise or the link is gone. */
  inviteId: string | null;
  firstName: string | null;
  comment: string | null;
  createdAt: number;
  /** When they first saved anything; null while they have saved nothing. */
  startedAt: number | null;
  updatedAt: number;
  submittedAt: number | null;
  /** By card id. */
  cards: CardAnswerRow[];
  /** By stage id. */
  stages: StageAnswerRow[];
  /** Oldest first. */
  missing: MissingStepRow[];
}

/** The verdict stored in feedback_card_answers.verdict (both adapters). */
export function toVerdict(value: unknown): Verdict {
  const known = VERDICTS.find((verdict) => verdict === value);
  if (!known) throw new Error(`unknown verdict ${String(value)}`);
  return known;
}

/** A version of a map as lists show it (issue 13); the state bytes are read only by `get`. */
export interface VersionRow {
  id: string;
  mapId: MapId;
  createdAt: number;
  /** The name a person gave it; null for auto versions. */
  name: string | null;
  /** Who asked for it (named) or made the last change before it (auto); null when unknown. */
  authorId: string | null;
  /** The author's current name; null when unknown or the account is gone. */
  authorName: string | null;
  auto: boolean;
}

/** A version with its content: one full Yjs update of the map document. */
export interface VersionWithState extends VersionRow {
  state: Uint8Array;
}

/** An owned action of a map (issue 14) as stored, with its owner's current name. */
export interface ActionRow {
  id: string;
  mapId: MapId;
  title: string;
  ownerId: string;
  ownerName: string;
  department: string | null;
  /** `YYYY-MM-DD`, or null. */
  due: string | null;
  status: ActionStatus;
  cardIds: string[];
  kpi: ActionKpi | null;
  /** Who created it; null once their account is gone. */
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  /** When it last became done; null unless its status is done. */
  doneAt: number | null;
}

/** An action with the title of its map (a person's actions across maps). */
export interface OwnedActionRow extends ActionRow {
  mapTitle: string;
}

/** The status stored in map_actions.status (both adapters). */
export function toActionStatus(value: unknown): ActionStatus {
  const known = ACTION_STATUSES.find((status) => status === value);
  if (!known) throw new Error(`unknown action status ${String(value)}`);
  return known;
}

/** The card ids stored in map_actions.card_ids: a JSON array of strings (both adapters). */
export function parseCardIds(value: unknown): string[] {
  const parsed: unknown = JSON.parse(String(value));
  if (!Array.isArray(parsed) || !parsed.every((id) => typeof id === 'string')) {
    throw new Error('map_actions.card_ids is not a JSON array of strings');
  }
  return parsed;
}

/** The KPI stored in map_actions' kpi_* columns (no name: none). */
export function toActionKpi(name: unknown, target: unknown, cardId: unknown): ActionKpi | null {
  if (name == null) return null;
  return {
    name: String(name),
    target: String(target ?? ''),
    ...(cardId == null ? {} : { cardId: String(cardId) as CardId }),
  };
}

/** Whether a vote round still takes votes. */
export type VoteRoundStatus = 'open' | 'closed';

/** A dot-voting round of a map (issue 14), as stored. */
export interface VoteRoundRow {
  id: string;
  mapId: MapId;
  status: VoteRoundStatus;
  /** How many votes each person may cast in the round (1..20). */
  votesPerPerson: number;
  /** The cards one may vote for, in board order when the round started. */
  cardIds: string[];
  createdAt: number;
  closedAt: number | null;
  /** Who started it; null once their account is gone. */
  createdBy: string | null;
  createdByName: string | null;
}

/** One person's vote for one card of a round. */
export interface VoteRow {
  roundId: string;
  userId: string;
  cardId: string;
  createdAt: number;
}
