import type * as Y from 'yjs';
import { z } from 'zod';

/** The root Y.Map of `map:<id>/votes` (server/votes/votesMirror.ts): round id -> round JSON. */
export const VOTES_ROOT = 'rounds';

const RoundSchema = z.object({
  id: z.string(),
  mapId: z.string(),
  status: z.enum(['open', 'closed']),
  votesPerPerson: z.number().int(),
  cardIds: z.array(z.string()),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  voters: z.number().int(),
  results: z.array(z.object({ cardId: z.string(), votes: z.number().int() })).nullable(),
});

/**
 * A vote round as the live document holds it: while open, only how many people voted; once
 * closed, every card's votes ranked. (The HTTP answers add `myVotes`, the caller's own votes.)
 */
export type RoundJson = z.infer<typeof RoundSchema>;

/** A round over HTTP, with my own votes. */
export interface MyRoundJson extends RoundJson {
  myVotes: string[];
}

/** Every well-formed round of the votes document, newest first. */
export function readRounds(doc: Y.Doc): RoundJson[] {
  const rounds: RoundJson[] = [];
  doc.getMap<unknown>(VOTES_ROOT).forEach((value) => {
    const parsed = RoundSchema.safeParse(value);
    if (parsed.success) rounds.push(parsed.data);
  });
  return rounds.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}
