import type { Extension, beforeHandleAwarenessPayload } from '@hocuspocus/server';
import { PRESENCE_FIELD, presenceColor, type PresenceUser } from '../../../shared/index.ts';
import type { AuthenticatedContext } from '../context.ts';
import { isRedisOrigin } from '../origins.ts';

/**
 * Presence you can trust: before an awareness update is applied and broadcast, the server writes
 * the connection's authenticated person (name, department, colour) into every state it carries,
 * overwriting whatever the client claimed. Updates from no authenticated connection are dropped,
 * except those relayed by another instance through Redis: that instance stamped them when its own
 * client sent them (every instance runs this extension), so they pass as they are.
 */
export class PresenceExtension implements Extension {
  readonly extensionName = 'presence';
  readonly priority = 20;

  async beforeHandleAwareness({
    context,
    states,
    transactionOrigin,
  }: beforeHandleAwarenessPayload<AuthenticatedContext>): Promise<void> {
    if (isRedisOrigin(transactionOrigin)) return;
    const user = context?.user;
    for (const [clientId, state] of states) {
      if (state === null) continue; // a peer leaving
      if (!user) {
        states.delete(clientId);
        continue;
      }
      const stamped: PresenceUser = {
        id: user.id,
        name: user.name,
        department: user.department,
        color: presenceColor(user.id),
      };
      state[PRESENCE_FIELD] = stamped;
    }
  }
}
