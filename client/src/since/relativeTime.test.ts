import { describe, expect, it } from 'vitest';
import { relativeTime } from './relativeTime.ts';

describe('relative time', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it('says now under a minute, then the largest whole unit, in each language', () => {
    expect(relativeTime(ago(10_000), now, 'es')).toBe('ahora');
    expect(relativeTime(ago(10_000), now, 'en')).toBe('now');
    expect(relativeTime(ago(5 * 60_000), now, 'es')).toBe('hace 5 minutos');
    expect(relativeTime(ago(5 * 60_000), now, 'en')).toBe('5 minutes ago');
    expect(relativeTime(ago(3 * 3600_000), now, 'en')).toBe('3 hours ago');
    expect(relativeTime(ago(24 * 3600_000), now, 'es')).toBe('ayer');
    expect(relativeTime(ago(9 * 24 * 3600_000), now, 'en')).toBe('last week');
  });
});
