import { useId, useState } from 'react';
import type { LaneId, MapView, StageId } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

interface CellPickerProps {
  view: MapView;
  /** Preselected stage and lane (the card's current cell, when it still exists). */
  stageId: StageId | undefined;
  laneId: LaneId | undefined;
  /** Text of the submit button. */
  submitLabel: string;
  /** When set, submitting this very cell is disabled (the card is already there). */
  current?: { stageId: StageId; laneId: LaneId };
  onSubmit: (target: { stageId: StageId; laneId: LaneId }) => void;
}

/** Two selects (stage, lane) and a button: where to move or place a card. */
export function CellPicker({
  view,
  stageId,
  laneId,
  submitLabel,
  current,
  onSubmit,
}: CellPickerProps) {
  const { t } = useI18n();
  const id = useId();
  const [stage, setStage] = useState<string>(stageId ?? view.stages[0]?.id ?? '');
  const [lane, setLane] = useState<string>(laneId ?? view.lanes[0]?.id ?? '');
  const target = {
    stage: view.stages.find((s) => s.id === stage),
    lane: view.lanes.find((l) => l.id === lane),
  };
  const same = current?.stageId === stage && current.laneId === lane;
  return (
    <div className="cell-picker">
      <label className="field" htmlFor={`${id}-stage`}>
        {t('card.stage')}
      </label>
      <select id={`${id}-stage`} value={stage} onChange={(event) => setStage(event.target.value)}>
        {view.stages.map((s, index) => (
          <option key={s.id} value={s.id}>
            {index + 1}. {s.name}
          </option>
        ))}
      </select>
      <label className="field" htmlFor={`${id}-lane`}>
        {t('card.lane')}
      </label>
      <select id={`${id}-lane`} value={lane} onChange={(event) => setLane(event.target.value)}>
        {view.lanes.map((l) => (
          <option key={l.id} value={l.id}>
            {l.title}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="secondary cell-picker__submit"
        disabled={!target.stage || !target.lane || same}
        onClick={() => {
          if (target.stage && target.lane)
            onSubmit({ stageId: target.stage.id, laneId: target.lane.id });
        }}
      >
        {submitLabel}
      </button>
    </div>
  );
}
