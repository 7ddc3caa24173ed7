import { describe, expect, it } from 'vitest';
import { fill, timeAgo } from './format.ts';
import { en, es } from './messages.ts';

describe('fill', () => {
  it('puts values into placeholders and leaves unknown ones as they are', () => {
    expect(fill('¿Eliminar «{name}» y sus {count} tarjetas?', { name: 'Web', count: 3 })).toBe(
      '¿Eliminar «Web» y sus 3 tarjetas?',
    );
    expect(fill('{name} {other}', { name: 'A' })).toBe('A {other}');
  });

  it('every placeholder of a Spanish message exists in its English twin', () => {
    const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const [key, message] of Object.entries(es)) {
      expect(placeholders(en[key as keyof typeof es]).sort(), key).toEqual(
        placeholders(message).sort(),
      );
    }
  });
});

describe('relative time', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it('says now under a minute, then the largest whole unit, in each language', () => {
    expect(timeAgo(ago(10_000), now, 'es')).toBe('ahora');
    expect(timeAgo(ago(10_000), now, 'en')).toBe('now');
    expect(timeAgo(ago(5 * 60_000), now, 'es')).toBe('hace 5 minutos');
    expect(timeAgo(ago(5 * 60_000), now, 'en')).toBe('5 minutes ago');
    expect(timeAgo(ago(3 * 3600_000), now, 'en')).toBe('3 hours ago');
    expect(timeAgo(ago(24 * 3600_000), now, 'es')).toBe('ayer');
    expect(timeAgo(ago(9 * 24 * 3600_000), now, 'en')).toBe('last week');
  });
});
