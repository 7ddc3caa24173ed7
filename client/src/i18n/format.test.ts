import { describe, expect, it } from 'vitest';
import { fill } from './format.ts';
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
