import type { DocumentLog } from '../storage/storage.ts';
import { pruneDeepTypes } from './pruneDeepTypes.ts';

/** What the repair did (or, in a dry run, would do) to one document. */
export interface DocumentRepair {
  /** The document's name (`map:<id>`, `map:<id>/comments`, ...). */
  name: string;
  /** Depth of the deepest shared type found in the stored state. */
  deepestDepth: number;
  /** Shared types deeper than the limit that were (or would be) removed. */
  removedTypes: number;
  /** False in a dry run: the stored state was left as it was. */
  written: boolean;
}

/** Settings of one repair run. */
export interface RepairOptions {
  /** Deepest allowed nesting (COLLAB_MAX_NESTING_DEPTH): deeper types are removed. */
  limit: number;
  /** Report without writing. */
  dryRun: boolean;
}

/**
 * Removes the shared types nested deeper than the limit from each named document and writes the
 * repaired state back (snapshot replaced, log folded, one transaction per document). Documents
 * with nothing too deep, or with nothing stored, are left untouched and not reported. Run it with
 * no server on the data (the command holds the DATA_DIR lock): a server's write between the read
 * and the replace would be lost.
 */
export async function repairDocuments(
  documents: DocumentLog,
  names: readonly string[],
  options: RepairOptions,
): Promise<DocumentRepair[]> {
  const repairs: DocumentRepair[] = [];
  for (const name of names) {
    const stored = await documents.load(name);
    if (!stored.snapshot && stored.tail.length === 0) continue;
    const { state, deepestDepth, removedTypes } = pruneDeepTypes(stored, options.limit);
    if (!state) continue;
    if (!options.dryRun) await documents.replace(name, state);
    repairs.push({ name, deepestDepth, removedTypes, written: !options.dryRun });
  }
  return repairs;
}
