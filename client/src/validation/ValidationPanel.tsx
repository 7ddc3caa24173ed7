import type { Locale, MapView } from '../../../shared/index.ts';
import { fill, timeAgo } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useNow } from '../ui/useNow.ts';
import { cardValidation, indexValidation } from './boardValidation.ts';
import { percent } from './majority.ts';
import { ValidationSettingsForm } from './ValidationSettingsForm.tsx';
import { ValidationStateTag } from './ValidationStateTag.tsx';
import type { ValidationJson } from './validationJson.ts';
import { SidePanel } from '../ui/SidePanel.tsx';

interface ValidationPanelProps {
  mapId: string;
  view: MapView;
  /** null until the live summary arrived. */
  data: ValidationJson | null;
  /** Owners and editors change the thresholds. */
  canEditSettings: boolean;
  /** Opens the invite links (for whoever may create customer links). */
  onInvite: (() => void) | null;
  onClose: () => void;
}

/** An emotion mean as people read it, in the UI language: "+1,3", "-0,5", "0". */
function meanText(mean: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(mean);
}

/**
 * "Validación con clientes": how far the customers confirm the map. Responses, the map's state,
 * the cards' states, per stage the agreement, how it felt and the steps customers say are
 * missing, their free comments, and when a card counts as validated. A side panel beside the
 * board (live, like the board's badges), not a dialog.
 */
export function ValidationPanel({
  mapId,
  view,
  data,
  canEditSettings,
  onInvite,
  onClose,
}: ValidationPanelProps) {
  const { t, locale } = useI18n();
  const now = useNow();
  const who = (firstName: string | undefined, at: string) =>
    `${firstName?.trim() || t('validation.anonymous')} · ${timeAgo(at, now, locale)}`;

  return (
    <SidePanel
      name="validation"
      title={t('validation.title')}
      closeLabel={t('validation.closePanel')}
      onClose={onClose}
    >
      {data === null ? (
        <p className="side-panel__empty">{t('validation.loading')}</p>
      ) : (
        <Summary
          mapId={mapId}
          view={view}
          data={data}
          canEditSettings={canEditSettings}
          onInvite={onInvite}
          who={who}
        />
      )}
    </SidePanel>
  );
}

function Summary({
  mapId,
  view,
  data,
  canEditSettings,
  onInvite,
  who,
}: Omit<ValidationPanelProps, 'data' | 'onClose'> & {
  data: ValidationJson;
  who: (firstName: string | undefined, at: string) => string;
}) {
  const { t, locale } = useI18n();
  const board = indexValidation(data);
  const visibleLanes = new Set(view.lanes.filter((l) => l.customerVisible).map((l) => l.id));
  const visibleCards = view.cards.filter((card) => visibleLanes.has(card.laneId));
  const cardCounts = { validated: 0, disputed: 0, assumed: 0 };
  for (const card of visibleCards) cardCounts[cardValidation(board, card.id).state] += 1;

  return (
    <>
      <div className="validation-panel__overview" data-testid="validation-overview">
        <p>
          <ValidationStateTag state={data.state} />
        </p>
        <p data-testid="validation-responses">
          {fill(
            t(data.responses.total === 1 ? 'validation.responsesOne' : 'validation.responses'),
            {
              total: data.responses.total,
              submitted: data.responses.submitted,
            },
          )}
        </p>
        <p className="muted" data-testid="validation-card-counts">
          {fill(t('validation.cardCounts'), cardCounts)}
        </p>
        {data.responses.total === 0 && <p className="muted">{t('validation.noResponses')}</p>}
        {onInvite && (
          <button type="button" className="link-button" onClick={onInvite}>
            {t('validation.invite')}
          </button>
        )}
      </div>
      <section aria-labelledby="validation-stages-title" className="validation-section">
        <h3 id="validation-stages-title">{t('validation.byStage')}</h3>
        <ul className="validation-stages">
          {view.stages.map((stage) => {
            const entry = board.stages.get(stage.id);
            const missing = entry?.missing ?? [];
            return (
              <li key={stage.id} data-testid="validation-stage" data-stage-id={stage.id}>
                <h4>{stage.name || t('since.untitled')}</h4>
                <p className="validation-stage__facts">
                  <span data-testid="stage-agreement">
                    {entry?.agreement == null
                      ? t('validation.noAgreement')
                      : fill(t('validation.agreement'), {
                          share: percent(entry.agreement, locale),
                        })}
                  </span>
                  {entry?.emotion && entry.emotion.count > 0 && (
                    <span>
                      {fill(t('validation.felt'), {
                        mean: meanText(entry.emotion.mean, locale),
                        count: entry.emotion.count,
                      })}
                    </span>
                  )}
                </p>
                {missing.length > 0 && (
                  <>
                    <p className="validation-stage__missing-title">
                      {fill(t('validation.missing'), { count: missing.length })}
                    </p>
                    <ul className="validation-quotes">
                      {missing.map((item, i) => (
                        <li key={`${item.at}:${i}`} data-testid="missing-step">
                          <q>{item.note}</q>
                          <span className="muted">{who(item.firstName, item.at)}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="validation-comments-title" className="validation-section">
        <h3 id="validation-comments-title">
          {t('validation.comments')} ({data.comments.length})
        </h3>
        {data.comments.length === 0 ? (
          <p className="muted">{t('validation.noComments')}</p>
        ) : (
          <ul className="validation-quotes">
            {data.comments.map((comment, i) => (
              <li key={`${comment.at}:${i}`} data-testid="customer-comment">
                <q>{comment.text}</q>
                <span className="muted">{who(comment.firstName, comment.at)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ValidationSettingsForm mapId={mapId} settings={data.settings} editable={canEditSettings} />
    </>
  );
}
