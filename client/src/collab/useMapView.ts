import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { mapRootTypes, readMap, type MapView } from '../../../shared/index.ts';

/**
 * How long the view may lag behind while only rich text changes (the text itself is live: each
 * card and field renders from its own fragment). Labels derived from text catch up after this.
 */
const TEXT_ONLY_DELAY_MS = 400;

/** True when a change happened inside rich text (a card body, a persona field). */
function isTextEvent(event: Y.YEvent<Y.AbstractType<unknown>>): boolean {
  const target = event.target;
  return (
    target instanceof Y.XmlFragment || target instanceof Y.XmlText || target instanceof Y.XmlElement
  );
}

/**
 * The plain view of a map document. Structural changes (a card added, moved, scored; a stage
 * renamed...) refresh it at the next animation frame, once per frame however many arrive.
 * Typing only changes rich text, which every card renders live from its own fragment, so a
 * burst of keystrokes (mine or a colleague's) refreshes the whole view at most every 400 ms
 * instead of re-rendering the board per keystroke.
 */
export function useMapView(doc: Y.Doc | undefined): MapView | null {
  const [view, setView] = useState<MapView | null>(() => (doc ? readMap(doc) : null));

  useEffect(() => {
    if (!doc) return;
    let frame: number | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (frame !== null) cancelAnimationFrame(frame);
      if (timer !== null) clearTimeout(timer);
      frame = null;
      timer = null;
      setView(readMap(doc));
    };
    const onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      if (events.every(isTextEvent)) {
        timer ??= setTimeout(refresh, TEXT_ONLY_DELAY_MS);
      } else {
        frame ??= requestAnimationFrame(refresh);
      }
    };
    const roots = mapRootTypes(doc);
    refresh();
    for (const root of roots) root.observeDeep(onChange);
    return () => {
      for (const root of roots) root.unobserveDeep(onChange);
      if (frame !== null) cancelAnimationFrame(frame);
      if (timer !== null) clearTimeout(timer);
    };
  }, [doc]);

  return view;
}
