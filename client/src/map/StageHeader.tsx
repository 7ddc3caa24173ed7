import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import {
  addStage,
  deleteStage,
  moveStage,
  renameStage,
  STAGE_NAME_MAX,
  type MapView,
  type StageView,
} from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { CommentBubble } from '../comments/CommentBubble.tsx';
import { useCommentsBoard } from '../comments/CommentsContext.tsx';
import { useMapStore, useStoreView } from '../board/useMapStore.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { MoreIcon } from '../ui/icons.tsx';
import { Popover } from '../ui/Popover.tsx';
import { ConfirmStep } from './ConfirmStep.tsx';
import { useDeleteWithUndo, useEditingWarning } from './safeDelete.ts';
import { EditingBy } from './EditingBy.tsx';
import { InlineRename } from './InlineRename.tsx';
import { MenuItem } from './MenuItem.tsx';
import { NameForm } from './NameForm.tsx';
import { StageGrip } from '../board/dnd/index.ts';
import { VersionDiffMark } from '../versions/VersionDiffContext.tsx';

interface StageHeaderProps {
  doc: Y.Doc;
  stage: StageView;
  index: number;
  editable: boolean;
  /** Its place in the board's grid. */
  gridRow?: number;
  gridColumn?: number;
}

/** A column header: number and name; editors rename it in place and have a menu of stage actions. */
export const StageHeader = memo(function StageHeader({
  doc,
  stage,
  index,
  editable,
  gridRow,
  gridColumn,
}: StageHeaderProps) {
  const { t } = useI18n();
  const [renaming, setRenaming] = useState(false);
  const nameRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const comments = useCommentsBoard();
  // Commenters get the menu too, holding only "Comment".
  const hasMenu = editable || !!comments?.canComment;

  useEffect(() => {
    if (!renaming && refocus.current) {
      refocus.current = false;
      nameRef.current?.focus();
    }
  }, [renaming]);

  let name: ReactNode = stage.name;
  if (renaming) {
    name = (
      <InlineRename
        value={stage.name}
        label={t('board.stage.nameLabel')}
        target={{ kind: 'stage', id: stage.id }}
        maxLength={STAGE_NAME_MAX}
        onSave={(value) => renameStage(doc, stage.id, value)}
        onDone={(byKeyboard) => {
          refocus.current = byKeyboard;
          setRenaming(false);
        }}
      />
    );
  } else if (editable) {
    name = (
      <button
        ref={nameRef}
        type="button"
        className="board__title-button"
        title={t('board.stage.rename')}
        onClick={() => setRenaming(true)}
      >
        {stage.name}
      </button>
    );
  }

  return (
    <div
      className="board__stage"
      role="columnheader"
      aria-colindex={index + 2}
      data-testid="stage"
      data-stage-id={stage.id}
      style={{ gridRow, gridColumn }}
    >
      <StageGrip stage={stage} editable={editable && !renaming} /* dnd: drag handle, Alt+←/→ */ />
      <span className="board__stage-number">{index + 1}</span>
      {name}
      <EditingBy target={{ kind: 'stage', id: stage.id }} />
      <VersionDiffMark kind="stage" id={stage.id} /* versions/: compare with a version */ />
      <CommentBubble anchor={{ kind: 'stage', id: stage.id }} name={stage.name} />
      {hasMenu && (
        <Popover
          label={`${t('board.stage.menu')}: ${stage.name}`}
          trigger={<MoreIcon />}
          triggerClassName="board__menu-button"
          className="menu"
          align="end"
          testId="stage-menu"
        >
          {(close) => (
            <StageMenu
              doc={doc}
              stage={stage}
              index={index}
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
  );
});

interface StageMenuProps {
  doc: Y.Doc;
  stage: StageView;
  index: number;
  editable: boolean;
  close: () => void;
  onRename: () => void;
}

function StageMenu({ doc, stage, index, editable, close, onRename }: StageMenuProps) {
  // Read when the menu opens (not on every change while the board is idle).
  const view = useStoreView(useMapStore());
  if (!view) return null;
  return (
    <StageMenuItems
      doc={doc}
      view={view}
      stage={stage}
      index={index}
      editable={editable}
      close={close}
      onRename={onRename}
    />
  );
}

function StageMenuItems({
  doc,
  view,
  stage,
  index,
  editable,
  close,
  onRename,
}: StageMenuProps & { view: MapView }) {
  const { t } = useI18n();
  const comments = useCommentsBoard();
  const [step, setStep] = useState<'menu' | 'insert' | 'delete'>('menu');
  const cards = view.cards.filter((card) => card.stageId === stage.id);
  const count = cards.length;
  const deleteWithUndo = useDeleteWithUndo();
  const warning = useEditingWarning([
    { kind: 'stage', id: stage.id },
    ...cards.map((card) => ({ kind: 'card' as const, id: card.id })),
  ]);
  const isFirst = index === 0;
  const isLast = index === view.stages.length - 1;
  const onlyOne = view.stages.length <= 1;

  if (step === 'insert') {
    return (
      <NameForm
        label={t('board.stage.nameLabel')}
        placeholder={t('board.stage.namePlaceholder')}
        maxLength={STAGE_NAME_MAX}
        onSubmit={(name) => {
          addStage(doc, { name, index: index + 1 });
          close();
        }}
        onCancel={() => setStep('menu')}
      />
    );
  }

  if (step === 'delete') {
    const key =
      count === 0
        ? 'board.stage.deleteEmpty'
        : count === 1
          ? 'board.stage.deleteOne'
          : 'board.stage.deleteMany';
    return (
      <ConfirmStep
        message={`${fill(t(key), { name: stage.name, count })} ${warning}`.trim()}
        onConfirm={() => {
          close();
          deleteWithUndo(fill(t('board.stage.deleted'), { name: stage.name }), (origin) =>
            deleteStage(doc, stage.id, origin),
          );
        }}
        onCancel={() => setStep('menu')}
      />
    );
  }

  const comment = comments?.canComment && (
    <MenuItem
      onClick={() => {
        close();
        comments.commentOn({ kind: 'stage', id: stage.id });
      }}
    >
      {t('comments.comment')}
    </MenuItem>
  );
  if (!editable) return comment;

  return (
    <>
      <MenuItem onClick={onRename}>{t('board.stage.rename')}</MenuItem>
      <MenuItem disabled={isFirst} onClick={() => moveStage(doc, stage.id, index - 1)}>
        ← {t('board.stage.moveLeft')}
      </MenuItem>
      <MenuItem disabled={isLast} onClick={() => moveStage(doc, stage.id, index + 1)}>
        → {t('board.stage.moveRight')}
      </MenuItem>
      <MenuItem onClick={() => setStep('insert')}>+ {t('board.stage.insertAfter')}</MenuItem>
      {comment}
      <MenuItem
        danger
        disabled={onlyOne}
        hint={onlyOne ? t('board.stage.lastOne') : undefined}
        onClick={() => setStep('delete')}
      >
        {t('board.stage.delete')}
      </MenuItem>
    </>
  );
}
