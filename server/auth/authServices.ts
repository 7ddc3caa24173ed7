import {
  localGuestLimiter,
  localLoginLimiter,
  localSignupLimiter,
  type LoginLimiter,
  type TakeLimiter,
} from '../cluster/limiters.ts';
import type { StorageStores } from '../storage/storage.ts';
import type { GuestLimits } from './guestLimit.ts';
import { SESSION_ABSOLUTE_LIFETIME_MS, SessionManager } from './sessions.ts';
import type { LoginThrottleConfiguration, SignupThrottleConfiguration } from './throttle.ts';

/**
 * What accounts, sessions and roles need besides the stored rows (those come from the Storage):
 * the session logic, throttles and settings, built once per server.
 */
export interface AuthServices {
  sessions: SessionManager;
  /**
   * Failed logins (and password changes). In this process, or in Redis for every instance
   * (REDIS_URL): then it may reject with LimiterUnavailableError, which the API answers with 503.
   */
  throttle: LoginLimiter;
  /** Guest accounts created through customer links, per client IP (same two forms). */
  guestLimiter: TakeLimiter;
  /** Sign-up attempts per client address (same two forms). */
  signupThrottle: TakeLimiter;
  /** PUBLIC_URL: decides the Secure cookie flag, the allowed Origin and invite links. */
  publicUrl: string | undefined;
  /** TRUST_PROXY: the login throttle keys clients by X-Forwarded-For, not the socket address. */
  trustProxy: boolean;
  /** WORKSPACE_ADMINS: emails (lower case) of the people who manage the workspace's lists. */
  workspaceAdmins: ReadonlySet<string>;
}

/** Options of createAuthServices. */
export interface AuthOptions {
  publicUrl: string | undefined;
  trustProxy?: boolean;
  throttle?: Partial<LoginThrottleConfiguration>;
  guestLimits?: Partial<GuestLimits>;
  signupThrottle?: Partial<SignupThrottleConfiguration>;
  /** Absolute session lifetime (SESSION_MAX_AGE_DAYS); the default is 90 days. */
  sessionMaxAgeMs?: number | undefined;
  /** Emails of the workspace admins (WORKSPACE_ADMINS); none by default. */
  workspaceAdmins?: readonly string[] | undefined;
  /**
   * Limiters shared by every instance (the cluster's Redis ones, with REDIS_URL). Each one left
   * out counts in this process, built from the settings above.
   */
  limiters?: SharedLimiters | undefined;
}

/** The limiters multi-instance mode replaces (see server/cluster/cluster.ts). */
export interface SharedLimiters {
  loginThrottle: LoginLimiter;
  signupThrottle: TakeLimiter;
  guestLimiter: TakeLimiter;
}

/** Builds the auth services over the storage (its sessions and users stores). */
export function createAuthServices(storage: StorageStores, options: AuthOptions): AuthServices {
  return {
    sessions: new SessionManager(
      storage,
      Date.now,
      options.sessionMaxAgeMs ?? SESSION_ABSOLUTE_LIFETIME_MS,
    ),
    throttle: options.limiters?.loginThrottle ?? localLoginLimiter(options.throttle),
    guestLimiter: options.limiters?.guestLimiter ?? localGuestLimiter(options.guestLimits),
    signupThrottle: options.limiters?.signupThrottle ?? localSignupLimiter(options.signupThrottle),
    publicUrl: options.publicUrl,
    trustProxy: options.trustProxy ?? false,
    workspaceAdmins: new Set((options.workspaceAdmins ?? []).map((email) => email.toLowerCase())),
  };
}

/** True when cookies must carry the Secure flag (the public URL is https). */
export function secureCookies(auth: Pick<AuthServices, 'publicUrl'>): boolean {
  return auth.publicUrl?.startsWith('https:') ?? false;
}
