import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../test/logCapture.ts';
import { SmtpTestServer } from '../test/smtpServer.ts';
import { openTestStorage, startTestServer } from '../test/testServer.ts';
import { createMapAs, signUpUser } from '../test/testUser.ts';
import { startDigestScheduler } from './digestScheduler.ts';
import { createSmtpMailer } from './mailer.ts';

// The digest loop's failure paths: a run that throws is logged and the loop goes on; shutdown
// does not hang on an SMTP server that accepted the connection and never answers.
let smtp: SmtpTestServer;

beforeAll(async () => {
  smtp = await SmtpTestServer.start();
});

afterAll(async () => {
  await smtp.stop();
});

describe('digest scheduler', () => {
  it('keeps running after runs that throw (the database is gone), and stops cleanly', async () => {
    const opened = await openTestStorage();
    await opened.dispose(); // every storage call now rejects
    const logs = captureLogs('warn');
    const scheduler = startDigestScheduler({
      digests: opened.storage.digests,
      inbox: opened.storage.threads,
      mailer: createSmtpMailer(smtp.url(), 'no-reply@example.test'),
      logger: logs.logger,
      intervalMs: 20,
      settleMs: 0,
      linkBase: 'http://localhost',
    });
    await expect.poll(() => scheduler.runs).toBeGreaterThanOrEqual(3);
    await scheduler.stop();
    const runs = scheduler.runs;
    expect(logs.find({ msg: 'email digest run failed; retrying next interval' }).length).toBe(runs);
    // Stopped: no further run is scheduled.
    await new Promise((resolve) => setImmediate(resolve));
    expect(scheduler.runs).toBe(runs);
  });

  it('does not hold shutdown hostage to an SMTP server that never answers', async () => {
    const sockets = new Set<net.Socket>();
    const connected: net.Socket[] = [];
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      connected.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const logs = captureLogs('warn');
    const server = await startTestServer(
      {
        digests: {
          smtpUrl: `smtp://127.0.0.1:${port}`,
          from: 'no-reply@example.test',
          intervalMs: 200,
          settleMs: 0,
        },
      },
      logs.logger,
    );
    try {
      const ana = await signUpUser(server.url, { name: 'Ana' });
      const bo = await signUpUser(server.url, { name: 'Bo' });
      const mapId = await createMapAs(ana, { title: 'Mapa' });
      await ana.json(
        'POST',
        `/api/maps/${mapId}/members`,
        { email: bo.email, role: 'viewer' },
        201,
      );
      await ana.json(
        'POST',
        `/api/maps/${mapId}/threads`,
        { anchor: { kind: 'map' }, body: 'hola @Bo', mentions: [bo.id] },
        201,
      );
      // A send is now waiting for a greeting that never comes (the mailer waits up to 10 s).
      await expect.poll(() => connected.length).toBeGreaterThan(0);
      const started = Date.now();
      await server.dispose();
      expect(Date.now() - started).toBeLessThan(9_000);
      expect(
        logs.find({ msg: 'email digest run still sending at shutdown; leaving it behind' }),
      ).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
