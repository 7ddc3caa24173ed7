import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  cardsInCell,
  initMap,
  readMap,
  setEmotion,
} from '../../../shared/index.ts';
import { emotionScores, scoreToY } from './emotionCurve.ts';

describe('emotion curve', () => {
  it('averages the scored cards of each stage and leaves unscored stages as gaps', () => {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Mapa', locale: 'es' });
    const web = addStage(doc, { name: 'Web' });
    const phone = addStage(doc, { name: 'Teléfono' });
    const branch = addStage(doc, { name: 'Sucursal' });
    const emotions = addLane(doc, { kind: 'emotions', title: 'Cómo se siente' });
    setEmotion(doc, addCard(doc, { stageId: web, laneId: emotions, text: 'Frustrado' }), -2);
    setEmotion(doc, addCard(doc, { stageId: web, laneId: emotions, text: 'Confundido' }), -1);
    addCard(doc, { stageId: phone, laneId: emotions, text: 'sin puntuar' });
    setEmotion(doc, addCard(doc, { stageId: branch, laneId: emotions, text: 'Aliviado' }), 2);

    const view = readMap(doc);
    const lane = view.lanes.find((l) => l.id === emotions);
    if (!lane) throw new Error('lane missing');
    expect(
      emotionScores(view.stages, lane, (stage, l) => cardsInCell(view, stage.id, l.id)),
    ).toEqual([-1.5, null, 2]);
  });

  it('draws positive scores above the middle and negative ones below', () => {
    expect(scoreToY(2)).toBeLessThan(scoreToY(0));
    expect(scoreToY(0)).toBe(50);
    expect(scoreToY(-2)).toBeGreaterThan(scoreToY(0));
  });
});
