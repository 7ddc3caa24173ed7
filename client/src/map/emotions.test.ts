import { describe, expect, it } from 'vitest';
import { EMOTION_MAX, EMOTION_MIN } from '../../../shared/index.ts';
import { EMOTION_SCORES, emotionLabelKey, signedScore } from './emotions.ts';

describe('emotion scores', () => {
  it('lists every score from very bad to very good, each with its own label', () => {
    expect(EMOTION_SCORES).toEqual([-2, -1, 0, 1, 2]);
    expect(EMOTION_SCORES[0]).toBe(EMOTION_MIN);
    expect(EMOTION_SCORES.at(-1)).toBe(EMOTION_MAX);
    expect(new Set(EMOTION_SCORES.map(emotionLabelKey)).size).toBe(EMOTION_SCORES.length);
  });

  it('writes positive scores with a plus sign', () => {
    expect(EMOTION_SCORES.map(signedScore)).toEqual(['-2', '-1', '0', '+1', '+2']);
  });
});
