import { EMOTION_MAX, EMOTION_MIN } from '../../../shared/index.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** The emotion scores a card can carry, from very bad to very good. */
export const EMOTION_SCORES: readonly number[] = Array.from(
  { length: EMOTION_MAX - EMOTION_MIN + 1 },
  (_, i) => EMOTION_MIN + i,
);

const LABELS: Readonly<Record<number, MessageKey>> = {
  [-2]: 'emotion.veryBad',
  [-1]: 'emotion.bad',
  0: 'emotion.neutral',
  1: 'emotion.good',
  2: 'emotion.veryGood',
};

/** The message key naming an emotion score ("Muy mal" ... "Muy bien"). */
export function emotionLabelKey(score: number): MessageKey {
  return LABELS[score] ?? 'emotion.neutral';
}

/** The score as people write it: -2, -1, 0, +1, +2. */
export function signedScore(score: number): string {
  return score > 0 ? `+${score}` : String(score);
}
