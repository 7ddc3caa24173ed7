import path from 'node:path';
import { readGuestLimits, type GuestLimits } from './auth/guestLimit.ts';
import type { AuthOptions } from './auth/authServices.ts';
import { readCollabLimits, type CollabLimits } from './collab/guards/limits.ts';
import { readRedisUrl } from './cluster/redisUrl.ts';
import { readDatabaseUrl } from './storage/databaseUrl.ts';
import { readDigestConfig, type DigestConfig } from './notifications/digestConfig.ts';
import type { ActivityOptions } from './activity/activityOptions.ts';
import type { VersionOptions } from './versions/versionOptions.ts';

/** Runtime configuration, read once from the environment (see README "Configuration"). */
export interface ServerConfig {
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  /** Interface to bind; the Docker image sets 0.0.0.0. */
  host: string;
  /** Folder holding the SQLite file. */
  dataDir: string;
  /** Public origin (e.g. https://recorrido.example.org); decides Secure cookies and the allowed Origin. */
  publicUrl: string | undefined;
  /** pino level. */
  logLevel: string;
  /** Folder with the built client (index.html + assets); missing means API-only. */
  clientDir: string;
  /** Seed the demo workspace when the database is empty. */
  seedDemo: boolean;
  /** Collaboration input limits (COLLAB_*, TRUST_PROXY); unset fields take the defaults. */
  limits?: Partial<CollabLimits>;
  /** Guest accounts per client IP through customer links (GUEST_*); unset fields take defaults. */
  guestLimits?: Partial<GuestLimits>;
  /** Login and sign-up throttle settings; unset fields take the defaults (tests shrink them). */
  throttles?: Pick<AuthOptions, 'throttle' | 'signupThrottle'>;
  /** Bearer token for /metrics; unset means /metrics answers loopback requests only. */
  metricsToken?: string | undefined;
  /** Absolute session lifetime in ms (SESSION_MAX_AGE_DAYS); unset means 90 days. */
  sessionMaxAgeMs?: number | undefined;
  /** Emails of the workspace admins (WORKSPACE_ADMINS, comma-separated). */
  workspaceAdmins?: readonly string[] | undefined;
  /** Change attribution and visits ("since your last visit"); unset fields take the defaults. */
  activity?: Partial<ActivityOptions>;
  /** Version history (issue 13): auto-version interval and retention; unset fields take the defaults. */
  versions?: Partial<VersionOptions>;
  /** UNLOAD_GRACE_MS: how long a map stays in memory after its last client left (default 30 s). */
  unloadGraceMs?: number | undefined;
  /** REDIS_URL: set, N instances share one Redis (see server/cluster/); unset, one instance. */
  /** DATABASE_URL: PostgreSQL instead of the SQLite file under DATA_DIR. */
  databaseUrl?: string | undefined;
  redisUrl?: string | undefined;
  /** Email digests (SMTP_URL, MAIL_FROM, DIGEST_INTERVAL_SECONDS): unset, no mail is ever sent. */
  digests?: DigestConfig | undefined;
}

/** Parses the environment into a ServerConfig, failing loudly on nonsense values. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer 0..65535, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    publicUrl: env.PUBLIC_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    clientDir: path.resolve(
      env.CLIENT_DIR ?? path.join(import.meta.dirname, '..', 'dist', 'client'),
    ),
    seedDemo: env.SEED_DEMO !== 'false',
    metricsToken: env.METRICS_TOKEN || undefined,
    sessionMaxAgeMs: readSessionMaxAge(env.SESSION_MAX_AGE_DAYS),
    workspaceAdmins: (env.WORKSPACE_ADMINS ?? '')
      .split(',')
      .map((email) => email.trim())
      .filter((email) => email !== ''),
    limits: readCollabLimits(env),
    guestLimits: readGuestLimits(env),
    redisUrl: readRedisUrl(env),
    databaseUrl: readDatabaseUrl(env),
    digests: readDigestConfig(env),
    activity: readActivityOptions(env),
    unloadGraceMs: readUnloadGrace(env.UNLOAD_GRACE_MS),
  };
}

/** VISIT_GAP_MS: how long a gap between connections may be without ending a visit (default 2 min). */
function readActivityOptions(env: NodeJS.ProcessEnv): Partial<ActivityOptions> {
  const raw = env.VISIT_GAP_MS;
  if (raw === undefined || raw === '') return {};
  const gap = Number(raw);
  if (!Number.isInteger(gap) || gap <= 0) {
    throw new Error(`VISIT_GAP_MS must be a positive whole number of milliseconds, got "${raw}"`);
  }
  return { visitGapMs: gap };
}

/** UNLOAD_GRACE_MS: a whole number of milliseconds, 0 or more; undefined when unset. */
function readUnloadGrace(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) {
    throw new Error(
      `UNLOAD_GRACE_MS must be a whole number of milliseconds (0 or more), got "${raw}"`,
    );
  }
  return ms;
}

/** SESSION_MAX_AGE_DAYS as milliseconds; undefined when unset, an error when not a positive number. */
function readSessionMaxAge(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0) {
    throw new Error(`SESSION_MAX_AGE_DAYS must be a positive number of days, got "${raw}"`);
  }
  return days * 24 * 60 * 60 * 1000;
}
