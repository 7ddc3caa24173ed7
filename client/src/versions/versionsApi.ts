import type { MapJson } from '../../../shared/interchange.ts';
import { request } from '../api.ts';

/** One saved state of a map, as `GET /api/maps/:id/versions` lists it. */
export interface MapVersion {
  id: string;
  /** When it was saved (ISO). */
  createdAt: string;
  /** The name given by a person ("Antes del taller"); null for automatic versions. */
  name: string | null;
  /** Who saved it (or whose editing session it closed); null when nobody is known. */
  authorName: string | null;
  /** Saved by the server (end of an editing session, hourly, before a restore). */
  auto: boolean;
}

/** Longest name of a named version (the server refuses longer ones). */
export const VERSION_NAME_MAX = 120;

const versionsPath = (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}/versions`;
const versionPath = (mapId: string, versionId: string) =>
  `${versionsPath(mapId)}/${encodeURIComponent(versionId)}`;

/** The map history calls of the HTTP API (issue 13, CONTRACT13.md). */
export const versionsApi = {
  /** Every kept version, newest first. */
  list: (mapId: string) =>
    request<{ versions: MapVersion[] }>('GET', versionsPath(mapId)).then((r) => r.versions),
  /** Saves the live state now under a name. */
  create: (mapId: string, name: string) =>
    request<{ version: MapVersion }>('POST', versionsPath(mapId), { name }).then((r) => r.version),
  /** One version with its whole content in the interchange format. */
  get: (mapId: string, versionId: string) =>
    request<{ version: MapVersion; map: MapJson }>('GET', versionPath(mapId, versionId)),
  /**
   * Makes the live map the version's content for everyone; returns the automatic version the
   * server saved of the state just before (restoring it undoes the restore).
   */
  restore: (mapId: string, versionId: string) =>
    request<{ version: MapVersion }>('POST', `${versionPath(mapId, versionId)}/restore`).then(
      (r) => r.version,
    ),
};
