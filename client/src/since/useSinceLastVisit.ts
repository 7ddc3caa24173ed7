import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SinceLastVisitJson } from '../../../shared/since-last-visit.ts';
import { api, type Department } from '../api.ts';

/** What "since your last visit" shows, and how to dismiss it. */
export interface SinceLastVisitState {
  /** null while loading or when it could not be loaded. */
  data: SinceLastVisitJson | null;
  /** When `data` arrived (relative times are counted from it). */
  receivedAt: number;
  /** How many entries the panel lists. */
  count: number;
  /** Cards created or changed by others (highlighted on the board). */
  changedCards: ReadonlySet<string>;
  departments: readonly Department[];
  /** Asks the server again (opening the panel). */
  refresh(): void;
  /** "Marcar como visto": the list starts from now. */
  dismiss(): Promise<void>;
}

const NOTHING: ReadonlySet<string> = new Set();

/** Loads `GET /api/maps/:id/since-last-visit` once the map's role is known (not for customers). */
export function useSinceLastVisit(mapId: string, enabled: boolean): SinceLastVisitState {
  const [answer, setAnswer] = useState<{ data: SinceLastVisitJson; at: number } | null>(null);
  const data = answer?.data ?? null;
  const [departments, setDepartments] = useState<readonly Department[]>([]);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api.sinceLastVisit(mapId).then(
      (json) => live && setAnswer({ data: json, at: Date.now() }),
      () => live && setAnswer(null),
    );
    return () => {
      live = false;
    };
  }, [mapId, enabled, asked]);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api.departments().then(
      (list) => live && setDepartments(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [enabled]);

  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  const dismiss = useCallback(async () => {
    await api.dismissSinceLastVisit(mapId);
    setAsked((n) => n + 1);
  }, [mapId]);

  return useMemo(() => {
    const changedCards = data
      ? new Set(
          data.items
            .filter((item) => item.kind === 'card' && item.change !== 'deleted')
            .map((item) => item.id),
        )
      : NOTHING;
    const count = data
      ? data.items.length +
        data.threads.created.length +
        data.threads.replies.length +
        data.threads.resolved.length
      : 0;
    const receivedAt = answer?.at ?? 0;
    return { data, receivedAt, count, changedCards, departments, refresh, dismiss };
  }, [data, answer, departments, refresh, dismiss]);
}
