import { useRef, useState } from 'react';
import { toPlainName, type EditingTarget } from '../../../shared/index.ts';
import { useEditingClaim } from '../collab/MapSession.tsx';

interface InlineRenameProps {
  /** The current title. */
  value: string;
  /** Accessible name of the field, e.g. "Stage name". */
  label: string;
  /** Longest title accepted. */
  maxLength: number;
  /** Called with the new, trimmed, non-empty title when it changed. */
  onSave: (value: string) => void;
  /** Called once when editing ends; `byKeyboard` when Enter or Escape ended it. */
  onDone: (byKeyboard: boolean) => void;
  /** What is being renamed, announced to the others while the field is open. */
  target?: EditingTarget;
}

/** A text field standing in for a title while it is renamed: Enter or leaving saves, Escape cancels. */
export function InlineRename({
  value,
  label,
  maxLength,
  onSave,
  onDone,
  target,
}: InlineRenameProps) {
  useEditingClaim(target ?? null);
  const [draft, setDraft] = useState(value);
  const finished = useRef(false);

  const finish = (save: boolean, byKeyboard: boolean) => {
    if (finished.current) return;
    finished.current = true;
    // Pasted tabs, newlines or control characters become spaces rather than a failed save.
    const next = toPlainName(draft).trim();
    if (save && next.length > 0 && next !== value) onSave(next);
    onDone(byKeyboard);
  };

  return (
    <input
      className="rename"
      aria-label={label}
      value={draft}
      maxLength={maxLength}
      autoFocus
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={() => finish(true, false)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          finish(true, true);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          finish(false, true);
        }
      }}
    />
  );
}
