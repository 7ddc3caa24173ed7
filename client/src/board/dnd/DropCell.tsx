import type { ComponentProps } from 'react';
import type { LaneId, StageId } from '../../../../shared/index.ts';
import { useCellDrop } from './grips.tsx';

type DropCellProps = ComponentProps<'div'> & { stageId: StageId; laneId: LaneId };

/**
 * A board cell cards can be dropped on: a plain `<div>` with the cell's drop ref. For boards
 * that render cells in a loop, where a hook cannot be called; a cell component calls
 * `useCellDrop` and spreads it instead.
 */
export function DropCell({ stageId, laneId, ...props }: DropCellProps) {
  return <div {...props} {...useCellDrop(stageId, laneId)} />;
}
