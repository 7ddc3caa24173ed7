import { expect, request, type APIRequestContext } from '@playwright/test';
import { connectClient } from '../../server/test/collabClient.ts';
import { SESSION_COOKIE } from '../../server/auth/sessionCookie.ts';
import { customerDocName, readMap, type MapId } from '../../shared/index.ts';

/** A customer who accepted a customer link, answering through the HTTP API as the view does. */
export interface Customer {
  api: APIRequestContext;
  /** The projection's opaque id of the first card whose text contains `text`. */
  cardId(text: string): string;
  /** The projection's opaque id of the stage named `name`. */
  stageId(name: string): string;
  /** PUT feedback/cards/:id. */
  answer(cardText: string, verdict: 'yes' | 'different' | 'not-me', note?: string): Promise<void>;
  /** PUT feedback/stages/:id. */
  feel(stageName: string, emotion: number): Promise<void>;
  /** POST feedback/missing. */
  missing(stageName: string, note: string): Promise<void>;
  /** PUT feedback/about. */
  about(input: { firstName?: string | null; comment?: string | null }): Promise<void>;
  /** POST feedback/submit. */
  submit(): Promise<void>;
  /** Reads the projection again (after the team changed the map). */
  refresh(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Accepts a customer link in a fresh API context (a guest session, no account), then reads the
 * customer projection `map:<id>/customer` with that session, as the customer view does, to learn
 * the opaque ids the feedback routes take.
 */
export async function customerFromLink(baseUrl: string, inviteUrl: string): Promise<Customer> {
  const token = new URL(inviteUrl).pathname.split('/').pop() ?? '';
  // A fresh connection per call: a kept-alive socket the server closes after its idle timeout,
  // reused at that very moment, resets the next request (ECONNRESET) while the test waits.
  const api = await request.newContext({
    baseURL: baseUrl,
    extraHTTPHeaders: { Origin: baseUrl, Connection: 'close' },
  });
  const accepted = await api.post(`/api/invites/${token}/accept`, { data: {} });
  expect(accepted.status(), await accepted.text()).toBe(200);
  const { mapId } = (await accepted.json()) as { mapId: string };
  const session = (await api.storageState()).cookies.find((c) => c.name === SESSION_COOKIE);
  expect(session, 'the guest session cookie').toBeTruthy();

  let cards: { id: string; text: string }[] = [];
  let stages: { id: string; name: string }[] = [];
  const refresh = async () => {
    const client = connectClient(baseUrl, customerDocName(mapId as MapId), {
      token: session?.value ?? '',
    });
    try {
      await client.synced;
      await expect.poll(() => readMap(client.doc).cards.length).toBeGreaterThan(0);
      const view = readMap(client.doc);
      cards = view.cards.map((card) => ({ id: card.id, text: card.text }));
      stages = view.stages.map((stage) => ({ id: stage.id, name: stage.name }));
    } finally {
      client.destroy();
    }
  };
  await refresh();

  const cardId = (text: string) => {
    const card = cards.find((c) => c.text.includes(text));
    if (!card) throw new Error(`no customer-visible card with "${text}"`);
    return card.id;
  };
  const stageId = (name: string) => {
    const stage = stages.find((s) => s.name === name);
    if (!stage) throw new Error(`no stage "${name}"`);
    return stage.id;
  };
  const ok = async (response: Awaited<ReturnType<APIRequestContext['put']>>, status: number) =>
    expect(response.status(), await response.text()).toBe(status);
  const base = `/api/maps/${mapId}/feedback`;

  return {
    api,
    cardId,
    stageId,
    refresh,
    answer: async (cardText, verdict, note) =>
      ok(
        await api.put(`${base}/cards/${cardId(cardText)}`, {
          data: note === undefined ? { verdict } : { verdict, note },
        }),
        200,
      ),
    feel: async (stageName, emotion) =>
      ok(await api.put(`${base}/stages/${stageId(stageName)}`, { data: { emotion } }), 200),
    missing: async (stageName, note) =>
      ok(await api.post(`${base}/missing`, { data: { stageId: stageId(stageName), note } }), 201),
    about: async (input) => ok(await api.put(`${base}/about`, { data: input }), 200),
    submit: async () => ok(await api.post(`${base}/submit`), 200),
    dispose: () => api.dispose(),
  };
}
