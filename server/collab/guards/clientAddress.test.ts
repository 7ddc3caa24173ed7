import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, rateLimitKey } from './clientAddress.ts';

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  } as unknown as IncomingMessage;
}

describe('rate-limit key of a client address', () => {
  it('uses IPv4 addresses as they are, also when mapped into IPv6', () => {
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by their /64, so rotating the interface id does not help', () => {
    expect(rateLimitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('ignores X-Forwarded-For unless the proxy is trusted, then takes its last hop', () => {
    const r = request('10.0.0.1', '198.51.100.9, 203.0.113.7');
    expect(clientAddress(r, false)).toBe('10.0.0.1');
    expect(clientAddress(r, true)).toBe('203.0.113.7');
    expect(clientAddress(request('10.0.0.1'), true)).toBe('10.0.0.1');
  });
});
