import { useEffect, useMemo, useRef, useState } from 'react';
import { asMapId } from '../../../shared/index.ts';
import { useMapView } from '../collab/useMapView.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { fill } from '../i18n/format.ts';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { CustomerLayout } from './CustomerLayout.tsx';
import { FinishStep } from './FinishStep.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { StageSection } from './StageSection.tsx';
import { ThanksStep } from './ThanksStep.tsx';
import { WelcomeStep } from './WelcomeStep.tsx';
import { journeyOf } from './journey.ts';
import { useCustomerDoc } from './useCustomerDoc.ts';
import { useFeedback } from './useFeedback.ts';

/** Where the customer is: the welcome, one stage (by position), or the end. */
type Place = 'welcome' | number | 'finish';

/** Remembers the place across a reload of the tab (not across tabs: a new visit starts afresh). */
function usePlace(mapId: string): [Place, (place: Place) => void] {
  const key = `recorrido.customer.${mapId}.place`;
  const [place, setPlace] = useState<Place>(() => {
    const stored = sessionStorage.getItem(key);
    if (stored === 'finish') return 'finish';
    const n = Number(stored);
    return stored !== null && Number.isInteger(n) && n >= 0 ? n : 'welcome';
  });
  const set = (next: Place) => {
    sessionStorage.setItem(key, String(next));
    setPlace(next);
  };
  return [place, set];
}

/**
 * What an invited customer sees at /maps/:id: the journey as the team assumed it, read live from
 * the customer projection, one stage at a time or whole, and their own answers, saved as they go.
 */
export function CustomerView({ mapId }: { mapId: string }) {
  const { t } = useI18n();
  const connection = useCustomerDoc(asMapId(mapId));
  const view = useMapView(connection?.doc);
  const feedback = useFeedback(mapId);
  const journey = useMemo(() => (view ? journeyOf(view) : []), [view]);
  const [place, setPlace] = usePlace(mapId);
  const [whole, setWhole] = useState(false);
  const [showAnswers, setShowAnswers] = useState(false);
  const stageHeading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const title = view?.meta.title ?? '';
  useDocumentTitle(title || t('app.name'));

  const { draft } = feedback;
  const submitted = !!draft?.submittedAt;
  const index = typeof place === 'number' ? Math.min(place, Math.max(journey.length - 1, 0)) : 0;

  // After moving on, the new stage's heading takes the focus (and the page scrolls up to it).
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    window.scrollTo({ top: 0 });
    const target =
      stageHeading.current ??
      document.getElementById('customer-finish') ??
      document.getElementById('customer-thanks');
    target?.focus();
  }, [place, whole, submitted]);

  const go = (next: Place) => {
    moved.current = true;
    setPlace(next);
  };

  const status = draft && !submitted && (
    <SaveStatus state={feedback.saveState} onRetry={feedback.retry} />
  );

  if (connection?.denied) {
    return (
      <CustomerLayout>
        <section className="stage-card">
          <h1 className="stage-card__name">{t('customer.unavailable.title')}</h1>
          <p>{t('customer.unavailable.body')}</p>
        </section>
      </CustomerLayout>
    );
  }

  if (feedback.loadFailed) {
    return (
      <CustomerLayout title={title}>
        <section className="stage-card">
          <h1 className="stage-card__name">{t('customer.loadFailed')}</h1>
          <button type="button" className="primary customer-big" onClick={feedback.reload}>
            {t('customer.tryAgain')}
          </button>
        </section>
      </CustomerLayout>
    );
  }

  if (!connection?.ready || !view || !draft) {
    return (
      <CustomerLayout title={title}>
        <p className="customer__loading" aria-busy="true">
          {t('customer.loading')}
        </p>
      </CustomerLayout>
    );
  }

  const kicker = (i: number) => fill(t('customer.progress'), { n: i + 1, total: journey.length });
  const answered = journey.reduce(
    (sum, s) => sum + s.steps.filter((c) => draft.cards[c.id]).length,
    0,
  );
  const total = journey.reduce((sum, s) => sum + s.steps.length, 0);

  const stageProps = (i: number) => {
    const item = journey[i];
    return item
      ? {
          doc: connection.doc,
          item,
          draft,
          feedback,
          kicker: kicker(i),
        }
      : null;
  };

  if (submitted) {
    return (
      <CustomerLayout title={title}>
        <ThanksStep
          firstName={draft.firstName}
          showing={showAnswers}
          onToggle={() => setShowAnswers(!showAnswers)}
        />
        {showAnswers && (
          <div className="customer__answers">
            {journey.map((item, i) => {
              const props = stageProps(i);
              return props && <StageSection key={item.stage.id} {...props} readOnly />;
            })}
            {draft.comment.trim() && (
              <section className="stage-card">
                <h2 className="stage-card__name">{t('customer.finish.yourComment')}</h2>
                <p className="finish__comment">{draft.comment}</p>
              </section>
            )}
          </div>
        )}
      </CustomerLayout>
    );
  }

  if (place === 'welcome' || journey.length === 0) {
    return (
      <CustomerLayout title={title} status={status}>
        {journey.length === 0 ? (
          <section className="stage-card">
            <h1 className="stage-card__name">{t('customer.empty.title')}</h1>
            <p>{t('customer.empty.body')}</p>
          </section>
        ) : (
          <WelcomeStep
            title={title}
            stages={journey.length}
            firstName={draft.firstName}
            onFirstName={feedback.setFirstName}
            onStart={() => go(0)}
          />
        )}
      </CustomerLayout>
    );
  }

  const finish = (
    <FinishStep
      comment={draft.comment}
      onComment={feedback.setComment}
      answered={answered}
      total={total}
      onSend={async () => {
        moved.current = true;
        await feedback.submit();
      }}
    />
  );

  const modeSwitch = (
    <div className="customer__mode">
      <button
        type="button"
        className="customer-secondary"
        onClick={() => {
          moved.current = true;
          setWhole(!whole);
        }}
      >
        {whole ? t('customer.mode.stages') : t('customer.mode.whole')}
      </button>
    </div>
  );

  if (whole) {
    return (
      <CustomerLayout title={title} status={status}>
        <h1 className="visually-hidden">{title}</h1>
        {modeSwitch}
        {journey.map((item, i) => {
          const props = stageProps(i);
          return (
            props && (
              <StageSection
                key={item.stage.id}
                {...props}
                readOnly={false}
                headingRef={i === 0 ? stageHeading : undefined}
              />
            )
          );
        })}
        {finish}
      </CustomerLayout>
    );
  }

  const atFinish = place === 'finish';
  const current = atFinish ? null : stageProps(index);
  const progress = atFinish ? 1 : (index + 1) / (journey.length + 1);
  const footer = (
    <>
      <button
        type="button"
        className="customer-secondary customer-big"
        onClick={() => go(atFinish ? journey.length - 1 : index === 0 ? 'welcome' : index - 1)}
      >
        <span aria-hidden="true">← </span>
        {t('customer.previous')}
      </button>
      <div className="customer__progress" aria-hidden="true">
        <div className="customer__progress-bar" style={{ width: `${progress * 100}%` }} />
      </div>
      {!atFinish && (
        <button
          type="button"
          className="primary customer-big"
          onClick={() => go(index + 1 < journey.length ? index + 1 : 'finish')}
        >
          {index + 1 < journey.length ? t('customer.next') : t('customer.toFinish')}
          <span aria-hidden="true"> →</span>
        </button>
      )}
    </>
  );

  return (
    <CustomerLayout title={title} status={status} footer={footer}>
      <h1 className="visually-hidden">{title}</h1>
      {modeSwitch}
      {current ? (
        <StageSection
          key={current.item.stage.id}
          {...current}
          readOnly={false}
          headingRef={stageHeading}
        />
      ) : (
        finish
      )}
    </CustomerLayout>
  );
}
