import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import {
  EDITING_FIELD,
  editingKey,
  editorsByTarget,
  type EditingTarget,
  type PresenceUser,
} from '../../../shared/index.ts';
import { MapUndoManager } from './mapUndoManager.ts';

/** What every part of an open map needs: the document, its connection, my undo history, who edits what. */
export interface MapSession {
  /** The map's Y.Doc. */
  readonly doc: Y.Doc;
  /** Its Hocuspocus provider (awareness for presence and carets). */
  readonly provider: HocuspocusProvider;
  /** My undo history on this map. */
  readonly undo: MapUndoManager;
  /** The other people editing something, by `editingKey` (e.g. `card:<id>`). */
  readonly editors: ReadonlyMap<string, readonly PresenceUser[]>;
  /** Me, as the others see me (for my own caret label). */
  readonly me: PresenceUser | null;
  /** A card whose editor must reopen wherever the card now shows (kept after a delete). */
  readonly reopen: string | null;
  /** Asks for a card's editor to reopen where it now shows, or clears that (null). */
  readonly setReopen: (cardId: string | null) => void;
}

const MapSessionContext = createContext<MapSession | null>(null);

/** Provides the session of one open map to the board, editors and panels below it. */
export function MapSessionProvider({
  value,
  children,
}: {
  value: MapSession;
  children: ReactNode;
}) {
  return <MapSessionContext.Provider value={value}>{children}</MapSessionContext.Provider>;
}

/** The open map's session; must be used inside <MapSessionProvider>. */
export function useMapSession(): MapSession {
  const session = useContext(MapSessionContext);
  if (!session) throw new Error('useMapSession must be used inside <MapSessionProvider>');
  return session;
}

/** My undo history for a document, made when it opens and disposed when it closes. */
export function useMapUndoManager(doc: Y.Doc | undefined): MapUndoManager | null {
  const [manager, setManager] = useState<MapUndoManager | null>(null);
  useEffect(() => {
    if (!doc) return;
    // Made in the effect (not during render) so that React's double effects in development
    // never leave a disposed manager in use; published through a closure like useMapDoc does.
    const created = new MapUndoManager(doc);
    const publish = (value: MapUndoManager | null) => setManager(value);
    publish(created);
    return () => {
      created.dispose();
      publish(null);
    };
  }, [doc]);
  return manager;
}

const NO_EDITORS: ReadonlyMap<string, readonly PresenceUser[]> = new Map();

/**
 * Who else is editing what, from awareness. Carets move on every keystroke, so the result keeps
 * its identity until the set of (target, person) pairs actually changes: the board re-renders
 * only when someone starts or stops editing something.
 */
export function useEditors(
  provider: HocuspocusProvider | undefined,
): ReadonlyMap<string, readonly PresenceUser[]> {
  const [editors, setEditors] = useState(NO_EDITORS);
  useEffect(() => {
    const awareness = provider?.awareness;
    if (!awareness) return;
    let signature = '';
    const refresh = () => {
      const next = editorsByTarget(awareness.getStates(), awareness.clientID);
      const nextSignature = JSON.stringify([...next].map(([k, people]) => [k, people]));
      if (nextSignature === signature) return;
      signature = nextSignature;
      setEditors(next);
    };
    refresh();
    awareness.on('change', refresh);
    return () => {
      awareness.off('change', refresh);
      setEditors(NO_EDITORS);
    };
  }, [provider]);
  return editors;
}

/** The people other than me editing `target` right now (an empty list when nobody is). */
export function useEditorsOf(target: EditingTarget): readonly PresenceUser[] {
  const { editors } = useMapSession();
  return editors.get(editingKey(target)) ?? [];
}

/**
 * Tells the others that I am editing `target` while the calling component is mounted (and
 * `target` is not null); they see "Carlos (IT) is editing" on it.
 */
export function useEditingClaim(target: EditingTarget | null): void {
  const provider = useContext(MapSessionContext)?.provider;
  const kind = target?.kind;
  const id = target?.id;
  useEffect(() => {
    const awareness = provider?.awareness;
    if (!provider || !awareness || !kind || !id) return;
    provider.setAwarenessField(EDITING_FIELD, { kind, id });
    return () => {
      const current = awareness.getLocalState()?.[EDITING_FIELD] as EditingTarget | undefined;
      if (current?.kind === kind && current.id === id)
        provider.setAwarenessField(EDITING_FIELD, null);
    };
  }, [provider, kind, id]);
}
