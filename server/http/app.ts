import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import { MapWarmUp } from '../collab/mapWarmUp.ts';
import { mapPageWarmUp } from './mapPageWarmUp.ts';
import type { Logger } from 'pino';
import type { AuthServices } from '../auth/authServices.ts';
import type { CollabAccessControl } from '../collab/access.ts';
import type { RedisHealth } from '../cluster/redisConnection.ts';
import type { Metrics } from '../metrics.ts';
import type { ActivityOptions } from '../activity/activityOptions.ts';
import type { StorageHealth } from '../storage/storageHealth.ts';
import type { MapCommandDeps } from '../maps/mapCommands.ts';
import type { CommentsMirror } from '../comments/commentsMirror.ts';
import type { ValidationMirror } from '../feedback/validationMirror.ts';
import { actionsRoutes } from './actionsRoutes.ts';
import { authRoutes, meRoutes } from './accountRoutes.ts';
import { departmentsRoutes } from './departmentsRoutes.ts';
import type { AppEnv } from './env.ts';
import { ApiError, errorResponse } from './errors.ts';
import { LimiterUnavailableError, UNAVAILABLE_RETRY_AFTER_S } from '../cluster/limiters.ts';
import { exportRoutes } from './exportRoutes.ts';
import type { PageRenderer } from '../export/pageRenderer.ts';
import { inboxRoutes } from './inboxRoutes.ts';
import { invitesRoutes } from './invitesRoutes.ts';
import { copyRoutes } from './copyRoutes.ts';
import { mapsRoutes } from './mapsRoutes.ts';
import { messagesRoutes, threadsRoutes } from './threadsRoutes.ts';
import { securityHeaders } from './securityHeaders.ts';
import { versionsRoutes } from './versionsRoutes.ts';
import { votesRoutes } from './votesRoutes.ts';
import { metricsAccess } from './metricsAccess.ts';
import { sameOriginMiddleware, sessionMiddleware } from './session.ts';

/** Largest JSON body the API accepts (map imports included). */
export const MAX_JSON_BODY_BYTES = 2 * 1024 * 1024;

/** What the HTTP app needs. */
export interface HttpAppDeps extends MapCommandDeps {
  logger: Logger;
  metrics: Metrics;
  clientDir: string;
  auth: AuthServices;
  collabAccess: CollabAccessControl;
  /** Keeps each map's `map:<id>/comments` mirror equal to its stored threads. */
  commentsMirror: CommentsMirror;
  /** Keeps each map's `map:<id>/validation` document equal to its stored customer feedback. */
  validationMirror: ValidationMirror;
  /** METRICS_TOKEN: when set, /metrics wants it as a bearer token; else only loopback may read. */
  metricsToken?: string | undefined;
  /** Whether storage writes succeed (failed writes make /healthz answer 503 until one succeeds). */
  storageHealth: StorageHealth;
  /** Multi-instance mode (REDIS_URL): Redis's part of /healthz (server/cluster/redisConnection.ts). */
  clusterHealth?: (() => Promise<RedisHealth>) | undefined;
  /** Change attribution and visits settings (the visit gap decides where "since" starts). */
  activity?: Partial<ActivityOptions> | undefined;
  /** Renders PDF and PNG exports with Chromium (closed by the server on shutdown). */
  exportRenderer: PageRenderer;
}

/** The HTTP side of the server: API, health, metrics and the built client. */
export function createHttpApp(deps: HttpAppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // First, so every response gets them: HTML, API, assets, errors (see securityHeaders.ts).
  app.use('*', securityHeaders(deps.auth.publicUrl));

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error.status, error.code, error.message);
    if (error instanceof LimiterUnavailableError) {
      // A limiter shared through Redis cannot be reached: fail closed, and say when to retry
      // (the connection retries at least every 5 s).
      deps.logger.warn({ err: error, path: c.req.path }, 'limiter unavailable');
      c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_S));
      return errorResponse(c, 503, error.code, error.message);
    }
    deps.logger.error({ err: error, path: c.req.path }, 'unhandled API error');
    return errorResponse(c, 500, 'internal', 'internal server error');
  });

  // 200 {"status":"ok"} when the database answers and accepts writes; 503 with what is wrong
  // otherwise (the database does not answer, or the last write failed: a full disk, say, until a
  // write succeeds again).
  app.get('/healthz', async (c) => {
    try {
      await deps.storage.ping();
    } catch (error) {
      deps.logger.warn({ err: error }, 'health check: the database does not answer');
      return c.json(
        { status: 'unavailable', storage: { kind: deps.storage.kind, answers: false } },
        503,
      );
    }
    const writes = deps.storageHealth.status();
    if (!writes.writable) {
      return c.json(
        {
          status: 'unavailable',
          storage: {
            kind: deps.storage.kind,
            answers: true,
            writable: false,
            failingSince: new Date(writes.failingSince ?? Date.now()).toISOString(),
            lastError: writes.lastError,
          },
        },
        503,
      );
    }
    // Redis down is reported, not a failure: every instance shares it, so failing /healthz would
    // take them all out of the load balancer; the limiters answer 503 themselves meanwhile.
    const cluster = deps.clusterHealth ? await deps.clusterHealth() : {};
    return c.json({ status: 'ok', ...cluster });
  });

  app.get('/metrics', metricsAccess(deps.metricsToken), async (c) => {
    c.header('Content-Type', deps.metrics.registry.contentType);
    return c.body(await deps.metrics.registry.metrics());
  });

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_JSON_BODY_BYTES,
      onError: (c) => errorResponse(c, 413, 'body_too_large', 'request body is too large'),
    }),
  );
  // Who is calling (cookie or bearer), then CSRF: state-changing requests must be same-origin.
  app.use('/api/*', sessionMiddleware(deps.auth));
  app.use('*', sameOriginMiddleware(deps.auth));
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/me/inbox', inboxRoutes(deps));
  app.route('/api/me', meRoutes(deps));
  app.route('/api/departments', departmentsRoutes(deps));
  app.route('/api/invites', invitesRoutes(deps));
  app.route('/api/maps', exportRoutes(deps));
  app.route('/api/maps', copyRoutes(deps));
  app.route('/api/maps', mapsRoutes(deps));
  app.route('/api/maps', versionsRoutes(deps));
  app.route('/api/threads', threadsRoutes(deps));
  app.route('/api/messages', messagesRoutes(deps));
  app.route('/api', actionsRoutes(deps));
  app.route('/api', votesRoutes(deps));
  app.all('/api/*', (c) => errorResponse(c, 404, 'not_found', 'no such API route'));

  // A member opening a map's page: its document starts loading while the app is fetched.
  const warmUp = mapPageWarmUp({
    storage: deps.storage,
    warmUp: new MapWarmUp(deps.hocuspocus, deps.logger),
  });
  for (const page of ['/maps/:id', '/maps/:id/*']) {
    app.get(page, sessionMiddleware(deps.auth), warmUp);
  }
  mountClient(app, deps.clientDir);
  return app;
}

/**
 * How long a browser keeps a file of the built client. Vite names everything under assets/ by a
 * hash of its content, so those never change and are kept a year without asking again (a page
 * load then reads its scripts from the browser's cache, not from a server that may be busy
 * loading the map). index.html names them, so it is asked for every time, as is anything else.
 */
export const CLIENT_CACHE = {
  hashedAsset: 'public, max-age=31536000, immutable',
  page: 'no-cache',
} as const;

/** Serves the built single-page client, falling back to index.html for client-side routes. */
function mountClient(app: Hono<AppEnv>, clientDir: string): void {
  const indexFile = path.join(clientDir, 'index.html');
  const assetsDir = path.join(clientDir, 'assets') + path.sep;
  if (fs.existsSync(clientDir)) {
    const root = path.relative(process.cwd(), clientDir) || '.';
    app.use(
      '/*',
      serveStatic({
        root,
        onFound: (file, c) => {
          const hashed = path.resolve(file).startsWith(assetsDir);
          c.header('Cache-Control', hashed ? CLIENT_CACHE.hashedAsset : CLIENT_CACHE.page);
        },
      }),
    );
  }
  app.get('*', (c) => {
    // A file of another build (a page open since before a release): not the page in its place.
    if (c.req.path.startsWith('/assets/')) return c.text('Not found', 404);
    if (!fs.existsSync(indexFile)) {
      return c.text('The client is not built: run `npm run build`.', 503);
    }
    c.header('Cache-Control', CLIENT_CACHE.page);
    return c.html(fs.readFileSync(indexFile, 'utf8'));
  });
}
