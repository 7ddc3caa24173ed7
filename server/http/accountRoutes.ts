import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { plainName } from '../../shared/index.ts';
import {
  changePassword,
  logIn,
  signUp,
  type AccountDeps,
  type AccountError,
} from '../auth/accounts.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';
import { publicUser } from '../db/users.ts';
import type { CollabAccessControl } from '../collab/access.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';
import {
  clearSessionCookie,
  clientIp,
  requireAccount,
  requireAuth,
  setSessionCookie,
} from './session.ts';
import { readJson } from './validate.ts';

/** What the account routes need. */
export interface AccountRouteDeps extends AccountDeps {
  collabAccess: CollabAccessControl;
}

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'email is too long')
  .pipe(z.email('enter a valid email address'));

const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters long`)
  .max(MAX_PASSWORD_LENGTH, `password must be at most ${MAX_PASSWORD_LENGTH} characters long`);

const signUpBody = z.object({
  email,
  password: newPassword,
  name: plainName(z.string().trim().min(1, 'name must not be empty').max(100, 'name is too long')),
  department: z.string().trim().min(1, 'choose a department').max(64),
});

const logInBody = z.object({
  email,
  password: z.string().min(1, 'enter your password').max(MAX_PASSWORD_LENGTH),
});

const passwordBody = z.object({
  currentPassword: z.string().min(1, 'enter your current password').max(MAX_PASSWORD_LENGTH),
  newPassword,
});

function fail(c: Context, error: AccountError): never {
  switch (error.kind) {
    case 'email-taken':
      throw new ApiError(
        409,
        'email_taken',
        'an account with this email already exists: sign in instead',
      );
    case 'unknown-department':
      throw new ApiError(400, 'unknown_department', 'department: choose one from the list');
    case 'invalid-credentials':
      throw new ApiError(401, 'invalid_credentials', 'email or password is incorrect');
    case 'throttled': {
      const seconds = Math.ceil(error.retryAfterMs / 1000);
      c.header('Retry-After', String(seconds));
      throw new ApiError(
        429,
        'too_many_attempts',
        `too many failed sign-in attempts: try again in ${Math.ceil(seconds / 60)} minute(s)`,
      );
    }
    case 'signup-throttled': {
      const seconds = Math.ceil(error.retryAfterMs / 1000);
      c.header('Retry-After', String(seconds));
      throw new ApiError(
        429,
        'too_many_signups',
        `too many sign-ups from this address: try again in ${Math.ceil(seconds / 60)} minute(s)`,
      );
    }
  }
}

/** /api/auth: sign up, log in, log out. */
export function authRoutes(deps: AccountRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/signup', async (c) => {
    const body = await readJson(c, signUpBody);
    const result = await signUp(deps, { ...body, ip: clientIp(c, deps.auth) });
    if (!result.ok) fail(c, result.error);
    setSessionCookie(c, deps.auth, result.session);
    return c.json({ user: publicUser(result.user) }, 201);
  });

  app.post('/login', async (c) => {
    const body = await readJson(c, logInBody);
    const result = await logIn(deps, { ...body, ip: clientIp(c, deps.auth) });
    if (!result.ok) fail(c, result.error);
    setSessionCookie(c, deps.auth, result.session);
    return c.json({ user: publicUser(result.user) });
  });

  app.post('/logout', async (c) => {
    const state = c.var.auth;
    if (state) {
      await deps.auth.sessions.invalidate(state.session.id);
      deps.collabAccess.closeSessions([state.session.id]);
    }
    clearSessionCookie(c, deps.auth);
    return c.body(null, 204);
  });

  return app;
}

/** /api/me: who I am, and changing my password. */
export function meRoutes(deps: AccountRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(publicUser(requireAuth(c).user));
  });

  app.patch('/password', async (c) => {
    const { user } = requireAccount(c);
    const body = await readJson(c, passwordBody);
    const result = await changePassword(deps, { user, ...body, ip: clientIp(c, deps.auth) });
    if (!result.ok) {
      if (result.error.kind === 'invalid-credentials') {
        throw new ApiError(403, 'wrong_password', 'the current password is incorrect');
      }
      fail(c, result.error);
    }
    deps.collabAccess.closeSessions(result.endedSessionIds);
    setSessionCookie(c, deps.auth, result.session);
    return c.body(null, 204);
  });

  return app;
}
