import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import {
  deleteLane,
  LANE_TITLE_MAX,
  laneKindLabel,
  moveLane,
  renameLane,
  setLaneVisibility,
  type LaneView,
  type MapView,
} from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { CommentBubble } from '../comments/CommentBubble.tsx';
import { useCommentsBoard } from '../comments/CommentsContext.tsx';
import { useMapStore, useStoreView } from '../board/useMapStore.ts';
import { BOARD } from '../board/boardLayout.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { MoreIcon } from '../ui/icons.tsx';
import { Popover } from '../ui/Popover.tsx';
import { ConfirmStep } from './ConfirmStep.tsx';
import { useDeleteWithUndo, useEditingWarning } from './safeDelete.ts';
import { EditingBy } from './EditingBy.tsx';
import { InlineRename } from './InlineRename.tsx';
import { MenuItem } from './MenuItem.tsx';
import { LaneGrip } from '../board/dnd/index.ts';
import { VersionDiffMark } from '../versions/VersionDiffContext.tsx';

interface LaneHeaderProps {
  doc: Y.Doc;
  lane: LaneView;
  editable: boolean;
  /** Its place in the board's grid. */
  gridRow?: number;
  gridColumn?: number;
  /** Measures the header's content (the row is at least as tall). */
  measure?: (element: HTMLElement | null) => void;
}

/** A row header: title, kind and "internal" tag; editors rename it in place and have a lane menu. */
export const LaneHeader = memo(function LaneHeader({
  doc,
  lane,
  editable,
  gridRow,
  gridColumn,
  measure,
}: LaneHeaderProps) {
  const { t, locale } = useI18n();
  const [renaming, setRenaming] = useState(false);
  const titleRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const comments = useCommentsBoard();
  // Commenters get the menu too, holding only "Comment".
  const hasMenu = editable || !!comments?.canComment;

  useEffect(() => {
    if (!renaming && refocus.current) {
      refocus.current = false;
      titleRef.current?.focus();
    }
  }, [renaming]);

  let title: ReactNode = <span className="board__lane-title">{lane.title}</span>;
  if (renaming) {
    title = (
      <InlineRename
        value={lane.title}
        label={t('board.lane.titleLabel')}
        target={{ kind: 'lane', id: lane.id }}
        maxLength={LANE_TITLE_MAX}
        onSave={(value) => renameLane(doc, lane.id, value)}
        onDone={(byKeyboard) => {
          refocus.current = byKeyboard;
          setRenaming(false);
        }}
      />
    );
  } else if (editable) {
    title = (
      <button
        ref={titleRef}
        type="button"
        className="board__lane-title board__title-button"
        title={t('board.lane.rename')}
        onClick={() => setRenaming(true)}
      >
        {lane.title}
      </button>
    );
  }

  return (
    <div
      className={`board__lane board__lane--${lane.kind}`}
      role="rowheader"
      aria-colindex={1}
      data-testid="lane"
      data-lane-id={lane.id}
      style={{ gridRow, gridColumn }}
    >
      <div className="board__lane-inner" ref={measure} data-extra={BOARD.cellPadding}>
        <div className="board__lane-head">
          <LaneGrip lane={lane} editable={editable && !renaming} /* dnd: drag handle, Alt+↑/↓ */ />
          {title}
          <VersionDiffMark kind="lane" id={lane.id} /* versions/: compare with a version */ />
          <CommentBubble anchor={{ kind: 'lane', id: lane.id }} name={lane.title} />
          {hasMenu && (
            <Popover
              label={`${t('board.lane.menu')}: ${lane.title}`}
              trigger={<MoreIcon />}
              triggerClassName="board__menu-button"
              className="menu"
              testId="lane-menu"
            >
              {(close) => (
                <LaneMenu
                  doc={doc}
                  lane={lane}
                  editable={editable}
                  close={close}
                  onRename={() => {
                    close();
                    setRenaming(true);
                  }}
                />
              )}
            </Popover>
          )}
        </div>
        <EditingBy target={{ kind: 'lane', id: lane.id }} />
        <span className="board__lane-kind">
          {laneKindLabel(lane.kind, locale)}{' '}
          {!lane.customerVisible && <span className="tag tag--internal">{t('map.internal')}</span>}
        </span>
      </div>
    </div>
  );
});

interface LaneMenuProps {
  doc: Y.Doc;
  lane: LaneView;
  editable: boolean;
  close: () => void;
  onRename: () => void;
}

function LaneMenu(props: LaneMenuProps) {
  // Read when the menu opens (not on every change while the board is idle).
  const view = useStoreView(useMapStore());
  return view ? <LaneMenuItems {...props} view={view} /> : null;
}

function LaneMenuItems({
  doc,
  view,
  lane,
  editable,
  close,
  onRename,
}: LaneMenuProps & { view: MapView }) {
  const { t } = useI18n();
  const comments = useCommentsBoard();
  const [confirming, setConfirming] = useState(false);
  const index = view.lanes.findIndex((l) => l.id === lane.id);
  const cards = view.cards.filter((card) => card.laneId === lane.id);
  const count = cards.length;
  const deleteWithUndo = useDeleteWithUndo();
  const warning = useEditingWarning([
    { kind: 'lane', id: lane.id },
    ...cards.map((card) => ({ kind: 'card' as const, id: card.id })),
  ]);
  const onlyOne = view.lanes.length <= 1;

  if (confirming) {
    const key =
      count === 0
        ? 'board.lane.deleteEmpty'
        : count === 1
          ? 'board.lane.deleteOne'
          : 'board.lane.deleteMany';
    return (
      <ConfirmStep
        message={`${fill(t(key), { name: lane.title, count })} ${warning}`.trim()}
        onConfirm={() =>
          deleteWithUndo(fill(t('board.lane.deleted'), { name: lane.title }), (origin) =>
            deleteLane(doc, lane.id, origin),
          )
        }
        onCancel={() => setConfirming(false)}
      />
    );
  }

  const comment = comments?.canComment && (
    <MenuItem
      onClick={() => {
        close();
        comments.commentOn({ kind: 'lane', id: lane.id });
      }}
    >
      {t('comments.comment')}
    </MenuItem>
  );
  if (!editable) return comment;

  return (
    <>
      <MenuItem onClick={onRename}>{t('board.lane.rename')}</MenuItem>
      <MenuItem disabled={index <= 0} onClick={() => moveLane(doc, lane.id, index - 1)}>
        ↑ {t('board.lane.moveUp')}
      </MenuItem>
      <MenuItem
        disabled={index === view.lanes.length - 1}
        onClick={() => moveLane(doc, lane.id, index + 1)}
      >
        ↓ {t('board.lane.moveDown')}
      </MenuItem>
      <label className="menu__item menu__check">
        <input
          type="checkbox"
          checked={lane.customerVisible}
          onChange={(event) => setLaneVisibility(doc, lane.id, event.target.checked)}
        />
        {t('board.lane.customerVisible')}
      </label>
      {comment}
      <MenuItem
        danger
        disabled={onlyOne}
        hint={onlyOne ? t('board.lane.lastOne') : undefined}
        onClick={() => setConfirming(true)}
      >
        {t('board.lane.delete')}
      </MenuItem>
    </>
  );
}
