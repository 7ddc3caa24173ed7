import type { ReactNode } from 'react';
import {
  channelLabel,
  departmentLabel,
  PRIORITY_SCORE_MAX,
  type CardView,
  type LaneView,
} from '../../../shared/index.ts';
import { usePersonaNames } from '../find/FindContext.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { EmotionFace } from './EmotionFace.tsx';
import { emotionLabelKey, signedScore } from './emotions.ts';

interface Badge {
  key: 'emotion' | 'channel' | 'priority' | 'mot' | 'department' | 'persona';
  content: ReactNode;
  /** Spoken and shown on hover. */
  title: string;
  /** The raw value, for tests and styling. */
  value: string;
}

/**
 * The small facts a card carries besides its text: emotion, channel, priority score, moment of
 * truth, department and the personas it is about. Each says in words (title) what its symbol means.
 */
export function CardBadges({ card }: { card: CardView; lane: LaneView }) {
  const { t, locale } = useI18n();
  const personaNames = usePersonaNames();
  const badges: Badge[] = [];
  if (card.emotion !== undefined) {
    badges.push({
      key: 'emotion',
      content: (
        <>
          <EmotionFace score={card.emotion} size={14} /> {signedScore(card.emotion)}
        </>
      ),
      title: `${t('badge.emotion')}: ${t(emotionLabelKey(card.emotion))} (${signedScore(card.emotion)})`,
      value: String(card.emotion),
    });
  }
  if (card.channel) {
    const label = channelLabel(card.channel, locale);
    badges.push({
      key: 'channel',
      content: label,
      title: `${t('card.channel')}: ${label}`,
      value: card.channel,
    });
  }
  if (card.priority) {
    const { score, timeToFix, costToFix, customerImpact, businessImpact } = card.priority;
    const shown = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(score);
    badges.push({
      key: 'priority',
      content: `★ ${shown}`,
      title:
        `${t('badge.priority')}: ${shown} / ${PRIORITY_SCORE_MAX} · ` +
        `${t('card.priority.timeToFix')} ${timeToFix}, ${t('card.priority.costToFix')} ${costToFix}, ` +
        `${t('card.priority.customerImpact')} ${customerImpact}, ` +
        `${t('card.priority.businessImpact')} ${businessImpact}`,
      value: String(score),
    });
  }
  if (card.momentOfTruth) {
    badges.push({ key: 'mot', content: '◆', title: t('badge.momentOfTruth'), value: 'true' });
  }
  if (card.department) {
    const label = departmentLabel(card.department, locale);
    badges.push({
      key: 'department',
      content: label,
      title: `${t('card.department')}: ${label}`,
      value: card.department,
    });
  }
  // Only personas that still exist (one may have been deleted since the card was tagged).
  const personas = (card.personaIds ?? []).flatMap((id) => personaNames.get(id) ?? []);
  if (personas.length > 0) {
    const shown =
      personas.length > 2
        ? `${personas.slice(0, 2).join(', ')} +${personas.length - 2}`
        : personas.join(', ');
    badges.push({
      key: 'persona',
      content: (
        <>
          <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true" focusable="false">
            <circle cx="8" cy="5" r="3" fill="currentColor" />
            <path d="M2 15a6 6 0 0 1 12 0z" fill="currentColor" />
          </svg>
          {shown}
        </>
      ),
      title: `${t('find.personas')}: ${personas.join(', ')}`,
      value: personas.join(','),
    });
  }
  if (badges.length === 0) return null;
  return (
    <div className="card__badges">
      {badges.map((badge) => (
        <span
          key={badge.key}
          className={`badge badge--${badge.key}`}
          title={badge.title}
          aria-label={badge.title}
          role="img"
          data-value={badge.value}
        >
          {badge.content}
        </span>
      ))}
    </div>
  );
}
