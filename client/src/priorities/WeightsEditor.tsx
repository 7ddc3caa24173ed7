import type * as Y from 'yjs';
import {
  DEFAULT_PRIORITY_WEIGHTS,
  isDefaultPriorityWeights,
  PRIORITY_FACTOR_KEYS,
  PRIORITY_WEIGHT_MAX,
  PRIORITY_WEIGHT_MIN,
  setPriorityWeights,
  type PriorityWeights,
} from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';

const VALUES = Array.from(
  { length: PRIORITY_WEIGHT_MAX - PRIORITY_WEIGHT_MIN + 1 },
  (_, i) => i + PRIORITY_WEIGHT_MIN,
);

/**
 * The map's weighting: one choice 0..3 per factor. Owners and editors change it for everyone
 * (written into the live map document, so every open page re-ranks at once); others see it.
 */
export function WeightsEditor({
  doc,
  weights,
  editable,
}: {
  doc: Y.Doc | null;
  weights: PriorityWeights;
  editable: boolean;
}) {
  const { t } = useI18n();
  const isDefault = isDefaultPriorityWeights(weights);
  return (
    <section className="priorities-card" aria-labelledby="weights-title" data-testid="weights">
      <h2 id="weights-title">{t('priorities.weights')}</h2>
      <p className="priorities-help">{t('priorities.weightsHelp')}</p>
      {!editable && (
        <p className="priorities-help" data-testid="weights-readonly">
          {t('priorities.weightsReadOnly')}
        </p>
      )}
      <div className="weights">
        {PRIORITY_FACTOR_KEYS.map((key) => (
          <label key={key} className="weights__field">
            <span>{t(`priorities.col.${key}` as MessageKey)}</span>
            <select
              value={weights[key]}
              disabled={!editable || !doc}
              data-testid={`weight-${key}`}
              onChange={(event) => {
                if (doc) setPriorityWeights(doc, { [key]: Number(event.target.value) });
              }}
            >
              {VALUES.map((v) => (
                <option key={v} value={v}>
                  {t(`priorities.weight.${v}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <p className="weights__state" data-testid="weights-state">
        {t(isDefault ? 'priorities.weightsDefault' : 'priorities.weightsCustom')}
        {editable && doc && !isDefault && (
          <button
            type="button"
            className="weights__reset"
            onClick={() => setPriorityWeights(doc, DEFAULT_PRIORITY_WEIGHTS)}
          >
            {t('priorities.weightsReset')}
          </button>
        )}
      </p>
    </section>
  );
}
