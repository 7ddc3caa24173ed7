import { describe, expect, it } from 'vitest';
import { isSafeHref, safeLinkUrl } from './safeUrl.ts';

describe('safeLinkUrl', () => {
  it('keeps web, mail and phone links as typed', () => {
    expect(safeLinkUrl('https://bank.example/travel')).toBe('https://bank.example/travel');
    expect(safeLinkUrl('http://intranet.example')).toBe('http://intranet.example');
    expect(safeLinkUrl('mailto:ana@bank.example')).toBe('mailto:ana@bank.example');
    expect(safeLinkUrl('tel:+34900100200')).toBe('tel:+34900100200');
  });

  it('adds https to a bare host', () => {
    expect(safeLinkUrl('bank.example/help')).toBe('https://bank.example/help');
    expect(safeLinkUrl('  www.bank.example  ')).toBe('https://www.bank.example/');
  });

  it('refuses script, data, file and other schemes, whatever their case', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      'blob:https://bank.example/x',
    ]) {
      expect(safeLinkUrl(url), url).toBeNull();
    }
  });

  it('refuses URLs hiding a scheme behind control characters or spaces', () => {
    expect(safeLinkUrl('java\tscript:alert(1)')).toBeNull();
    expect(safeLinkUrl('java\nscript:alert(1)')).toBeNull();
    expect(safeLinkUrl('https://bank.example/a b')).toBeNull();
  });

  it('refuses empty input, a word that is not a host, and overlong URLs', () => {
    expect(safeLinkUrl('')).toBeNull();
    expect(safeLinkUrl('hello')).toBeNull();
    expect(safeLinkUrl(`https://bank.example/${'a'.repeat(3000)}`)).toBeNull();
  });
});

describe('isSafeHref', () => {
  it('accepts only stored hrefs that are already safe and complete', () => {
    expect(isSafeHref('https://bank.example/')).toBe(true);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref(42)).toBe(false);
    expect(isSafeHref(undefined)).toBe(false);
  });
});
