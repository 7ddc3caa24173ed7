import type { Hocuspocus, onStoreDocumentPayload } from '@hocuspocus/server';

/**
 * The final store of one document at shutdown in multi-instance mode. Hocuspocus's own store path
 * runs onStoreDocument then afterStoreDocument; the Redis extension takes a lock in the first and
 * releases it in the second, so both must run (else the lock blocks the other instances until it
 * expires). When another instance holds the lock, the extension throws SkipFurtherHooksError: that
 * instance is storing the document, and every update this one acknowledged is already in the
 * durable log, so there is nothing left to do here.
 */
export async function storeOnShutdown(
  hocuspocus: Hocuspocus,
  payload: onStoreDocumentPayload,
): Promise<void> {
  // After any store already running for this document (flushPendingStores, the last disconnect),
  // as Hocuspocus's own store path does: that one holds the lock until its afterStoreDocument.
  await payload.document.saveMutex.runExclusive(async () => {
    try {
      await hocuspocus.hooks('onStoreDocument', payload);
    } catch (error) {
      // By name: SkipFurtherHooksError lives in @hocuspocus/common, not a dependency of ours.
      if (error instanceof Error && error.name === 'SkipFurtherHooksError') return;
      throw error;
    }
    await hocuspocus.hooks('afterStoreDocument', payload);
  });
}
