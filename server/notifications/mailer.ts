import nodemailer from 'nodemailer';

/** One mail to send. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends mail; `send` resolves once the SMTP server accepted the message, else rejects. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /** Closes idle connections; sends after this reject. */
  close(): void;
}

/**
 * Timeouts well under the digest claim's lease (DIGEST_CLAIM_LEASE_MS), so a hung SMTP server
 * fails the send before another instance could take the same person over.
 */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 60_000;

/**
 * A mailer over nodemailer's SMTP transport (one connection per send: a digest run sends few
 * mails, and a fresh connection recovers from an SMTP server that restarted meanwhile).
 * Query parameters of SMTP_URL reach nodemailer's options (e.g. `?tls.rejectUnauthorized=false`
 * for a test relay).
 */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  let closed = false;
  return {
    async send(mail) {
      if (closed) throw new Error('the mailer is closed');
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // RFC 3834: automatic mail; auto-responders must not answer it.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    },
    close() {
      closed = true;
      transport.close();
    },
  };
}

/**
 * True when an SMTP failure concerns this one recipient (the server refused the envelope), so the
 * run may go on with the next person; any other failure (connection refused, timeout, auth) will
 * hit everyone, so the run stops and the next interval retries.
 */
export function isRecipientRefusal(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'EENVELOPE'
  );
}
