import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../config.ts';
import { captureLogs, type LogCapture } from '../test/logCapture.ts';
import { SmtpTestServer, type ReceivedMail } from '../test/smtpServer.ts';
import {
  sharedPostgresDatabase,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../test/testServer.ts';
import { asUser, createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';
import { newMapId } from '../../shared/ids.ts';

// Email digests on a real server with a real SMTP server process (server/test/smtpServer.ts):
// one mail per person per interval with everything new, nothing for own, read or foreign
// messages, nothing lost or doubled when SMTP is down, one sender among several instances.
// Runs on SQLite, and on PostgreSQL with TEST_STORAGE=postgres (project server-postgres).
const INTERVAL_MS = 1_500;
const SETTLE_MS = 300;

let smtp: SmtpTestServer;

beforeAll(async () => {
  smtp = await SmtpTestServer.start();
});

afterAll(async () => {
  await smtp.stop();
});

/** A server whose digests go to the test SMTP server (with a login, as SMTP_URL may carry). */
async function startDigestServer(
  logs: LogCapture,
  overrides: Partial<ServerConfig> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  return startTestServer(
    {
      digests: {
        smtpUrl: smtp.url({ user: 'recorrido', pass: 's3cret' }),
        from: 'Recorrido <no-reply@example.test>',
        intervalMs: INTERVAL_MS,
        settleMs: SETTLE_MS,
      },
      ...overrides,
    },
    logs.logger,
    options,
  );
}

/** Resolves once the server's digest loop has finished a run that started after this call. */
async function nextRunOf(server: TestServer): Promise<void> {
  const scheduler = server.digests;
  if (!scheduler) throw new Error('digests are off on this server');
  const target = scheduler.runs + 2;
  await expect.poll(() => scheduler.runs, { timeout: 20_000 }).toBeGreaterThanOrEqual(target);
}

/** Opens a thread on the whole map; returns its id. */
async function mention(
  author: TestUser,
  mapId: string,
  body: string,
  mentioned: TestUser[],
): Promise<string> {
  const thread = await author.json<{ id: string }>(
    'POST',
    `/api/maps/${mapId}/threads`,
    { anchor: { kind: 'map' }, body, mentions: mentioned.map((user) => user.id) },
    201,
  );
  return thread.id;
}

async function addMember(owner: TestUser, mapId: string, user: TestUser, role: string) {
  await owner.json('POST', `/api/maps/${mapId}/members`, { email: user.email, role }, 201);
}

/** Waits until `count` mails reached the user; returns them, oldest first. */
async function mailsTo(user: TestUser, count: number): Promise<ReceivedMail[]> {
  await expect.poll(() => smtp.to(user.email).length, { timeout: 20_000 }).toBe(count);
  return smtp.to(user.email);
}

const linkOf = (server: TestServer, mapId: string, threadId: string) =>
  `${server.url}/maps/${mapId}?thread=${threadId}`;

describe('email digests', () => {
  const logs = captureLogs('info');
  let server: TestServer;
  let ana: TestUser;
  let bo: TestUser;
  let cy: TestUser;
  let mapId: string;

  beforeAll(async () => {
    server = await startDigestServer(logs);
    ana = await signUpUser(server.url, { name: 'Ana', department: 'marketing' });
    bo = await signUpUser(server.url, { name: 'Bo', department: 'it' });
    cy = await signUpUser(server.url, { name: 'Cy', department: 'sales' });
    mapId = await createMapAs(ana, { title: 'Viaje <del> cliente' });
    await addMember(ana, mapId, bo, 'commenter');
    await addMember(ana, mapId, cy, 'editor');
  });

  afterAll(async () => {
    await server.dispose();
  });

  it('sends ONE mail for three mentions within one interval, with the three links', async () => {
    await nextRunOf(server);
    // All three at once, well inside the interval that follows the run just seen.
    const threads = await Promise.all([
      mention(cy, mapId, 'Primera pregunta para @Bo', [bo]),
      mention(ana, mapId, 'Segunda, también para @Bo', [bo]),
      mention(cy, mapId, 'Tercera', [bo]),
    ]);
    const [mail] = await mailsTo(bo, 1);
    expect(mail?.subject).toBe('3 menciones nuevas en Recorrido · 3 new mentions');
    expect(mail?.envelopeTo).toEqual([bo.email.toLowerCase()]);
    expect(mail?.from).toBe('"Recorrido" <no-reply@example.test>');
    expect(mail?.user).toBe('recorrido');
    expect(mail?.autoSubmitted).toBe('auto-generated');
    for (const threadId of threads) {
      expect(mail?.text).toContain(linkOf(server, mapId, threadId));
      expect(mail?.html).toContain(`href="${linkOf(server, mapId, threadId)}"`);
    }
    expect(mail?.text).toContain('Cy te mencionó · mentioned you');
    expect(mail?.text).toContain('== Viaje <del> cliente ==');
    expect(mail?.html).toContain('Viaje &lt;del&gt; cliente');
    // The watermark moved past them: a later mention brings a second mail with only itself.
    const later = await mention(cy, mapId, 'Cuarta', [bo]);
    const mails = await mailsTo(bo, 2);
    expect(mails[1]?.subject).toBe('Una mención nueva en Recorrido · 1 new mention');
    expect(mails[1]?.text).toContain(linkOf(server, mapId, later));
    for (const threadId of threads) expect(mails[1]?.text).not.toContain(threadId);
    // Ana and Cy wrote them (nobody replied in their threads): no mail for them.
    expect(smtp.to(ana.email)).toEqual([]);
    expect(smtp.to(cy.email)).toEqual([]);
  });

  it('mails nothing for own messages or for threads already read', async () => {
    const before = smtp.to(cy.email).length;
    await nextRunOf(server);
    // Cy's own thread, where Cy also mentions himself: never mailed to Cy.
    const own = await mention(cy, mapId, 'Nota para mí @Cy', [cy]);
    // Ana replies in Cy's thread, and Cy reads it at once.
    await ana.json('POST', `/api/threads/${own}/messages`, { body: 'Respuesta de Ana' }, 201);
    await cy.json('POST', `/api/threads/${own}/read`, {}, 204);
    // Then something Cy has not read: the only thing his next mail may hold.
    const unread = await mention(ana, mapId, 'Esto sí, @Cy', [cy]);
    const mails = await mailsTo(cy, before + 1);
    const mail = mails.at(-1);
    expect(mail?.subject).toBe('Una mención nueva en Recorrido · 1 new mention');
    expect(mail?.text).toContain(linkOf(server, mapId, unread));
    expect(mail?.text).not.toContain(own);
  });

  it('mails nothing to a member removed from the map', async () => {
    const dee = await signUpUser(server.url, { name: 'Dee' });
    const other = await createMapAs(ana, { title: 'Otro mapa' });
    await addMember(ana, mapId, dee, 'viewer');
    await addMember(ana, other, dee, 'viewer');
    await nextRunOf(server);
    const gone = await mention(cy, mapId, 'Para @Dee antes de que se vaya', [dee]);
    await ana.json('DELETE', `/api/maps/${mapId}/members/${dee.id}`, undefined, 204);
    const kept = await mention(ana, other, 'Para @Dee en el otro mapa', [dee]);
    const [mail] = await mailsTo(dee, 1);
    expect(mail?.text).toContain(linkOf(server, other, kept));
    expect(mail?.text).not.toContain(gone);
    expect(mail?.text).not.toContain(mapId);
  });

  it('escapes the HTML part: a body with <script> arrives as text', async () => {
    const before = smtp.to(bo.email).length;
    await mention(cy, mapId, '<script>alert("hola")</script> & <b>negrita</b>', [bo]);
    const mail = (await mailsTo(bo, before + 1)).at(-1);
    expect(mail?.html).not.toContain('<script>');
    expect(mail?.html).not.toContain('<b>negrita');
    expect(mail?.html).toContain(
      '&lt;script&gt;alert(&quot;hola&quot;)&lt;/script&gt; &amp; &lt;b&gt;negrita&lt;/b&gt;',
    );
    expect(mail?.text).toContain('<script>alert("hola")</script> & <b>negrita</b>');
  });

  it('keeps the watermark while SMTP is down and mails once when it is back', async () => {
    const eve = await signUpUser(server.url, { name: 'Eve' });
    await addMember(ana, mapId, eve, 'commenter');
    await smtp.stop();
    const first = await mention(cy, mapId, 'Mientras el correo no está, @Eve', [eve]);
    try {
      await expect
        .poll(() => logs.find({ userId: eve.id, level: 40 }).length, { timeout: 20_000 })
        .toBeGreaterThan(0);
      expect(logs.find({ userId: eve.id, level: 40 })[0]?.msg).toBe(
        'email digest not sent: SMTP server unavailable; retrying next interval',
      );
      // Nothing marked sent, and the claim given back for the next run.
      await expect
        .poll(() => server.storage.digests.get(eve.id))
        .toMatchObject({ sentUntil: 0, lastMailedAt: null, claimExpiresAt: null });
      // The server keeps serving meanwhile.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await smtp.restart();
    }
    const [mail] = await mailsTo(eve, 1);
    expect(mail?.text).toContain(linkOf(server, mapId, first));
    // The watermark moves just after the SMTP server accepted the mail, so it may trail its arrival.
    await expect
      .poll(async () => (await server.storage.digests.get(eve.id))?.sentUntil)
      .toBeGreaterThan(0);
    // Exactly once: the next mail holds only what came after.
    const second = await mention(cy, mapId, 'Y otra, @Eve', [eve]);
    const mails = await mailsTo(eve, 2);
    expect(mails[1]?.text).toContain(second);
    expect(mails[1]?.text).not.toContain(first);
  });

  it('logs no error and no unexpected warning', () => {
    const unexpected = logs.entries.filter(
      (entry) =>
        entry.level >= 40 &&
        entry.msg !== 'email digest not sent: SMTP server unavailable; retrying next interval' &&
        !String(entry.msg).startsWith('PUBLIC_URL is not set'),
    );
    expect(unexpected).toEqual([]);
    // PUBLIC_URL is unset here: links use the listen address, and a warning says so once.
    expect(
      logs.entries.filter((e) => String(e.msg).startsWith('PUBLIC_URL is not set')),
    ).toHaveLength(1);
  });
});

describe('email digests with PUBLIC_URL', () => {
  it('links to the public origin', async () => {
    const logs = captureLogs('warn');
    const server = await startDigestServer(logs, { publicUrl: 'https://recorrido.example.org/' });
    try {
      // The API only accepts PUBLIC_URL's Origin now: set the scene in storage directly.
      const { storage } = server;
      const account = (name: string) =>
        storage.users.createAccount({
          email: `${name.toLowerCase()}-${Date.now()}@example.test`,
          name,
          department: 'it',
          passwordHash: 'unused',
        });
      const ana = await account('Ana');
      const bo = await account('Bo');
      const mapId = newMapId();
      await storage.maps.create({ id: mapId, title: 'Mapa', template: null });
      await storage.members.add(mapId, ana.id, 'owner');
      await storage.members.add(mapId, bo.id, 'commenter');
      const thread = await storage.threads.create({
        mapId,
        anchor: { kind: 'map' },
        createdBy: ana.id,
        body: 'hola @Bo',
        mentions: [bo.id],
      });
      await expect.poll(() => smtp.to(bo.email ?? '').length, { timeout: 20_000 }).toBe(1);
      expect(smtp.to(bo.email ?? '')[0]?.text).toContain(
        `https://recorrido.example.org/maps/${mapId}?thread=${thread.id}`,
      );
      expect(logs.entries).toEqual([]);
    } finally {
      await server.dispose();
    }
  });
});

describe('without SMTP_URL', () => {
  it('schedules nothing, sends nothing and logs no error', async () => {
    const logs = captureLogs('info');
    const server = await startTestServer({}, logs.logger);
    try {
      expect(server.digests).toBeNull();
      expect(logs.find({ msg: 'email digests are off (SMTP_URL is not set)' })).toHaveLength(1);
      const ana = await signUpUser(server.url, { name: 'Ana' });
      const bo = await signUpUser(server.url, { name: 'Bo' });
      const mapId = await createMapAs(ana, { title: 'Mapa' });
      await addMember(ana, mapId, bo, 'editor');
      await mention(ana, mapId, 'hola @Bo', [bo]);
      // Bo would be mailed if digests were on; they are off, so no run ever claims him.
      const candidates = await server.storage.digests.candidates({ since: 0, until: Date.now() });
      expect(candidates.map((c) => c.userId)).toEqual([bo.id]);
      expect(await server.storage.digests.get(bo.id)).toBeNull();
      expect(smtp.to(bo.email)).toEqual([]);
      expect(logs.entries.filter((entry) => entry.level >= 40)).toEqual([]);
    } finally {
      await server.dispose();
    }
  });
});

describe('several instances on one PostgreSQL (always on PostgreSQL, whatever TEST_STORAGE says)', () => {
  it('mails each person once: one instance sends, the others find the claim taken', async () => {
    const shared = await sharedPostgresDatabase();
    const logs = captureLogs('warn');
    const servers = [
      await startDigestServer(logs, {}, { storage: shared }),
      await startDigestServer(logs, {}, { storage: shared }),
      await startDigestServer(logs, {}, { storage: shared }),
    ];
    try {
      const [a, b, c] = servers as [TestServer, TestServer, TestServer];
      const ana = await signUpUser(a.url, { name: 'Ana' });
      const bo = await signUpUser(a.url, { name: 'Bo' });
      const cyUser = await signUpUser(a.url, { name: 'Cy' });
      const mapId = await createMapAs(ana, { title: 'Mapa' });
      await addMember(ana, mapId, bo, 'commenter');
      await addMember(ana, mapId, cyUser, 'commenter');
      const viaB = asUser(b.url, ana, ana.token);
      const viaC = asUser(c.url, ana, ana.token);
      const threads = [
        await mention(ana, mapId, 'uno @Bo @Cy', [bo, cyUser]),
        await mention(viaB, mapId, 'dos @Bo', [bo]),
        await mention(viaC, mapId, 'tres @Cy', [cyUser]),
      ];
      // Every instance ticks on its own; wait until each has run twice after the mentions.
      await Promise.all(servers.map((server) => nextRunOf(server)));
      await Promise.all(servers.map((server) => nextRunOf(server)));
      const boMails = smtp.to(bo.email);
      const cyMails = smtp.to(cyUser.email);
      const count = (mails: ReceivedMail[], id: string) =>
        mails.filter((mail) => mail.text?.includes(id)).length;
      expect(count(boMails, threads[0] ?? '')).toBe(1);
      expect(count(boMails, threads[1] ?? '')).toBe(1);
      expect(count(cyMails, threads[0] ?? '')).toBe(1);
      expect(count(cyMails, threads[2] ?? '')).toBe(1);
      expect(boMails.length + cyMails.length).toBeLessThanOrEqual(4);
      expect(logs.entries.filter((entry) => !String(entry.msg).startsWith('PUBLIC_URL'))).toEqual(
        [],
      );
    } finally {
      await Promise.all(servers.map((server) => server.dispose()));
    }
  });
});
