/** The four prioritisation factors of a pain point or opportunity, each an integer 1..5. */
export interface PriorityFactors {
  /** How long a fix takes: 1 = days, 5 = a year or more. */
  readonly timeToFix: number;
  /** What a fix costs: 1 = almost nothing, 5 = a major investment. */
  readonly costToFix: number;
  /** How much the customer suffers from it: 1 = barely, 5 = they leave. */
  readonly customerImpact: number;
  /** How much the business loses from it: 1 = barely, 5 = a lot of money or risk. */
  readonly businessImpact: number;
}

/** Smallest value of a prioritisation factor. */
export const PRIORITY_MIN = 1;
/** Largest value of a prioritisation factor. */
export const PRIORITY_MAX = 5;
/** Largest possible priority score (quick win: highest impact, lowest effort). */
export const PRIORITY_SCORE_MAX = 25;

/**
 * The derived priority score, 1..25, higher = do first: impact (mean of customer and business
 * impact) times ease (6 minus the mean of time and cost to fix). A quick win (5,5 impact;
 * 1,1 effort) scores 25; a low-impact, expensive, slow fix scores 1.
 */
export function priorityScore(f: PriorityFactors): number {
  const impact = (f.customerImpact + f.businessImpact) / 2;
  const effort = (f.timeToFix + f.costToFix) / 2;
  return impact * (PRIORITY_MAX + 1 - effort);
}

/** The four factors a map can weigh, the same keys as PriorityFactors. */
export const PRIORITY_FACTOR_KEYS = [
  'timeToFix',
  'costToFix',
  'customerImpact',
  'businessImpact',
] as const;

/** One prioritisation factor key. */
export type PriorityFactorKey = (typeof PRIORITY_FACTOR_KEYS)[number];

/**
 * How much each factor counts in a map's score: an integer 0..3 each, 0 = ignore it, 1 = normal
 * (the default), 3 = counts three times as much. Stored in the map's meta (key `priorityWeights`)
 * so every participant ranks with the same weights.
 */
export type PriorityWeights = Readonly<Record<PriorityFactorKey, number>>;

/** Smallest weight of a factor: it does not count. */
export const PRIORITY_WEIGHT_MIN = 0;
/** Largest weight of a factor. */
export const PRIORITY_WEIGHT_MAX = 3;
/** Weight of a factor nobody has changed. */
export const PRIORITY_WEIGHT_DEFAULT = 1;

/** Every factor weighs 1: the weighted score equals `priorityScore` exactly. */
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = Object.freeze({
  timeToFix: PRIORITY_WEIGHT_DEFAULT,
  costToFix: PRIORITY_WEIGHT_DEFAULT,
  customerImpact: PRIORITY_WEIGHT_DEFAULT,
  businessImpact: PRIORITY_WEIGHT_DEFAULT,
});

/** Whether `value` is a valid weight (integer 0..3). */
export function isPriorityWeight(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= PRIORITY_WEIGHT_MIN &&
    value <= PRIORITY_WEIGHT_MAX
  );
}

/** Whether every weight is the default one. */
export function isDefaultPriorityWeights(w: PriorityWeights): boolean {
  return PRIORITY_FACTOR_KEYS.every((k) => w[k] === DEFAULT_PRIORITY_WEIGHTS[k]);
}

/** The weighted mean of two factors; undefined when both weights are 0 (the side does not count). */
function weightedMean(a: number, wa: number, b: number, wb: number): number | undefined {
  const total = wa + wb;
  return total === 0 ? undefined : (a * wa + b * wb) / total;
}

/**
 * The priority score under a map's weights, 1..25, higher = do first.
 *
 * - impact = weighted mean of customer and business impact (weights wC, wB);
 * - ease = 6 minus the weighted mean of time and cost to fix (weights wT, wK);
 * - score = impact ^ (2·I / (I + E)) × ease ^ (2·E / (I + E)), with I = wC + wB, E = wT + wK.
 *
 * Within a side the weights shift the balance between its two factors; across sides they shift
 * how much impact counts against ease, while the score stays in 1..25 (the exponents always sum
 * to 2). With the defaults (all 1) both exponents are exactly 1 and this is `priorityScore`.
 * A side whose two weights are 0 does not count (its exponent is 0, nothing is divided by its
 * zero total): the score is then the other side squared. When all four weights are 0 nothing
 * would be left to rank by, so the defaults apply.
 */
export function weightedPriorityScore(f: PriorityFactors, w: PriorityWeights): number {
  const impactWeight = w.customerImpact + w.businessImpact;
  const effortWeight = w.timeToFix + w.costToFix;
  if (impactWeight + effortWeight === 0) return priorityScore(f);
  const impact = weightedMean(
    f.customerImpact,
    w.customerImpact,
    f.businessImpact,
    w.businessImpact,
  );
  const effort = weightedMean(f.timeToFix, w.timeToFix, f.costToFix, w.costToFix);
  const total = impactWeight + effortWeight;
  const impactPart = impact === undefined ? 1 : impact ** ((2 * impactWeight) / total);
  const easePart =
    effort === undefined ? 1 : (PRIORITY_MAX + 1 - effort) ** ((2 * effortWeight) / total);
  return impactPart * easePart;
}
