import type { MapView } from '../../../shared/index.ts';
import { ANCHOR_KINDS, type AnchorKind, type ThreadAnchor } from '../../../shared/comments.ts';

/** Longest piece of a card's text used to name it in an anchor line. */
const LABEL_CHARS = 60;

/**
 * The string form of an anchor, as the `?comments=` parameter and the bubble counts use it:
 * `card:<id>`, `stage:<id>`, `lane:<id>`, `persona:<id>`, or `map`.
 */
export function anchorKey(anchor: ThreadAnchor): string {
  return anchor.kind === 'map' || anchor.id === undefined ? 'map' : `${anchor.kind}:${anchor.id}`;
}

/** The anchor a `?comments=` value names, or null when it names none. */
export function parseAnchorKey(value: string | null | undefined): ThreadAnchor | null {
  if (!value) return null;
  if (value === 'map') return { kind: 'map' };
  const colon = value.indexOf(':');
  if (colon < 0) return null;
  const kind = value.slice(0, colon);
  const id = value.slice(colon + 1);
  if (!id || kind === 'map' || !(ANCHOR_KINDS as readonly string[]).includes(kind)) return null;
  return { kind: kind as AnchorKind, id };
}

/** How an anchor reads in the panel: attached (with its current name) or deleted. */
export interface AnchorDescription {
  kind: AnchorKind;
  /** The thing's current name; for a deleted one, the label kept when the thread began. */
  name: string;
  /** The card, stage, lane or persona is no longer in the map. */
  deleted: boolean;
}

/** The first line of a card's text, shortened. */
export function shortText(text: string, max = LABEL_CHARS): string {
  const line = (text.split('\n')[0] ?? '').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * What a thread's anchor is now. The anchor keeps the thing's id, so a card brought back by an
 * undo or a version restore reads attached again without anything being rewritten.
 */
export function describeAnchor(
  anchor: ThreadAnchor,
  view: MapView,
  anchorLabel: string | undefined,
): AnchorDescription {
  const kept = { kind: anchor.kind, name: anchorLabel ?? '', deleted: true };
  switch (anchor.kind) {
    case 'map':
      return { kind: 'map', name: view.meta.title, deleted: false };
    case 'card': {
      const card =
        view.cards.find((c) => c.id === anchor.id) ?? view.unplaced.find((c) => c.id === anchor.id);
      return card ? { kind: 'card', name: shortText(card.text), deleted: false } : kept;
    }
    case 'stage': {
      const stage = view.stages.find((s) => s.id === anchor.id);
      return stage ? { kind: 'stage', name: stage.name, deleted: false } : kept;
    }
    case 'lane': {
      const lane = view.lanes.find((l) => l.id === anchor.id);
      return lane ? { kind: 'lane', name: lane.title, deleted: false } : kept;
    }
    case 'persona': {
      const persona = view.personas.find((p) => p.id === anchor.id);
      return persona ? { kind: 'persona', name: persona.name, deleted: false } : kept;
    }
  }
}
