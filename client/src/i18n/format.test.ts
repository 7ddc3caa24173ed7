import { describe, expect, it } from 'vitest';
import { fill, relativeTime } from './format.ts';
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

describe('relativeTime', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it('says how long ago in the largest unit that fits, in either language', () => {
    expect(relativeTime(ago(20), 'es', now)).toBe('ahora');
    expect(relativeTime(ago(-20), 'en', now)).toBe('now');
    expect(relativeTime(ago(5 * 60), 'es', now)).toBe('hace 5 minutos');
    expect(relativeTime(ago(5 * 60 + 59), 'en', now)).toBe('5 minutes ago');
    expect(relativeTime(ago(3 * 3600), 'en', now)).toBe('3 hours ago');
    expect(relativeTime(ago(24 * 3600), 'es', now)).toBe('ayer');
    expect(relativeTime(ago(8 * 24 * 3600), 'en', now)).toBe('last week');
    expect(relativeTime(ago(400 * 24 * 3600), 'es', now)).toBe('el año pasado');
  });
});
