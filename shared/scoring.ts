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
