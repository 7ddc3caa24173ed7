import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpTestServer } from '../test/smtpServer.ts';
import { createSmtpMailer, isRecipientRefusal } from './mailer.ts';

// The mailer against a real SMTP server process (server/test/smtpServer.ts): what arrives, with
// the login from SMTP_URL; a stopped server is a failure that is not a recipient refusal.
let smtp: SmtpTestServer;

beforeAll(async () => {
  smtp = await SmtpTestServer.start();
});

afterAll(async () => {
  await smtp.stop();
});

describe('SMTP mailer', () => {
  it('delivers text and HTML with the From, the login and the Auto-Submitted header', async () => {
    const mailer = createSmtpMailer(
      smtp.url({ user: 'digest@example.test', pass: 'p@ss:word' }),
      'Recorrido <no-reply@example.test>',
    );
    try {
      await mailer.send({
        to: 'ana@example.test',
        subject: 'Una mención nueva en Recorrido · 1 new mention',
        text: 'hola',
        html: '<p>hola</p>',
      });
    } finally {
      mailer.close();
    }
    // The child reports on stdout, a pipe other than the SMTP socket: wait for its line.
    await expect.poll(() => smtp.to('ana@example.test')).toHaveLength(1);
    const [mail] = smtp.to('ana@example.test');
    expect(mail).toMatchObject({
      envelopeFrom: 'no-reply@example.test',
      user: 'digest@example.test',
      from: '"Recorrido" <no-reply@example.test>',
      subject: 'Una mención nueva en Recorrido · 1 new mention',
      text: 'hola',
      autoSubmitted: 'auto-generated',
    });
    expect(mail?.html).toContain('<p>hola</p>');
  });

  it('rejects while the server is down, as an outage and not a refused recipient, and works again after', async () => {
    const mailer = createSmtpMailer(smtp.url(), 'no-reply@example.test');
    try {
      await smtp.stop();
      const error: unknown = await mailer
        .send({ to: 'bo@example.test', subject: 's', text: 't', html: 'h' })
        .then(
          () => null,
          (caught: unknown) => caught,
        );
      expect(error).toBeInstanceOf(Error);
      expect(isRecipientRefusal(error)).toBe(false);
      expect(smtp.to('bo@example.test')).toEqual([]);
      await smtp.restart();
      await mailer.send({ to: 'bo@example.test', subject: 's', text: 't', html: 'h' });
      await expect.poll(() => smtp.to('bo@example.test')).toHaveLength(1);
    } finally {
      mailer.close();
    }
  });
});
