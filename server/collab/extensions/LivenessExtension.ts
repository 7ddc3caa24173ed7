import type { Extension, onStatelessPayload } from '@hocuspocus/server';
import { LIVENESS_PING, LIVENESS_PONG } from '../../../shared/liveness.ts';

/**
 * Answers the browser's liveness ping (shared/liveness.ts) with a pong to that connection alone, so
 * the client can tell within seconds that its socket went silent instead of waiting for TCP or the
 * provider's 30 s timeout. The client pings only after a second without hearing from the server,
 * so a quiet connection costs at most one small message each way per second and a busy one none.
 * The pong is written straight to the socket: it is no part of the batched document broadcasts.
 * Hocuspocus runs onStateless only for authenticated document connections; other stateless
 * payloads are left to whoever handles them.
 */
export class LivenessExtension implements Extension {
  readonly extensionName = 'liveness';
  readonly priority = 250;

  async onStateless({ connection, payload }: onStatelessPayload): Promise<void> {
    if (payload === LIVENESS_PING) connection.sendStateless(LIVENESS_PONG);
  }
}
