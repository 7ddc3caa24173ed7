import { createHmac } from 'node:crypto';
import type * as Y from 'yjs';
import { customerVisibleIds } from '../../shared/customer-projection.ts';

/** Length of an opaque customer id: 22 base64url characters, 132 bits of the HMAC. */
const CUSTOMER_ID_LENGTH = 22;

/**
 * The opaque id customers see for an internal card, stage or lane id: the first 22 characters of
 * base64url(HMAC-SHA256(secret, internalId)). Stable for a map (the secret is the map's, see
 * MapStore.customerSecret), unusable anywhere else, and not reversible without the secret.
 */
export function customerIdOf(secret: Uint8Array, internalId: string): string {
  return createHmac('sha256', secret)
    .update(internalId, 'utf8')
    .digest('base64url')
    .slice(0, CUSTOMER_ID_LENGTH);
}

/** Customer id -> internal id of the cards and stages customers currently see. */
export interface ResolvedCustomerIds {
  readonly cards: Map<string, string>;
  readonly stages: Map<string, string>;
}

/**
 * Maps the opaque ids of a request (customer feedback) back to internal ids. Only items visible
 * to customers right now resolve: a card in an internal lane, or unplaced, has no customer id.
 */
export function resolveCustomerIds(mapDoc: Y.Doc, secret: Uint8Array): ResolvedCustomerIds {
  const visible = customerVisibleIds(mapDoc);
  const byCustomerId = (ids: readonly string[]) =>
    new Map(ids.map((id) => [customerIdOf(secret, id), id]));
  return { cards: byCustomerId(visible.cards), stages: byCustomerId(visible.stages) };
}
