import type { CSSProperties } from 'react';
import type { EditingTarget } from '../../../shared/index.ts';
import { useEditorsOf } from '../collab/MapSession.tsx';
import { useEditingLabel } from '../collab/useEditingLabel.ts';

/** "Carlos (IT) is editing", in that person's colour, on a stage or lane header; nothing otherwise. */
export function EditingBy({ target }: { target: EditingTarget }) {
  const people = useEditorsOf(target);
  const label = useEditingLabel(people);
  if (!label) return null;
  const style = { '--editor-color': people[0]?.color } as CSSProperties;
  return (
    <span className="editing-by" style={style} data-testid={`${target.kind}-editing`}>
      {label}
    </span>
  );
}
