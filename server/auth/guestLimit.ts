import { KeyedTokenBuckets, type Clock } from '../collab/guards/tokenBucket.ts';

/**
 * How fast one client IP may create guest accounts through customer links. A customer link is
 * meant for many customers, so it has no use limit; this bounds what one address can create.
 */
export interface GuestLimits {
  /** Sustained guest accounts per hour per client IP (token bucket refill). */
  perHour: number;
  /** Guest accounts an IP may create at once (a workshop of customers behind one NAT). */
  burst: number;
}

/** The limits used unless the environment says otherwise. */
export const DEFAULT_GUEST_LIMITS: GuestLimits = { perHour: 60, burst: 20 };

const ENV_NAMES: Record<keyof GuestLimits, string> = {
  perHour: 'GUEST_ACCOUNTS_PER_HOUR',
  burst: 'GUEST_ACCOUNT_BURST',
};

/** Reads GUEST_ACCOUNTS_PER_HOUR and GUEST_ACCOUNT_BURST, failing loudly on nonsense. */
export function readGuestLimits(env: NodeJS.ProcessEnv = process.env): GuestLimits {
  const limits: GuestLimits = { ...DEFAULT_GUEST_LIMITS };
  for (const [key, name] of Object.entries(ENV_NAMES) as [keyof GuestLimits, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`${name} must be a positive number, got "${raw}"`);
    }
    limits[key] = value;
  }
  return limits;
}

/** Per-IP token buckets for guest account creation (in memory, per process). */
export class GuestLimiter {
  readonly #buckets: KeyedTokenBuckets;

  constructor(limits: Partial<GuestLimits> = {}, now?: Clock) {
    const { perHour, burst } = { ...DEFAULT_GUEST_LIMITS, ...limits };
    this.#buckets = new KeyedTokenBuckets({ perSecond: perHour / 3600, burst }, { now });
  }

  /** Takes one guest creation for ip; 0 when allowed, else milliseconds until it would be. */
  take(ip: string): number {
    if (this.#buckets.take(ip)) return 0;
    return Math.max(1, this.#buckets.msUntil(ip));
  }
}
