import { useCallback, useEffect, useState } from 'react';
import type { MapJson } from '../../../shared/interchange.ts';
import { versionsApi, type MapVersion } from './versionsApi.ts';

/** A version opened from the list: read-only on its own, or compared with the live board. */
export interface OpenedVersion {
  mode: 'view' | 'compare';
  version: MapVersion;
  map: MapJson;
}

/** The map's history as the page uses it. */
export interface VersionHistory {
  /** Newest first; null until loaded (or when loading failed: see `failed`). */
  versions: readonly MapVersion[] | null;
  failed: boolean;
  /** When the list arrived: relative times are counted from it. */
  receivedAt: number;
  /** The version being looked at or compared with, if any. */
  opened: OpenedVersion | null;
  /** The id of the version being fetched, for the busy state of its buttons. */
  loading: string | null;
  /** Asks for the list again. */
  refresh(): void;
  /** Fetches a version's content and shows it read-only or compares it with now. */
  open(versionId: string, mode: OpenedVersion['mode']): Promise<void>;
  /** Back to the current map, without any comparison. */
  close(): void;
  /** Saves the live state under a name; the list follows. */
  save(name: string): Promise<MapVersion>;
  /**
   * Restores a version for everyone; resolves with the automatic version of the state just
   * before (restoring that one undoes this). Ends any view or comparison; the list follows.
   */
  restore(versionId: string): Promise<MapVersion>;
}

/**
 * Loads the map's versions once `enabled` (the panel is open and my role may read them) and
 * holds the opened version. It lives in the map page, not in the panel, so the read-only view
 * and the comparison stay while the panel is closed (on a phone the panel covers the board).
 */
export function useVersionHistory(mapId: string, enabled: boolean): VersionHistory {
  const [list, setList] = useState<{ versions: MapVersion[]; at: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const [asked, setAsked] = useState(0);
  const [opened, setOpened] = useState<OpenedVersion | null>(null);
  const [loading, setLoading] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    versionsApi.list(mapId).then(
      (versions) => {
        if (!live) return;
        setList({ versions, at: Date.now() });
        setFailed(false);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [mapId, enabled, asked]);

  const refresh = useCallback(() => setAsked((n) => n + 1), []);

  const open = useCallback(
    async (versionId: string, mode: OpenedVersion['mode']) => {
      setLoading(versionId);
      try {
        const { version, map } = await versionsApi.get(mapId, versionId);
        setOpened({ mode, version, map });
      } finally {
        setLoading(null);
      }
    },
    [mapId],
  );

  const close = useCallback(() => setOpened(null), []);

  const save = useCallback(
    async (name: string) => {
      const version = await versionsApi.create(mapId, name);
      refresh();
      return version;
    },
    [mapId, refresh],
  );

  const restore = useCallback(
    async (versionId: string) => {
      const before = await versionsApi.restore(mapId, versionId);
      setOpened(null);
      refresh();
      return before;
    },
    [mapId, refresh],
  );

  return {
    versions: list?.versions ?? null,
    failed,
    receivedAt: list?.at ?? 0,
    opened,
    loading,
    refresh,
    open,
    close,
    save,
    restore,
  };
}
