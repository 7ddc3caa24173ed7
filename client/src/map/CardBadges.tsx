import { CHANNELS, type CardView, type LaneView } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

const EMOTION_FACES: Record<number, string> = { [-2]: '😡', [-1]: '🙁', 0: '😐', 1: '🙂', 2: '😄' };

/** The small facts a card carries besides its text: emotion, channel, priority, moment of truth. */
export function CardBadges({ card, lane }: { card: CardView; lane: LaneView }) {
  const { locale } = useI18n();
  const badges: { key: string; text: string; title?: string }[] = [];
  if (lane.kind === 'emotions' && card.emotion !== undefined) {
    badges.push({
      key: 'emotion',
      text: `${EMOTION_FACES[card.emotion] ?? ''} ${card.emotion > 0 ? '+' : ''}${card.emotion}`,
    });
  }
  if (card.channel) {
    const channel = CHANNELS.find((c) => c.id === card.channel);
    badges.push({ key: 'channel', text: channel ? channel.label[locale] : card.channel });
  }
  if (card.priority) {
    badges.push({ key: 'priority', text: `★ ${card.priority.score.toFixed(1)}` });
  }
  if (card.momentOfTruth) badges.push({ key: 'mot', text: '◆' });
  if (badges.length === 0) return null;
  return (
    <div className="card__badges">
      {badges.map((badge) => (
        <span key={badge.key} className={`badge badge--${badge.key}`}>
          {badge.text}
        </span>
      ))}
    </div>
  );
}
