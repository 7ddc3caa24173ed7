/** One unread inbox item of a digest (a subset of the inbox rows, ThreadStore.inboxFor). */
export interface DigestItem {
  reason: 'mention' | 'reply';
  mapId: string;
  mapTitle: string;
  threadId: string;
  /** Null once the author's account is gone. */
  authorName: string | null;
  body: string;
  createdAt: number;
}

/** What one digest mail says. */
export interface DigestInput {
  recipientName: string;
  /** At least one item, in any order. */
  items: readonly DigestItem[];
  /** Origin (and path prefix) the links start with, e.g. https://recorrido.example.org. */
  linkBase: string;
  /** True when the inbox held more unread items than the mail lists. */
  more: boolean;
}

/** A digest ready to send. */
export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

/** How much of each message a digest quotes. */
export const EXCERPT_LENGTH = 200;

/** The first EXCERPT_LENGTH characters (code points, never half an emoji) on one line. */
export function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= EXCERPT_LENGTH
    ? flat
    : `${chars.slice(0, EXCERPT_LENGTH).join('').trimEnd()}…`;
}

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The link that opens the map on the thread (the client opens its comments panel there). */
export function threadLink(linkBase: string, mapId: string, threadId: string): string {
  const base = linkBase.replace(/\/+$/, '');
  return `${base}/maps/${encodeURIComponent(mapId)}?thread=${encodeURIComponent(threadId)}`;
}

/** The items of one map, oldest first, and the map's latest item time (for the order of maps). */
interface MapGroup {
  mapId: string;
  mapTitle: string;
  items: DigestItem[];
  latest: number;
}

/** Groups items by map: the map with the newest item first, each map's items oldest first. */
export function groupByMap(items: readonly DigestItem[]): MapGroup[] {
  const groups = new Map<string, MapGroup>();
  for (const item of items) {
    const group = groups.get(item.mapId) ?? {
      mapId: item.mapId,
      mapTitle: item.mapTitle,
      items: [],
      latest: 0,
    };
    group.items.push(item);
    group.latest = Math.max(group.latest, item.createdAt);
    groups.set(item.mapId, group);
  }
  const list = [...groups.values()];
  for (const group of list) group.items.sort((a, b) => a.createdAt - b.createdAt);
  return list.sort((a, b) => b.latest - a.latest || (a.mapId < b.mapId ? -1 : 1));
}

/**
 * The subject, in Spanish then English (the app stores no language per person, so every mail
 * carries both, Spanish first: the product's first language).
 */
export function digestSubject(items: readonly DigestItem[]): string {
  const n = items.length;
  const mentions = items.filter((item) => item.reason === 'mention').length;
  if (n === 1) {
    return mentions === 1
      ? 'Una mención nueva en Recorrido · 1 new mention'
      : 'Una respuesta nueva en Recorrido · 1 new reply';
  }
  if (mentions === n) return `${n} menciones nuevas en Recorrido · ${n} new mentions`;
  if (mentions === 0) return `${n} respuestas nuevas en Recorrido · ${n} new replies`;
  return `${n} menciones y respuestas nuevas en Recorrido · ${n} new mentions and replies`;
}

const REASON_LABEL = {
  mention: { es: 'te mencionó', en: 'mentioned you' },
  reply: { es: 'respondió en tu hilo', en: 'replied in your thread' },
} as const;

/** "Ana te mencionó · mentioned you"; "Alguien te mencionó · Someone mentioned you" once the
 * author's account is gone. */
function whoLine(item: DigestItem): string {
  const label = REASON_LABEL[item.reason];
  if (item.authorName === null) return `Alguien ${label.es} · Someone ${label.en}`;
  return `${item.authorName} ${label.es} · ${label.en}`;
}

/**
 * Builds the digest mail of one person: plain text and a simple HTML part, grouped by map, each
 * item with who wrote, why it concerns them, the first 200 characters and a link to the thread.
 * Pure: no clock, no I/O. Every stored string reaching the HTML is escaped.
 */
export function buildDigestMail(input: DigestInput): DigestMail {
  const groups = groupByMap(input.items);
  const n = input.items.length;
  const home = `${input.linkBase.replace(/\/+$/, '')}/`;
  const introEs =
    n === 1
      ? 'Tienes una novedad en Recorrido que aún no has leído:'
      : `Tienes ${n} novedades en Recorrido que aún no has leído:`;
  const introEn =
    n === 1 ? 'You have one unread item in Recorrido:' : `You have ${n} unread items in Recorrido:`;
  const moreEs = 'Hay más en tu bandeja de entrada de Recorrido.';
  const moreEn = 'There is more in your Recorrido inbox.';
  const footerEs =
    'Recibes este resumen porque te mencionaron o respondieron en un hilo tuyo en Recorrido.';
  const footerEn =
    'You get this digest because someone mentioned you or replied in your thread in Recorrido.';

  const text: string[] = [`Hola, ${input.recipientName} · Hi, ${input.recipientName}`, ''];
  text.push(introEs, introEn, '');
  for (const group of groups) {
    text.push(`== ${group.mapTitle} ==`, '');
    for (const item of group.items) {
      text.push(whoLine(item), `  «${excerpt(item.body)}»`);
      text.push(`  ${threadLink(input.linkBase, item.mapId, item.threadId)}`, '');
    }
  }
  if (input.more) text.push(moreEs, moreEn, home, '');
  text.push('--', footerEs, footerEn, '');

  const html: string[] = [
    '<!doctype html>',
    '<html lang="es"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(digestSubject(input.items))}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.4; color: #1f2933;">',
    `<p>Hola, ${escapeHtml(input.recipientName)} · <span lang="en">Hi, ${escapeHtml(input.recipientName)}</span></p>`,
    `<p>${escapeHtml(introEs)}<br><span lang="en">${escapeHtml(introEn)}</span></p>`,
  ];
  for (const group of groups) {
    html.push(`<h2 style="font-size: 1.1em;">${escapeHtml(group.mapTitle)}</h2>`, '<ul>');
    for (const item of group.items) {
      const link = escapeHtml(threadLink(input.linkBase, item.mapId, item.threadId));
      html.push(
        `<li style="margin-bottom: 0.8em;"><strong>${escapeHtml(whoLine(item))}</strong>` +
          `<blockquote style="margin: 0.3em 0 0.3em 1em;">${escapeHtml(excerpt(item.body))}</blockquote>` +
          `<a href="${link}">Abrir el hilo · <span lang="en">Open the thread</span></a></li>`,
      );
    }
    html.push('</ul>');
  }
  if (input.more) {
    html.push(
      `<p><a href="${escapeHtml(home)}">${escapeHtml(moreEs)} <span lang="en">${escapeHtml(moreEn)}</span></a></p>`,
    );
  }
  html.push(
    `<hr><p style="font-size: 0.85em; color: #52606d;">${escapeHtml(footerEs)}<br><span lang="en">${escapeHtml(footerEn)}</span></p>`,
    '</body></html>',
    '',
  );
  return { subject: digestSubject(input.items), text: text.join('\n'), html: html.join('\n') };
}
