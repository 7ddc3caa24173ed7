// The child process of smtpServer.ts: a real SMTP server (the `smtp-server` package) on
// 127.0.0.1, port argv[2] (0: a free one). It prints one JSON line when listening,
// {"type":"listening","port":N}, then one per accepted message, {"type":"message",...} with the
// envelope and the message parsed by mailparser. Plain SMTP, no STARTTLS; any login is accepted.
// It exits when its stdin closes (the test process ended, however it ended) or on SIGTERM.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2] ?? '0');

function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const server = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, _session, callback) {
    callback(null, { user: auth.username ?? '' });
  },
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (parsed) => {
        print({
          type: 'message',
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: session.user ?? null,
          from: parsed.from?.text ?? null,
          subject: parsed.subject ?? null,
          text: parsed.text ?? null,
          html: typeof parsed.html === 'string' ? parsed.html : null,
          autoSubmitted: parsed.headers.get('auto-submitted') ?? null,
        });
        callback();
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  },
});

server.on('error', (error) => {
  process.stderr.write(`smtp-server error: ${error.message}\n`);
});

server.listen(port, '127.0.0.1', () => {
  const address = server.server.address();
  print({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
