import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import crossws from 'crossws/adapters/node';
import pino, { type Logger } from 'pino';
import type { ServerConfig } from './config.ts';
import { createAuthServices } from './auth/authServices.ts';
import { CollabAccess } from './collab/access.ts';
import { startCluster } from './cluster/cluster.ts';
import { storeOnShutdown } from './cluster/storeOnShutdown.ts';
import { releaseUnloadGrace } from './collab/extensions/UnloadGraceExtension.ts';
import { createHocuspocus } from './collab/createHocuspocus.ts';
import { resolveCollabLimits } from './collab/guards/limits.ts';
import { Rejections } from './collab/guards/rejections.ts';
import { SocketGuards } from './collab/guards/SocketGuards.ts';
import { createHttpApp } from './http/app.ts';
import { PageRenderer } from './export/pageRenderer.ts';
import { CommentsMirror } from './comments/commentsMirror.ts';
import { ValidationMirror } from './feedback/validationMirror.ts';
import { Metrics } from './metrics.ts';
import { StorageHealth } from './storage/storageHealth.ts';
import { seedDemoWorkspace } from './seed.ts';
import { openSqliteStorage } from './storage/sqlite/sqliteStorage.ts';
import { StartupError } from './db/dataDir.ts';
import { redact } from './cluster/redisUrl.ts';
import { openPostgresStorage } from './storage/postgres/openPostgresStorage.ts';
import type { Storage } from './storage/storage.ts';
import { digestLinkBase, startDigests } from './notifications/startDigests.ts';
import type { DigestScheduler } from './notifications/digestScheduler.ts';

/** A running Recorrido server. */
export interface RunningServer {
  url: string;
  port: number;
  hocuspocus: Hocuspocus;
  /** Everything the server stores (closed by close()). */
  storage: Storage;
  logger: Logger;
  /** The email digest loop (SMTP_URL set), or null. */
  digests: DigestScheduler | null;
  /** Closes connections, flushes documents to storage and stops listening. */
  close(): Promise<void>;
}

type ClientConnection = ReturnType<Hocuspocus['handleConnection']>;

/** Options of startServer beyond its configuration. */
export interface StartOptions {
  /**
   * An already opened storage (tests run the suites on each adapter); the server owns it from
   * then on and closes it in close(). Default: the SQLite file under DATA_DIR.
   */
  storage?: Storage;
  /**
   * Renders PDF and PNG exports (tests give one without Chromium); the server closes it in
   * close(). Default: one that finds Chromium like the tests do (CHROMIUM_PATH first).
   */
  exportRenderer?: PageRenderer;
}

/** How long a shutdown waits for Hocuspocus to store and unload the documents it closed. */
const SHUTDOWN_UNLOAD_WAIT_MS = 10_000;

/** Resolves once no document is loaded any more, or after `deadlineMs`. */
async function documentsUnloaded(hocuspocus: Hocuspocus, deadlineMs: number): Promise<void> {
  const giveUpAt = Date.now() + deadlineMs;
  while (hocuspocus.documents.size > 0 && Date.now() < giveUpAt) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The storage the configuration names: PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR. */
async function openConfiguredStorage(config: ServerConfig): Promise<Storage> {
  if (config.databaseUrl) {
    try {
      return await openPostgresStorage({ url: config.databaseUrl });
    } catch (error) {
      throw new StartupError(
        `DATABASE_URL ${redact(config.databaseUrl)}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return openSqliteStorage({ dataDir: config.dataDir, backgroundCheckpoints: true });
}

/** Starts the HTTP API, the client and the collaboration WebSocket on one port. */
export async function startServer(
  config: ServerConfig,
  logger?: Logger,
  options: StartOptions = {},
): Promise<RunningServer> {
  const log = logger ?? pino({ level: config.logLevel });
  const storage = options.storage ?? (await openConfiguredStorage(config));
  const metrics = new Metrics({ processMetrics: true });
  const storageHealth = new StorageHealth();
  const limits = resolveCollabLimits(config.limits);
  // Multi-instance mode (REDIS_URL, server/cluster/): document updates, access closes, the
  // upgrade limit and the login, sign-up and guest limiters go through Redis.
  const cluster = config.redisUrl
    ? await startCluster({
        url: config.redisUrl,
        logger: log,
        limits,
        guestLimits: config.guestLimits,
        ...config.throttles,
      })
    : undefined;
  const auth = createAuthServices(storage, {
    publicUrl: config.publicUrl,
    trustProxy: limits.trustProxy,
    guestLimits: config.guestLimits,
    ...config.throttles,
    sessionMaxAgeMs: config.sessionMaxAgeMs,
    workspaceAdmins: config.workspaceAdmins,
    limiters: cluster,
  });
  const rejections = new Rejections(log, metrics);
  // The socket of each upgrade request, so a failed document load can close the one that asked.
  const socketsByRequest = new WeakMap<Request, { close(code?: number, reason?: string): void }>();
  const hocuspocus = createHocuspocus({
    storage,
    storageHealth,
    metrics,
    logger: log,
    auth,
    maxDocumentBytes: limits.maxDocumentBytes,
    maxNestingDepth: limits.maxNestingDepth,
    rejections,
    closeSocket: (request, event) => socketsByRequest.get(request)?.close(event.code, event.reason),
    clusterExtensions: cluster ? [cluster.createExtension()] : [],
    activity: config.activity,
    versions: config.versions,
    unloadGraceMs: config.unloadGraceMs,
  });

  if (config.seedDemo) await seedDemoWorkspace(storage, log);

  // Chromium for PDF and PNG exports: started on the first one, closed on shutdown.
  const exportRenderer = options.exportRenderer ?? new PageRenderer({ logger: log });
  const app = createHttpApp({
    storage,
    storageHealth,
    logger: log,
    metrics,
    clientDir: config.clientDir,
    hocuspocus,
    commentsMirror: new CommentsMirror(hocuspocus, storage.threads),
    validationMirror: new ValidationMirror({ storage, hocuspocus }, log),
    auth,
    collabAccess: cluster
      ? cluster.collabAccess(new CollabAccess(hocuspocus))
      : new CollabAccess(hocuspocus),
    metricsToken: config.metricsToken,
    clusterHealth: cluster?.health,
    activity: config.activity,
    exportRenderer,
  });
  const server = http.createServer(getRequestListener(app.fetch));

  const connections = new WeakMap<object, ClientConnection>();
  // Size, rate and protocol checks before Hocuspocus sees a frame (see collab/guards/).
  const guards = new SocketGuards({ limits, rejections });
  const sharedUpgradeGuard = cluster?.connectionGuard(rejections);
  const ws = crossws({
    serverOptions: { maxPayload: limits.maxMessageBytes },
    hooks: {
      open(peer) {
        guards.open(peer);
        const connection = hocuspocus.handleConnection(
          peer.websocket as unknown as WebSocketLike,
          peer.request as Request,
        );
        connections.set(peer, connection);
        socketsByRequest.set(peer.request as Request, peer);
      },
      message(peer, message) {
        const data = guards.inspect(peer, message.rawData, () => message.uint8Array());
        if (!data) return;
        try {
          connections.get(peer)?.handleMessage(data);
        } catch (error) {
          guards.handlerFailed(peer, error);
        }
      },
      close(peer, event) {
        guards.close(peer);
        connections
          .get(peer)
          ?.handleClose({ code: event.code ?? 1000, reason: event.reason ?? '' });
      },
      error(peer, error) {
        guards.socketError(peer, error);
      },
    },
  });

  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname !== '/collab') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (sharedUpgradeGuard) {
      // Multi-instance mode: the per-IP budget is counted in Redis (one round trip).
      sharedUpgradeGuard.admit(request).then(
        (refusal) => {
          if (refusal) socket.end(refusal);
          else if (!socket.destroyed) upgrade(request, socket, head);
        },
        (error: unknown) => {
          log.warn({ err: error }, 'websocket upgrade failed');
          socket.destroy();
        },
      );
      return;
    }
    const refusal = guards.admitUpgrade(request);
    if (refusal) {
      socket.end(refusal);
      return;
    }
    upgrade(request, socket, head);
  });

  function upgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    ws.handleUpgrade(request, socket, head).catch((error: unknown) => {
      log.warn({ err: error }, 'websocket upgrade failed');
      socket.destroy();
    });
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    // The port is taken (or similar): the storage is ours to close, the process may go on.
    await storage.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info(
    {
      url,
      storage: storage.kind,
      ...(storage.kind === 'sqlite' ? { dataDir: config.dataDir } : {}),
    },
    'Recorrido is listening',
  );
  // Email digests (server/notifications/): only with SMTP_URL; stopped first on close.
  const digests = startDigests({
    config: config.digests,
    digests: storage.digests,
    inbox: storage.threads,
    linkBase: () => digestLinkBase(config.publicUrl, { host: config.host, port }, log),
    logger: log,
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // No digest run may start or still be running once the storage closes.
      const digestsStopped = digests?.stop();
      server.close();
      hocuspocus.closeConnections();
      hocuspocus.flushPendingStores();
      // Store every loaded document once more so the log is compacted before exit.
      await Promise.all(
        [...hocuspocus.documents.values()].map((document) => {
          const payload = {
            instance: hocuspocus,
            clientsCount: 0,
            document,
            documentName: document.name,
            lastContext: {},
            lastTransactionOrigin: undefined,
          };
          // Multi-instance mode: also release the Redis store lock (see storeOnShutdown).
          if (cluster) return storeOnShutdown(hocuspocus, payload);
          return hocuspocus.hooks('onStoreDocument', payload);
        }),
      );
      // Maps kept loaded for a quick reopen unload now, as they do when their last client leaves.
      releaseUnloadGrace(hocuspocus);
      server.closeAllConnections();
      // Closing the connections makes Hocuspocus store and unload each document on its own
      // (asynchronously, after the disconnects): let those stores finish before the storage
      // closes, or they fail on a closed database (PostgreSQL) and log "stays in memory".
      await documentsUnloaded(hocuspocus, SHUTDOWN_UNLOAD_WAIT_MS);
      // Change attribution writes its last batch and visits their last-seen times in onDestroy;
      // the Redis extension quits its connections there; then the bus and ours.
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
      if (cluster) await cluster.close();
      await digestsStopped;
      await exportRenderer.close();
      await storage.close();
      log.info('Recorrido stopped');
    })());

  return { url, port, hocuspocus, storage, logger: log, digests, close };
}
