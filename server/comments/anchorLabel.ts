import type * as Y from 'yjs';
import { fragmentText } from '../../shared/card-body.ts';
import { ANCHOR_LABEL_MAX, type ThreadAnchor } from '../../shared/comments.ts';
import { mapRoots, readString, recordMap } from '../../shared/doc-schema.ts';
import { toPlainName } from '../../shared/plain-text.ts';
import { readCardBody } from '../../shared/records/card.ts';
import { LANE_KEYS } from '../../shared/records/lane.ts';
import { PERSONA_KEYS } from '../../shared/records/persona.ts';
import { STAGE_KEYS } from '../../shared/records/stage.ts';

/**
 * `text` cut to at most `max` UTF-16 code units, never splitting a surrogate pair; a cut text ends
 * with `ellipsis` (counted within the limit).
 */
export function firstChars(text: string, max: number, ellipsis = ''): string {
  if (text.length <= max) return text;
  let end = max - ellipsis.length;
  // Do not keep the high half of a pair whose low half would be cut off.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + ellipsis;
}

/** One line of plain text: no control character or bidi override, whitespace runs as one space. */
function oneLine(text: string): string {
  return toPlainName(text).replace(/\s+/gu, ' ').trim();
}

/** The text of the anchored stage, lane, card or persona in the map document, or undefined. */
function anchorText(doc: Y.Doc, anchor: ThreadAnchor): string | undefined {
  if (anchor.id === undefined) return undefined;
  const roots = mapRoots(doc);
  switch (anchor.kind) {
    case 'map':
      return undefined;
    case 'stage': {
      const stage = recordMap(roots.stages, anchor.id);
      return stage && readString(stage, STAGE_KEYS.name);
    }
    case 'lane': {
      const lane = recordMap(roots.lanes, anchor.id);
      return lane && readString(lane, LANE_KEYS.title);
    }
    case 'persona': {
      const persona = recordMap(roots.personas, anchor.id);
      return persona && readString(persona, PERSONA_KEYS.name);
    }
    case 'card': {
      const card = recordMap(roots.cards, anchor.id);
      const body = card && readCardBody(card);
      return body && fragmentText(body);
    }
  }
}

/**
 * The label a new thread keeps of its anchor: the card's text, the stage's or persona's name, the
 * lane's title, as one line of plain text of at most ANCHOR_LABEL_MAX characters (cut with '…').
 * Null for the whole map and for an anchor with no text.
 */
export function anchorLabel(doc: Y.Doc, anchor: ThreadAnchor): string | null {
  const text = oneLine(anchorText(doc, anchor) ?? '');
  return text === '' ? null : firstChars(text, ANCHOR_LABEL_MAX, '…');
}
