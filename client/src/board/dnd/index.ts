/** Drag and drop on the board: see BoardDndProvider. */
export { BoardDndProvider } from './BoardDndProvider.tsx';
export { DropCell } from './DropCell.tsx';
export { ownsArrowKeys } from './dndContext.ts';
export { CardGrip, LaneGrip, StageGrip, useCellDrop } from './grips.tsx';
