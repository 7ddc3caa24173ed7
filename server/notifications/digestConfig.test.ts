import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { DEFAULT_MAIL_FROM, readDigestConfig } from './digestConfig.ts';

// SMTP_URL, MAIL_FROM and DIGEST_INTERVAL_SECONDS: defaults, and clear errors for nonsense.
describe('digest configuration', () => {
  it('is off without SMTP_URL, and on with the defaults when only SMTP_URL is set', () => {
    expect(readDigestConfig({})).toBeUndefined();
    expect(readDigestConfig({ SMTP_URL: '  ' })).toBeUndefined();
    expect(readConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).digests).toEqual({
      smtpUrl: 'smtp://127.0.0.1:2525',
      from: DEFAULT_MAIL_FROM,
      intervalMs: 900_000,
    });
    expect(
      readDigestConfig({
        SMTP_URL: 'smtps://user:secret@mail.example.org',
        MAIL_FROM: 'Mapas <mapas@example.org>',
        DIGEST_INTERVAL_SECONDS: '2.5',
      }),
    ).toEqual({
      smtpUrl: 'smtps://user:secret@mail.example.org',
      from: 'Mapas <mapas@example.org>',
      intervalMs: 2_500,
    });
    expect(readDigestConfig({ SMTP_URL: 'smtp://h', MAIL_FROM: 'a@b.c' })?.from).toBe('a@b.c');
  });

  it('refuses nonsense with a message naming the variable, without the password', () => {
    expect(() => readDigestConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(
      /^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
    expect(() => readDigestConfig({ SMTP_URL: 'not a url' })).toThrow(/^SMTP_URL/);
    let message = '';
    try {
      readDigestConfig({ SMTP_URL: 'imap://u:hunter2@mail.example.org' });
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toContain('SMTP_URL');
    expect(message).not.toContain('hunter2');
    for (const value of ['0', '-5', 'soon', '604801']) {
      expect(() => readDigestConfig({ DIGEST_INTERVAL_SECONDS: value })).toThrow(
        /^DIGEST_INTERVAL_SECONDS must be a number of seconds from 1 to 604800/,
      );
    }
    for (const value of ['nobody', 'a@b.c\r\nBcc: x@y.z', 'Name <no-at>']) {
      expect(() => readDigestConfig({ MAIL_FROM: value })).toThrow(/^MAIL_FROM must be/);
    }
  });
});
