import type { Hocuspocus } from '@hocuspocus/server';
import {
  addCard,
  addLane,
  addStage,
  mapDocName,
  type CardId,
  type MapId,
  type StageId,
} from '../../shared/index.ts';
import { customerIdOf } from '../customer/customerIds.ts';
import type { Storage } from '../storage/storage.ts';

/** A small journey written into a map for customer-feedback tests, with its opaque ids. */
export interface Journey {
  /** Two new stages (the blank map's three come first). */
  stages: [StageId, StageId];
  /** Cards of a customer-visible lane: two in the first new stage, one in the second. */
  cards: [CardId, CardId, CardId];
  /** A card of an internal (backstage) lane: customers never see it. */
  hiddenCard: CardId;
  /** The opaque id customers see for an internal card or stage id. */
  opaque(internalId: string): string;
}

/**
 * Adds stages, a customer-visible lane with three cards and an internal lane with one card to a
 * map's live document (through the server's own Hocuspocus, as an editor's change would land).
 */
export async function writeJourney(
  server: { hocuspocus: Hocuspocus; storage: Storage },
  mapId: string,
): Promise<Journey> {
  const connection = await server.hocuspocus.openDirectConnection(mapDocName(mapId as MapId), {});
  let journey: Omit<Journey, 'opaque'> | null = null;
  try {
    await connection.transact((doc) => {
      const first = addStage(doc, { name: 'Descubrir' });
      const second = addStage(doc, { name: 'Contratar' });
      const visible = addLane(doc, { kind: 'actions', title: 'Acciones', customerVisible: true });
      const internal = addLane(doc, {
        kind: 'backstage',
        title: 'Trastienda',
        customerVisible: false,
      });
      journey = {
        stages: [first, second],
        cards: [
          addCard(doc, { stageId: first, laneId: visible, text: 'Busca en la web' }),
          addCard(doc, { stageId: first, laneId: visible, text: 'Compara precios' }),
          addCard(doc, { stageId: second, laneId: visible, text: 'Firma el contrato' }),
        ],
        hiddenCard: addCard(doc, { stageId: first, laneId: internal, text: 'Scoring interno' }),
      };
    });
  } finally {
    await connection.disconnect();
  }
  if (!journey) throw new Error('the journey was not written');
  const secret = await server.storage.maps.customerSecret(mapId as MapId);
  return { ...(journey as Omit<Journey, 'opaque'>), opaque: (id) => customerIdOf(secret, id) };
}
