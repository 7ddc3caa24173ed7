import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { asMapId, votesDocName } from '../../../shared/index.ts';
import { ApiRequestError } from '../api.ts';
import { useServerDoc } from '../collab/useServerDoc.ts';
import { readRounds, type RoundJson } from './voteJson.ts';
import { votesApi } from './votesApi.ts';

/** The map's dot voting as the page shows it. */
export interface VotesState {
  /** Every round, newest first (empty until the live document arrived). */
  rounds: RoundJson[];
  ready: boolean;
  /** The round taking votes now, if any. */
  open: RoundJson | null;
  /** The newest closed round, if any (its results are shown on the cards). */
  lastClosed: RoundJson | null;
  /** My votes in the open round (card ids). */
  myVotes: ReadonlySet<string>;
  /** How many votes I may still cast in the open round. */
  votesLeft: number;
  /** A command is on its way. */
  busy: boolean;
  /** The error code of the last refused command (null after a success). */
  error: string | null;
  start(votesPerPerson: number, cardIds: string[]): Promise<void>;
  /** Votes for the card, or takes my vote back when I already voted for it. */
  toggle(cardId: string): Promise<void>;
  close(): Promise<void>;
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * Follows the server-owned document `map:<id>/votes` (the rounds, with the number of voters while
 * open and the ranked counts once closed) and keeps my own votes from the HTTP answers: the
 * document never says who voted for what. Every vote is a command the server checks.
 */
export function useVotes(
  mapId: string,
  enabled: boolean,
  socket: HocuspocusProviderWebsocket | null,
): VotesState {
  const { value, ready } = useServerDoc(
    enabled ? votesDocName(asMapId(mapId)) : null,
    socket,
    readRounds,
  );
  const rounds = useMemo(() => value ?? [], [value]);
  const open = rounds.find((round) => round.status === 'open') ?? null;
  const lastClosed = rounds.find((round) => round.status === 'closed') ?? null;
  const openId = open?.id ?? null;
  const [mine, setMine] = useState<{ roundId: string; cards: ReadonlySet<string> } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // My votes in the open round: read once when it appears (a reload, another tab), then taken
  // from the answer of each of my commands.
  useEffect(() => {
    if (!openId) return;
    let live = true;
    votesApi
      .round(openId)
      .then(({ round }) => {
        if (live) setMine({ roundId: round.id, cards: new Set(round.myVotes) });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [openId]);

  const run = useCallback(async (command: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await command();
      setError(null);
    } catch (failure) {
      setError(failure instanceof ApiRequestError ? failure.code : 'network');
    } finally {
      setBusy(false);
    }
  }, []);

  const myVotes = mine && mine.roundId === openId ? mine.cards : EMPTY;
  const votesLeft = open ? Math.max(0, open.votesPerPerson - myVotes.size) : 0;

  const start = useCallback(
    (votesPerPerson: number, cardIds: string[]) =>
      run(async () => {
        const { round } = await votesApi.start(mapId, { votesPerPerson, cardIds });
        setMine({ roundId: round.id, cards: new Set(round.myVotes) });
      }),
    [mapId, run],
  );
  const toggle = useCallback(
    (cardId: string) =>
      run(async () => {
        if (!openId) return;
        const { round } = myVotes.has(cardId)
          ? await votesApi.unvote(openId, cardId)
          : await votesApi.vote(openId, cardId);
        setMine({ roundId: round.id, cards: new Set(round.myVotes) });
      }),
    [openId, myVotes, run],
  );
  const close = useCallback(
    () =>
      run(async () => {
        if (openId) await votesApi.close(openId);
      }),
    [openId, run],
  );

  return useMemo(
    () => ({
      rounds,
      ready,
      open,
      lastClosed,
      myVotes,
      votesLeft,
      busy,
      error,
      start,
      toggle,
      close,
    }),
    [rounds, ready, open, lastClosed, myVotes, votesLeft, busy, error, start, toggle, close],
  );
}
