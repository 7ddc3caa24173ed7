import { useEffect, useRef, useState, type RefObject } from 'react';
import type * as Y from 'yjs';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FeelingScale } from './FeelingScale.tsx';
import { MissingSteps } from './MissingSteps.tsx';
import { StepQuestion } from './StepQuestion.tsx';
import type { JourneyStage } from './journey.ts';
import type { Feedback, FeedbackDraft } from './useFeedback.ts';

/**
 * One stage: its name, each of its steps with the customer's answer, how they felt, and the steps
 * they add. A step the team removes meanwhile leaves quietly: it is announced, and the focus,
 * if it was in that step, goes back to the stage's heading instead of being lost.
 */
export function StageSection({
  doc,
  item,
  draft,
  feedback,
  readOnly,
  kicker,
  headingRef,
}: {
  doc: Y.Doc;
  item: JourneyStage;
  draft: FeedbackDraft;
  feedback: Feedback;
  readOnly: boolean;
  /** "Stage 2 of 6", shown above the name. */
  kicker: string;
  headingRef?: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useI18n();
  const ownHeading = useRef<HTMLHeadingElement>(null);
  const heading = headingRef ?? ownHeading;
  const stageId = item.stage.id;
  const [removedNotice, setRemovedNotice] = useState(0);
  const shown = useRef<ReadonlySet<string>>(new Set(item.steps.map((s) => s.id)));

  useEffect(() => {
    const now = new Set<string>(item.steps.map((s) => s.id));
    const removed = [...shown.current].some((id) => !now.has(id));
    shown.current = now;
    if (!removed) return;
    setRemovedNotice((n) => n + 1);
    if (document.activeElement === document.body || document.activeElement === null) {
      heading.current?.focus();
    }
  }, [item.steps, heading]);

  return (
    <section className="stage-card" aria-labelledby={`stage-${stageId}`}>
      <p className="stage-card__kicker">{kicker}</p>
      <h2 id={`stage-${stageId}`} ref={heading} tabIndex={-1} className="stage-card__name">
        {item.stage.name}
      </h2>
      <p role="status" className="stage-card__removed">
        {removedNotice > 0 ? t('customer.stepRemoved') : ''}
      </p>
      {item.steps.length > 0 ? (
        <>
          <p className="stage-card__intro">{t('customer.stage.intro')}</p>
          {item.groups.map((group) => (
            <div key={group.lane.id} className="step-group">
              <h3 className="step-group__title">{group.lane.title}</h3>
              <ul className="step-list">
                {group.steps.map((card) => (
                  <StepQuestion
                    key={card.id}
                    doc={doc}
                    card={card}
                    answer={draft.cards[card.id]}
                    readOnly={readOnly}
                    onAnswer={(answer) => feedback.setCard(card.id, answer)}
                  />
                ))}
              </ul>
            </div>
          ))}
        </>
      ) : (
        <p className="stage-card__intro">{t('customer.stage.noSteps')}</p>
      )}
      <MissingSteps
        items={draft.missing.filter((m) => m.stageId === stageId)}
        readOnly={readOnly}
        onAdd={(note) => feedback.addMissing(stageId, note)}
        onRemove={feedback.removeMissing}
      />
      <FeelingScale
        value={draft.stages[stageId]}
        readOnly={readOnly}
        onChange={(emotion) => feedback.setStageEmotion(stageId, emotion)}
      />
    </section>
  );
}
