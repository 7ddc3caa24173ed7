import type * as Y from 'yjs';
import { cardBody, placeCard, type CardView, type MapView } from '../../../shared/index.ts';
import { useMapSession } from '../collab/MapSession.tsx';
import { RichTextView } from '../editor/RichTextView.tsx';
import { CardEditor } from './CardEditor.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Popover } from '../ui/Popover.tsx';
import { CellPicker } from './CellPicker.tsx';

interface UnplacedTrayProps {
  doc: Y.Doc;
  view: MapView;
  /** Editors can put each card back into a cell. */
  editable?: boolean;
}

/** Cards whose stage or lane was deleted concurrently: shown here, never silently hidden. */
export function UnplacedTray({ doc, view, editable = false }: UnplacedTrayProps) {
  const { t } = useI18n();
  const { reopen, setReopen } = useMapSession();
  return (
    <aside className="tray" data-testid="unplaced">
      <h2>{t('map.unplaced')}</h2>
      <p className="tray__help">{t('map.unplacedHelp')}</p>
      <ul>
        {view.unplaced.map((card) => (
          <li key={card.id} className="card tray__card" data-testid="unplaced-card">
            {editable && reopen === card.id ? (
              // Kept after its stage or lane was deleted while I wrote in it: I go on writing.
              <div className="tray__text tray__text--editing">
                <CardEditor card={card} autoFocus onDone={() => setReopen(null)} />
              </div>
            ) : (
              <div className="tray__text">
                <RichTextView
                  fragment={cardBody(doc, card.id)}
                  placeholder={t('map.cardPlaceholder')}
                />
              </div>
            )}
            {editable && <PlaceCard doc={doc} view={view} card={card} />}
          </li>
        ))}
      </ul>
    </aside>
  );
}

function PlaceCard({ doc, view, card }: { doc: Y.Doc; view: MapView; card: CardView }) {
  const { t } = useI18n();
  const stageKnown = view.stages.some((s) => s.id === card.stageId);
  const laneKnown = view.lanes.some((l) => l.id === card.laneId);
  return (
    <Popover
      label={t('tray.placeLabel')}
      trigger={t('tray.place')}
      triggerClassName="link-button"
      role="dialog"
      className="popover--form"
    >
      {(close) => (
        <div className="mini-form">
          <p className="details__title">{t('tray.placeLabel')}</p>
          <CellPicker
            view={view}
            stageId={stageKnown ? card.stageId : undefined}
            laneId={laneKnown ? card.laneId : undefined}
            submitLabel={t('tray.placeSubmit')}
            onSubmit={(target) => {
              close();
              placeCard(doc, card.id, target);
            }}
          />
        </div>
      )}
    </Popover>
  );
}
