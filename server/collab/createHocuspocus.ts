import type { Hocuspocus, Extension } from '@hocuspocus/server';
import type { Logger } from 'pino';
import type { AuthServices } from '../auth/authServices.ts';
import type { Storage } from '../storage/storage.ts';
import type { Metrics } from '../metrics.ts';
import { parseDocName } from '../../shared/index.ts';
import { AwarenessOwnershipExtension } from './extensions/AwarenessOwnershipExtension.ts';
import { AuthenticationExtension } from './extensions/AuthenticationExtension.ts';
import { CommentsMirrorExtension } from './extensions/CommentsMirrorExtension.ts';
import { ActionsMirrorExtension } from './extensions/ActionsMirrorExtension.ts';
import { CustomerProjectionExtension } from './extensions/CustomerProjectionExtension.ts';
import { ValidationMirrorExtension } from './extensions/ValidationMirrorExtension.ts';
import { VotesMirrorExtension } from './extensions/VotesMirrorExtension.ts';
import { DocumentSizeExtension } from './extensions/DocumentSizeExtension.ts';
import { DocumentTargetExtension } from './extensions/DocumentTargetExtension.ts';
import { LivenessExtension } from './extensions/LivenessExtension.ts';
import { MapCatalogExtension } from './extensions/MapCatalogExtension.ts';
import { MetricsExtension } from './extensions/MetricsExtension.ts';
import { QuietLoadExtension } from './extensions/QuietLoadExtension.ts';
import {
  DEFAULT_UNLOAD_GRACE_MS,
  UnloadGraceExtension,
} from './extensions/UnloadGraceExtension.ts';
import { MigrationExtension } from './extensions/MigrationExtension.ts';
import { NestingDepthExtension } from './extensions/NestingDepthExtension.ts';
import { PersistenceExtension } from './extensions/PersistenceExtension.ts';
import { PresenceExtension } from './extensions/PresenceExtension.ts';
import { SchemaVersionExtension } from './extensions/SchemaVersionExtension.ts';
import { ChangeAttributionExtension } from './extensions/ChangeAttributionExtension.ts';
import { VisitsExtension } from './extensions/VisitsExtension.ts';
import { VersionsExtension } from './extensions/VersionsExtension.ts';
import { resolveVersionOptions, type VersionOptions } from '../versions/versionOptions.ts';
import { resolveActivityOptions, type ActivityOptions } from '../activity/activityOptions.ts';
import { DEFAULT_COLLAB_LIMITS } from './guards/limits.ts';
import { Rejections } from './guards/rejections.ts';
import type { StorageHealth } from '../storage/storageHealth.ts';
import { LoadFailureReportingHocuspocus, type CloseSocket } from './LoadFailureReporting.ts';

/** What the collaboration server is built from. */
export interface CollabDeps {
  storage: Storage;
  /** Whether storage writes succeed (the persistence extension reports, /healthz reads). */
  storageHealth: StorageHealth;
  metrics: Metrics;
  logger: Logger;
  auth: AuthServices;
  /** Largest encoded document in bytes (default DEFAULT_COLLAB_LIMITS.maxDocumentBytes). */
  maxDocumentBytes?: number;
  /** Deepest nesting of shared types (default DEFAULT_COLLAB_LIMITS.maxNestingDepth). */
  maxNestingDepth?: number;
  /** Where refused messages are logged and counted (default: logger + metrics). */
  rejections?: Rejections;
  /** Closes the socket behind a request (a failed document load); default: none to close. */
  closeSocket?: CloseSocket;
  /**
   * Multi-instance mode (REDIS_URL): the Redis extension from server/cluster/createRedisExtension.ts.
   * It keeps its own priority, 1000, so it runs before every extension here (see that file).
   */
  clusterExtensions?: readonly Extension[];
  /** Change attribution and visits settings (default DEFAULT_ACTIVITY_OPTIONS). */
  activity?: Partial<ActivityOptions>;
  /** Version history settings (default DEFAULT_VERSION_OPTIONS). */
  versions?: Partial<VersionOptions>;
  /** How long a document stays loaded after its last connection left (default 30 s; 0 = at once). */
  unloadGraceMs?: number | undefined;
}

/**
 * The collaboration server: Hocuspocus composed of one extension per concern, ordered by priority
 * (higher runs first): schema-version gate (300, onConnect), liveness (250, onStateless only:
 * first of any stateless handler, so none can delay or swallow a pong; Hocuspocus calls it only
 * once a document connection is authenticated), document target (200), authentication (190),
 * nesting depth (160), document size (150), persistence (50), comments mirror (48: fills
 * `map:<id>/comments` from the stored threads), customer projection (47: keeps `map:<id>/customer`
 * live from the map), validation mirror (46: computes `map:<id>/validation` from the stored
 * customer feedback), migration (45), catalogue (40), awareness ownership (25:
 * drops states for client ids the connection does not own before anything stamps or applies
 * them), presence (20: stamps the account into what is left), change attribution (15: who changed
 * which card, stage and lane, written in batches), visits (14: when each person had each map
 * open), versions (12: an auto version of a map a connection changed, at the end of each editing
 * session and hourly while edited), metrics (10), quiet load (1: the load itself broadcasts nothing). The WebSocket-level guards (message size, rate, protocol) run before any of these, in
 * server.ts (see guards/SocketGuards.ts). A failure of any onLoadDocument hook is reported and
 * closes its socket with MAP_UNAVAILABLE (see LoadFailureReporting.ts).
 */
export function createHocuspocus(deps: CollabDeps): Hocuspocus {
  const rejections = deps.rejections ?? new Rejections(deps.logger, deps.metrics);
  const activity = resolveActivityOptions(deps.activity);
  const extensions: Extension[] = [
    new SchemaVersionExtension(),
    new LivenessExtension(),
    new DocumentTargetExtension({ maps: deps.storage.maps }),
    new AuthenticationExtension({
      auth: deps.auth,
      members: deps.storage.members,
      logger: deps.logger,
      metrics: deps.metrics,
      closeSocket: deps.closeSocket,
    }),
    new NestingDepthExtension({
      maxNestingDepth: deps.maxNestingDepth ?? DEFAULT_COLLAB_LIMITS.maxNestingDepth,
      rejections,
    }),
    new DocumentSizeExtension({
      maxDocumentBytes: deps.maxDocumentBytes ?? DEFAULT_COLLAB_LIMITS.maxDocumentBytes,
      rejections,
    }),
    new PersistenceExtension({
      documents: deps.storage.documents,
      health: deps.storageHealth,
      logger: deps.logger,
      metrics: deps.metrics,
      shouldPersist: async (name) => {
        const target = parseDocName(name);
        return target !== null && (await deps.storage.maps.get(target.mapId)) !== null;
      },
      // The comments mirror is rebuilt from the stored threads (CommentsMirrorExtension), the
      // customer projection from the map (CustomerProjectionExtension), the validation from the
      // stored responses (ValidationMirrorExtension): only maps are stored.
      isStored: (name) => parseDocName(name)?.kind === 'map',
    }),
    new CommentsMirrorExtension({ threads: deps.storage.threads }),
    // Fills `map:<id>/actions` from the stored actions (issue 14).
    new ActionsMirrorExtension({ actions: deps.storage.actions }),
    new CustomerProjectionExtension({ maps: deps.storage.maps, logger: deps.logger }),
    new ValidationMirrorExtension({ storage: deps.storage, logger: deps.logger }),
    new VotesMirrorExtension({ votes: deps.storage.votes }),
    new MigrationExtension(deps.logger),
    new MapCatalogExtension({ maps: deps.storage.maps }),
    new AwarenessOwnershipExtension({ rejections }),
    new PresenceExtension(),
    new ChangeAttributionExtension({
      changes: deps.storage.changes,
      logger: deps.logger,
      options: activity,
    }),
    new VisitsExtension({ visits: deps.storage.visits, logger: deps.logger, options: activity }),
    new VersionsExtension({
      versions: deps.storage.versions,
      maps: deps.storage.maps,
      logger: deps.logger,
      options: resolveVersionOptions(deps.versions),
    }),
    new MetricsExtension(deps.metrics),
    new QuietLoadExtension(),
    new UnloadGraceExtension({ graceMs: deps.unloadGraceMs ?? DEFAULT_UNLOAD_GRACE_MS }),
    ...(deps.clusterExtensions ?? []),
  ];
  return new LoadFailureReportingHocuspocus(
    {
      quiet: true,
      // Compaction is cheap; store soon after activity settles, at most every 10 s under load.
      debounce: 2_000,
      maxDebounce: 10_000,
      extensions,
    },
    { logger: deps.logger, metrics: deps.metrics, closeSocket: deps.closeSocket ?? (() => {}) },
  );
}
