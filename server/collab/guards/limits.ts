/**
 * The collaboration server's input limits. Defaults are sized for people editing maps (a fast
 * typist with a live cursor sends ~30 messages/s; a reconnecting client sends its whole offline
 * diff as one message) with a wide margin, while one abusive peer stays a bounded cost.
 */
export interface CollabLimits {
  /** Largest single WebSocket message; bigger ones close that connection with 1009. */
  maxMessageBytes: number;
  /** Largest encoded map document; updates that would grow it beyond are refused. */
  maxDocumentBytes: number;
  /** Deepest nesting of shared types an update may create (root types are at depth 0). */
  maxNestingDepth: number;
  /** Sustained messages per second per connection (token bucket refill). */
  messagesPerSecond: number;
  /** Messages a connection may send in a burst above the sustained rate (bucket size). */
  messageBurst: number;
  /** Sustained bytes per second per connection. */
  bytesPerSecond: number;
  /** Bytes a connection may send in a burst (at least one maximal message). */
  byteBurst: number;
  /** Sustained WebSocket connection attempts per second per client IP. */
  connectionsPerSecond: number;
  /** Connection attempts an IP may make in a burst (a whole office behind one NAT reconnecting). */
  connectionBurst: number;
  /** Take the client IP from the last X-Forwarded-For entry (only behind a trusted reverse proxy). */
  trustProxy: boolean;
}

const MiB = 1024 * 1024;

/** The limits used unless the environment says otherwise. */
export const DEFAULT_COLLAB_LIMITS: CollabLimits = {
  maxMessageBytes: 4 * MiB,
  maxDocumentBytes: 8 * MiB,
  // A card body sits at depth 2 (cards > card > body) and Tiptap nests two levels per list level:
  // 64 leaves room for ~30 nested lists and is far from what overflows a recursive reader.
  maxNestingDepth: 64,
  messagesPerSecond: 200,
  messageBurst: 1_000,
  bytesPerSecond: 1 * MiB,
  byteBurst: 8 * MiB,
  // A whole office behind one NAT reconnecting at once after a deploy must pass; the cap is for
  // scripted floods of upgrades, which it slows to 50/s per address.
  connectionsPerSecond: 50,
  connectionBurst: 500,
  trustProxy: false,
};

const ENV_NAMES: Record<Exclude<keyof CollabLimits, 'trustProxy'>, string> = {
  maxMessageBytes: 'COLLAB_MAX_MESSAGE_BYTES',
  maxDocumentBytes: 'COLLAB_MAX_DOCUMENT_BYTES',
  maxNestingDepth: 'COLLAB_MAX_NESTING_DEPTH',
  messagesPerSecond: 'COLLAB_MESSAGES_PER_SECOND',
  messageBurst: 'COLLAB_MESSAGE_BURST',
  bytesPerSecond: 'COLLAB_BYTES_PER_SECOND',
  byteBurst: 'COLLAB_BYTE_BURST',
  connectionsPerSecond: 'COLLAB_CONNECTIONS_PER_SECOND',
  connectionBurst: 'COLLAB_CONNECTION_BURST',
};

/** Reads the limits from the environment (COLLAB_*, TRUST_PROXY), failing loudly on nonsense. */
export function readCollabLimits(env: NodeJS.ProcessEnv = process.env): CollabLimits {
  const limits: CollabLimits = { ...DEFAULT_COLLAB_LIMITS };
  for (const [key, name] of Object.entries(ENV_NAMES) as [keyof typeof ENV_NAMES, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`${name} must be a positive number, got "${raw}"`);
    }
    limits[key] = value;
  }
  limits.trustProxy = env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1';
  return limits;
}

/** Fills the unset fields of partial limits with the defaults. */
export function resolveCollabLimits(partial: Partial<CollabLimits> = {}): CollabLimits {
  return { ...DEFAULT_COLLAB_LIMITS, ...partial };
}
