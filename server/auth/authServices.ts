import type { Database } from '../db/database.ts';
import { DepartmentRepository } from '../db/departments.ts';
import { InviteRepository } from '../db/invites.ts';
import { MemberRepository } from '../db/members.ts';
import { SessionRepository } from '../db/sessions.ts';
import { UserRepository } from '../db/users.ts';
import { GuestLimiter, type GuestLimits } from './guestLimit.ts';
import { SESSION_ABSOLUTE_LIFETIME_MS, SessionManager } from './sessions.ts';
import {
  LoginThrottle,
  SignupThrottle,
  type LoginThrottleConfiguration,
  type SignupThrottleConfiguration,
} from './throttle.ts';

/** Everything accounts, sessions and roles need, built once per server from its database. */
export interface AuthServices {
  users: UserRepository;
  sessions: SessionManager;
  members: MemberRepository;
  invites: InviteRepository;
  departments: DepartmentRepository;
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

/** Builds the auth services over a database. */
export function createAuthServices(db: Database, options: AuthOptions): AuthServices {
  const users = new UserRepository(db);
  return {
    users,
    sessions: new SessionManager(
      new SessionRepository(db),
      users,
      Date.now,
      options.sessionMaxAgeMs ?? SESSION_ABSOLUTE_LIFETIME_MS,
    ),
    members: new MemberRepository(db),
    invites: new InviteRepository(db),
    departments: new DepartmentRepository(db),
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
