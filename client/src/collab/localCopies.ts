/**
 * The browser's local copies of maps (y-indexeddb databases): kept per user, so one person's
 * copy is never opened for another on a shared computer, and deleted when they must not outlive
 * the access that made them (sign-out, losing access to a map).
 */

/** Prefix of every database this app makes. */
const PREFIX = 'recorrido:';

/** Name of the database holding `userId`'s local copy of the document `docName`. */
export function localCopyName(userId: string, docName: string): string {
  return `${PREFIX}${userId}:${docName}`;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // 'blocked' means a tab still has it open: it is deleted as soon as that tab closes it.
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/**
 * Deletes every local copy this app made in this browser, whoever's: on sign-out nothing of the
 * maps may stay behind (including copies from before they were kept per user).
 */
export async function deleteAllLocalCopies(): Promise<void> {
  const databases = await indexedDB.databases();
  await Promise.all(
    databases
      .map((db) => db.name)
      .filter((name): name is string => !!name?.startsWith(PREFIX))
      .map(deleteDatabase),
  );
}
