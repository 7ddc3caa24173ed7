import { useState } from 'react';
import type * as Y from 'yjs';
import {
  addLane,
  isLaneKind,
  LANE_KINDS,
  LANE_TITLE_MAX,
  laneKindDescription,
  laneKindInfo,
  laneKindLabel,
  type LaneKind,
} from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Popover } from '../ui/Popover.tsx';

/** "Add lane", under the last row: choose the lane's kind (and title), then append it. */
export function AddLaneButton({ doc }: { doc: Y.Doc }) {
  const { t } = useI18n();
  return (
    <Popover
      label={t('board.lane.add')}
      trigger={
        <>
          <span aria-hidden="true">+</span> {t('board.lane.add')}
        </>
      }
      triggerClassName="board-area__add board-area__add--lane"
      role="dialog"
      className="popover--form"
    >
      {(close) => <AddLaneForm doc={doc} close={close} />}
    </Popover>
  );
}

function AddLaneForm({ doc, close }: { doc: Y.Doc; close: () => void }) {
  const { t, locale } = useI18n();
  const [kind, setKind] = useState<LaneKind>(LANE_KINDS[0]);
  const [title, setTitle] = useState('');
  const [visible, setVisible] = useState(laneKindInfo(LANE_KINDS[0]).customerVisibleByDefault);
  return (
    <form
      className="mini-form"
      onSubmit={(event) => {
        event.preventDefault();
        addLane(doc, {
          kind,
          title: title.trim() || laneKindLabel(kind, locale),
          customerVisible: visible,
        });
        close();
      }}
    >
      <label className="field">
        {t('board.lane.kind')}
        <select
          value={kind}
          onChange={(event) => {
            const next = event.target.value;
            if (!isLaneKind(next)) return;
            setKind(next);
            setVisible(laneKindInfo(next).customerVisibleByDefault);
          }}
        >
          {LANE_KINDS.map((k) => (
            <option key={k} value={k}>
              {laneKindLabel(k, locale)}
            </option>
          ))}
        </select>
      </label>
      <p className="mini-form__hint">{laneKindDescription(kind, locale)}</p>
      <label className="field">
        {t('board.lane.titleLabel')}
        <input
          value={title}
          maxLength={LANE_TITLE_MAX}
          placeholder={laneKindLabel(kind, locale)}
          onChange={(event) => setTitle(event.target.value)}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={visible}
          onChange={(event) => setVisible(event.target.checked)}
        />
        {t('board.lane.customerVisible')}
      </label>
      <div className="mini-form__actions">
        <button type="submit" className="primary">
          {t('board.add')}
        </button>
        <button type="button" className="secondary" onClick={close}>
          {t('board.cancel')}
        </button>
      </div>
    </form>
  );
}
