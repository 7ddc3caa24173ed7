import type { StorageStores } from '../storage/storage.ts';
import { GuestLimiter, type GuestLimits } from './guestLimit.ts';
import { SESSION_ABSOLUTE_LIFETIME_MS, SessionManager } from './sessions.ts';
import {
  LoginThrottle,
  SignupThrottle,
  type LoginThrottleConfiguration,
  type SignupThrottleConfiguration,
} from './throttle.ts';

/**
 * What accounts, sessions and roles need besides the stored rows (those come from the Storage):
 * the session logic, throttles and settings, built once per server.
 */
export interface AuthServices {
  sessions: SessionManager;
  throttle: LoginThrottle;
  /** Guest accounts created through customer links, per client IP. */
  guestLimiter: GuestLimiter;
  /** Sign-up attempts per client address. */
  signupThrottle: SignupThrottle;
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
}

/** Builds the auth services over the storage (its sessions and users stores). */
export function createAuthServices(storage: StorageStores, options: AuthOptions): AuthServices {
  return {
    sessions: new SessionManager(
      storage,
      Date.now,
      options.sessionMaxAgeMs ?? SESSION_ABSOLUTE_LIFETIME_MS,
    ),
    throttle: new LoginThrottle(options.throttle),
    guestLimiter: new GuestLimiter(options.guestLimits),
    signupThrottle: new SignupThrottle(options.signupThrottle),
    publicUrl: options.publicUrl,
    trustProxy: options.trustProxy ?? false,
    workspaceAdmins: new Set((options.workspaceAdmins ?? []).map((email) => email.toLowerCase())),
  };
}

/** True when cookies must carry the Secure flag (the public URL is https). */
export function secureCookies(auth: Pick<AuthServices, 'publicUrl'>): boolean {
  return auth.publicUrl?.startsWith('https:') ?? false;
}
