import type {
  Document,
  Extension,
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import { DOCUMENT_TOO_LARGE } from '../../../shared/close-codes.ts';
import { EMPTY_UPDATE_BYTES, readFrameHeader, readFrameUpdate } from '../guards/frameProtocol.ts';
import type { Rejections } from '../guards/rejections.ts';

/** Settings of the document size cap. */
export interface DocumentSizeConfiguration {
  /** Largest encoded document, in bytes. */
  maxDocumentBytes: number;
  rejections: Rejections;
}

/** The error Hocuspocus turns into a close of that document connection with this reason. */
class DocumentTooLargeError extends Error {
  readonly code = DOCUMENT_TOO_LARGE.code;
  readonly reason = DOCUMENT_TOO_LARGE.reason;

  constructor() {
    super();
    // Hocuspocus prints the error it closes a connection for: one line, not a stack trace.
    this.stack = `DocumentTooLargeError: ${DOCUMENT_TOO_LARGE.reason} (already logged as collab_rejected)`;
  }
}

/**
 * Caps a document's size: refuses (before it is applied, stored or broadcast) any update that
 * would grow the encoded document beyond maxDocumentBytes, closing that document connection with
 * the reason `document-too-large`. The size is tracked without re-encoding on the hot path: exact
 * when the first update arrives (not at load: the first reader would wait for it) and after every
 * compaction, plus the byte length of every update since (an upper bound,
 * since merged updates encode smaller). Updates that only delete are always accepted, so a map over
 * the cap (imported, or the cap lowered) can still be trimmed.
 */
export class DocumentSizeExtension implements Extension {
  readonly extensionName = 'document-size';
  readonly priority = 150;
  readonly #config: DocumentSizeConfiguration;
  readonly #sizes = new Map<string, number>();

  constructor(config: DocumentSizeConfiguration) {
    this.#config = config;
  }

  /** Current size estimate of a loaded document (tests, metrics). */
  sizeOf(documentName: string): number | undefined {
    return this.#sizes.get(documentName);
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    // Measured when the first update arrives (beforeHandleMessage), not here: encoding a big map
    // takes tens of ms that its first reader would otherwise wait for before their sync reply.
    document.on('update', (update: Uint8Array) => {
      const size = this.#sizes.get(documentName);
      if (size !== undefined) this.#sizes.set(documentName, size + update.length);
    });
  }

  async beforeHandleMessage({
    documentName,
    update,
    socketId,
    document,
  }: beforeHandleMessagePayload): Promise<void> {
    const header = readFrameHeader(update);
    // An empty update (2 bytes: no structs, no deletions), like a new client's sync reply,
    // cannot grow anything: no need to measure the document for it.
    if (!header || header.updateBytes <= EMPTY_UPDATE_BYTES) return;
    const current = this.#sizes.get(documentName) ?? this.#measure(documentName, document);
    const { maxDocumentBytes } = this.#config;
    if (current + header.updateBytes <= maxDocumentBytes) return;
    // Deletions (and empty sync replies) add no content: a full map can always be trimmed.
    if (insertsNothing(readFrameUpdate(update))) return;
    this.#config.rejections.report(
      'document_too_large',
      {
        documentName,
        socketId,
        size: current,
        updateBytes: header.updateBytes,
        limit: maxDocumentBytes,
      },
      'refused update: the document would exceed its size cap',
    );
    // Hocuspocus closes this document connection with the error's code and reason.
    throw new DocumentTooLargeError();
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    this.#measure(documentName, document);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.#sizes.delete(documentName);
  }

  #measure(documentName: string, document: Document): number {
    const size = Y.encodeStateAsUpdate(document).length;
    this.#sizes.set(documentName, size);
    return size;
  }
}

/** True for a Yjs update with no new structs (only deletions, or nothing at all). */
function insertsNothing(update: Uint8Array | null): boolean {
  if (!update) return false;
  try {
    return Y.decodeUpdate(update).structs.length === 0;
  } catch {
    return false;
  }
}
