import { describe, expect, it } from 'vitest';
import {
  buildDigestMail,
  digestSubject,
  escapeHtml,
  excerpt,
  groupByMap,
  threadLink,
  type DigestItem,
} from './digestMail.ts';

// The digest mail builder: pure, so every rule is checked here without a server.
const item = (overrides: Partial<DigestItem> = {}): DigestItem => ({
  reason: 'mention',
  mapId: 'map1',
  mapTitle: 'Viaje',
  threadId: 'thread1',
  authorName: 'Ana',
  body: 'hola',
  createdAt: 1_000,
  ...overrides,
});

describe('digest mail', () => {
  it('says how many mentions and replies in the subject, in Spanish then English', () => {
    expect(digestSubject([item()])).toBe('Una mención nueva en Recorrido · 1 new mention');
    expect(digestSubject([item({ reason: 'reply' })])).toBe(
      'Una respuesta nueva en Recorrido · 1 new reply',
    );
    expect(digestSubject([item(), item(), item()])).toBe(
      '3 menciones nuevas en Recorrido · 3 new mentions',
    );
    expect(digestSubject([item({ reason: 'reply' }), item({ reason: 'reply' })])).toBe(
      '2 respuestas nuevas en Recorrido · 2 new replies',
    );
    expect(digestSubject([item(), item({ reason: 'reply' }), item()])).toBe(
      '3 menciones y respuestas nuevas en Recorrido · 3 new mentions and replies',
    );
  });

  it('quotes the first 200 characters on one line, never half an emoji', () => {
    expect(excerpt('  uno\n\ndos\tTres  ')).toBe('uno dos Tres');
    const long = `${'a'.repeat(199)}😀😀😀`;
    expect(excerpt(long)).toBe(`${'a'.repeat(199)}😀…`);
    expect(excerpt('x'.repeat(200))).toBe('x'.repeat(200));
    // No space before the ellipsis when the cut falls after a word.
    expect(excerpt(`${'a'.repeat(199)} bcd`)).toBe(`${'a'.repeat(199)}…`);
  });

  it('links to the map on the thread, under the link base and its path', () => {
    expect(threadLink('https://r.example.org/', 'm1', 't1')).toBe(
      'https://r.example.org/maps/m1?thread=t1',
    );
    expect(threadLink('https://r.example.org/recorrido', 'm-1', 't_1')).toBe(
      'https://r.example.org/recorrido/maps/m-1?thread=t_1',
    );
    expect(threadLink('http://x', 'a/b', 'c&d')).toBe('http://x/maps/a%2Fb?thread=c%26d');
  });

  it('groups by map, the most recently active map first, each map oldest item first', () => {
    const groups = groupByMap([
      item({ mapId: 'a', mapTitle: 'A', createdAt: 3, threadId: 'a3' }),
      item({ mapId: 'b', mapTitle: 'B', createdAt: 5, threadId: 'b5' }),
      item({ mapId: 'a', mapTitle: 'A', createdAt: 1, threadId: 'a1' }),
    ]);
    expect(groups.map((g) => [g.mapTitle, g.items.map((i) => i.threadId)])).toEqual([
      ['B', ['b5']],
      ['A', ['a1', 'a3']],
    ]);
  });

  it('writes text and HTML with who, why, the excerpt and the link of every item', () => {
    const mail = buildDigestMail({
      recipientName: 'Bo',
      linkBase: 'https://r.example.org',
      more: false,
      items: [
        item({ body: 'primera', createdAt: 1, threadId: 't1' }),
        item({
          reason: 'reply',
          authorName: null,
          body: 'segunda',
          createdAt: 2,
          mapId: 'map2',
          mapTitle: 'Onboarding',
          threadId: 't2',
        }),
      ],
    });
    expect(mail.subject).toBe(
      '2 menciones y respuestas nuevas en Recorrido · 2 new mentions and replies',
    );
    expect(mail.text).toContain('Hola, Bo · Hi, Bo');
    expect(mail.text).toContain('== Viaje ==');
    expect(mail.text).toContain('Ana te mencionó · mentioned you');
    expect(mail.text).toContain('Alguien respondió en tu hilo · Someone replied in your thread');
    expect(mail.text).toContain('https://r.example.org/maps/map1?thread=t1');
    expect(mail.text).toContain('https://r.example.org/maps/map2?thread=t2');
    // The most recent map (Onboarding) comes first.
    expect(mail.text.indexOf('Onboarding')).toBeLessThan(mail.text.indexOf('Viaje'));
    expect(mail.text).not.toContain('Hay más');
    expect(mail.html).toContain('href="https://r.example.org/maps/map1?thread=t1"');
    expect(mail.html).toContain('<h2 style="font-size: 1.1em;">Viaje</h2>');
    expect(
      buildDigestMail({ recipientName: 'Bo', linkBase: 'http://x', more: true, items: [item()] })
        .text,
    ).toContain('Hay más en tu bandeja de entrada de Recorrido.');
  });

  it('escapes every stored string in the HTML: bodies, titles, names', () => {
    const evil = `<script>alert("x")</script> & 'q'`;
    const mail = buildDigestMail({
      recipientName: '<b>Bo</b>',
      linkBase: 'https://r.example.org',
      more: false,
      items: [item({ body: evil, mapTitle: '<img src=x onerror=alert(1)>', authorName: '"Ana"' })],
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>Bo');
    expect(mail.html).toContain(escapeHtml(evil));
    expect(mail.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;',
    );
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('&quot;Ana&quot; te mencionó');
    // The plain-text part is text: it keeps the characters as written.
    expect(mail.text).toContain(evil);
  });
});
