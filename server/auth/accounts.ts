import type { UserRow } from '../storage/rows.ts';
import { isUniqueViolation } from '../storage/errors.ts';
import type { Storage } from '../storage/storage.ts';
import type { AuthServices } from './authServices.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import type { NewSession } from './sessions.ts';

/** What the account commands need. */
export interface AccountDeps {
  storage: Storage;
  auth: AuthServices;
}

/** Why an account command was refused. */
export type AccountError =
  | { kind: 'email-taken' }
  | { kind: 'unknown-department' }
  | { kind: 'invalid-credentials' }
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'signup-throttled'; retryAfterMs: number };

/** Result of an account command: the user and a new session, or why not. */
export type AccountResult =
  | { ok: true; user: UserRow; session: NewSession; claimedMaps: number }
  | { ok: false; error: AccountError };

/** Input of signUp (already validated by the route). */
export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  department: string;
  /** The client address sign-ups are throttled by. */
  ip: string;
}

/**
 * Creates an account and signs it in. The first account ever created becomes owner of every map
 * that has no member (the seeded demo maps, and maps made before accounts existed), so a newcomer
 * who runs `npm start` and signs up sees the demo map at once.
 */
export async function signUp(deps: AccountDeps, input: SignUpInput): Promise<AccountResult> {
  const { auth, storage } = deps;
  const retryAfterMs = await auth.signupThrottle.take(input.ip);
  if (retryAfterMs > 0) return { ok: false, error: { kind: 'signup-throttled', retryAfterMs } };
  if (!(await storage.departments.exists(input.department))) {
    return { ok: false, error: { kind: 'unknown-department' } };
  }
  if (await storage.users.byEmail(input.email)) {
    return { ok: false, error: { kind: 'email-taken' } };
  }
  const passwordHash = await hashPassword(input.password);
  const created = await storage
    .transaction(async (tx) => {
      // Checked again inside the transaction: another sign-up may have won while we hashed.
      if (await tx.users.byEmail(input.email)) return null;
      const first = (await tx.users.countAccounts()) === 0;
      const user = await tx.users.createAccount({
        email: input.email,
        name: input.name,
        department: input.department,
        passwordHash,
      });
      const claimedMaps = first ? await tx.members.claimUnownedMaps(user.id) : 0;
      return { user, claimedMaps };
    })
    .catch(async (error: unknown) => {
      // PostgreSQL (read committed): a simultaneous sign-up with this email can pass the check
      // above too; its insert then waits for ours and breaks the unique index. That is the
      // same answer as an email that was already there.
      if (isUniqueViolation(error) && (await storage.users.byEmail(input.email))) return null;
      throw error;
    });
  if (!created) return { ok: false, error: { kind: 'email-taken' } };
  return { ok: true, ...created, session: await auth.sessions.create(created.user.id) };
}

/**
 * Checks email + password and signs in. Throttled per (account, address), per account and per
 * address before the password is even looked at (see LoginThrottle); an unknown email costs the
 * same time as a wrong password.
 */
export async function logIn(
  deps: AccountDeps,
  input: { email: string; password: string; ip: string },
): Promise<AccountResult> {
  const { auth } = deps;
  const account = input.email.toLowerCase();
  const retryAfterMs = await auth.throttle.retryAfterMs(account, input.ip);
  if (retryAfterMs > 0) return { ok: false, error: { kind: 'throttled', retryAfterMs } };
  const user = await deps.storage.users.byEmail(account);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !valid) {
    await auth.throttle.recordFailure(account, input.ip);
    return { ok: false, error: { kind: 'invalid-credentials' } };
  }
  await auth.throttle.recordSuccess(account, input.ip);
  return { ok: true, user, session: await auth.sessions.create(user.id), claimedMaps: 0 };
}

/** Result of changePassword: the new session that replaces every old one, and the ended ids. */
export type PasswordChangeResult =
  { ok: true; session: NewSession; endedSessionIds: string[] } | { ok: false; error: AccountError };

/**
 * Changes a password after checking the current one (throttled like a login), then ends every
 * session of the user, this one included, and starts a fresh one for the caller.
 */
export async function changePassword(
  deps: AccountDeps,
  input: { user: UserRow; currentPassword: string; newPassword: string; ip: string },
): Promise<PasswordChangeResult> {
  const { auth } = deps;
  const { user } = input;
  const account = (user.email ?? user.id).toLowerCase();
  const retryAfterMs = await auth.throttle.retryAfterMs(account, input.ip);
  if (retryAfterMs > 0) return { ok: false, error: { kind: 'throttled', retryAfterMs } };
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await auth.throttle.recordFailure(account, input.ip);
    return { ok: false, error: { kind: 'invalid-credentials' } };
  }
  const passwordHash = await hashPassword(input.newPassword);
  const endedSessionIds = await deps.storage.transaction(async (tx) => {
    await tx.users.setPasswordHash(user.id, passwordHash);
    return auth.sessions.using(tx).invalidateAll(user.id);
  });
  return { ok: true, session: await auth.sessions.create(user.id), endedSessionIds };
}
