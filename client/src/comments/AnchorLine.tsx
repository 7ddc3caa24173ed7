import type { MapView } from '../../../shared/index.ts';
import type { CommentThreadJson, ThreadAnchor } from '../../../shared/comments.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { describeAnchor } from './anchors.ts';

const ATTACHED: Record<Exclude<CommentThreadJson['anchor']['kind'], 'map'>, MessageKey> = {
  card: 'comments.anchor.card',
  stage: 'comments.anchor.stage',
  lane: 'comments.anchor.lane',
  persona: 'comments.anchor.persona',
};
const DELETED: typeof ATTACHED = {
  card: 'comments.anchor.deletedCard',
  stage: 'comments.anchor.deletedStage',
  lane: 'comments.anchor.deletedLane',
  persona: 'comments.anchor.deletedPersona',
};
const DELETED_UNNAMED: typeof ATTACHED = {
  card: 'comments.anchor.deletedCardUnnamed',
  stage: 'comments.anchor.deletedStageUnnamed',
  lane: 'comments.anchor.deletedLaneUnnamed',
  persona: 'comments.anchor.deletedPersonaUnnamed',
};

/** "En la tarjeta «…»", "En todo el mapa", or "En la tarjeta eliminada «…»": where a thread is. */
export function useAnchorText(): (
  anchor: ThreadAnchor,
  view: MapView,
  anchorLabel?: string,
) => { text: string; deleted: boolean } {
  const { t } = useI18n();
  return (where, view, anchorLabel) => {
    const anchor = describeAnchor(where, view, anchorLabel);
    if (anchor.kind === 'map') return { text: t('comments.anchor.map'), deleted: false };
    if (!anchor.deleted)
      return { text: fill(t(ATTACHED[anchor.kind]), { name: anchor.name }), deleted: false };
    const key = anchor.name ? DELETED[anchor.kind] : DELETED_UNNAMED[anchor.kind];
    return { text: fill(t(key), { name: anchor.name }), deleted: true };
  };
}

/** Where a thread is, with a mark when its card, stage, lane or persona was deleted. */
export function AnchorLine({ thread, view }: { thread: CommentThreadJson; view: MapView }) {
  const { text, deleted } = useAnchorText()(thread.anchor, view, thread.anchorLabel);
  return (
    <span
      className={`anchor-line${deleted ? ' anchor-line--deleted' : ''}`}
      data-testid="thread-anchor"
    >
      {text}
    </span>
  );
}
