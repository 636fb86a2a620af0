import { createHash } from 'node:crypto';
import type { IndexScales } from '../../config.js';
import type { AgencyCounts } from './stats.repository.js';

/** Version of the counting and index rules of domain B4/B5 as this code implements them. */
// B5-2026.12 (issue 13): satisfaction needs at least one rating; snapshots of B5-2026.11 lack `rated`.
export const RULE_VERSION = 'B5-2026.12';

export type { IndexScales };

export const DEFAULT_SCALES: IndexScales = {
  progressPoints: 20,
  onlinePoints: 12,
  onlineFullAt: 0.5,
  satisfactionPoints: 6,
  satisfactionFullAt: 0.9,
  parScale: [[1, 1], [0.95, 0.5], [0, 0]],
};

/** The rule version of index figures: the code's version, plus a fingerprint when scales differ from the defaults. */
export function scalesVersion(scales: IndexScales): string {
  const text = JSON.stringify(scales);
  return text === JSON.stringify(DEFAULT_SCALES) ? RULE_VERSION : `${RULE_VERSION}+${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}

export type Totals = Omit<AgencyCounts, 'agencyId'>;

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
/** Issue 13: every rate in a statistics answer has four decimals, as the index feed always had. */
export const round = (x: number | null, digits = 4) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** Domain B4: (early + on time) / resolved, null when nothing was resolved. */
export function onTimeRate(t: Totals): number | null {
  return ratio(t.resolvedEarly + t.resolvedOnTime, t.resolvedEarly + t.resolvedOnTime + t.resolvedLate);
}

/** Domain B5, from the same totals. */
export function indexFeed(t: Totals, scales: IndexScales = DEFAULT_SCALES) {
  const population = t.resolvedEarly + t.resolvedOnTime + t.resolvedLate + t.withdrawn + t.inProgressWithin + t.inProgressOverdue;
  const progress = ratio(t.progressOnTime, population);
  const received = t.receivedOnline + t.receivedDirect;
  const online = ratio(t.receivedOnline, received);
  // Issue 13: without a single rating there is no satisfaction to measure (it read 1, full points).
  const satisfaction = population === 0 || t.rated === 0 ? null
    : Math.max(0, 1 - (population - t.progressOnTime) / population - t.dissatisfied / population);
  // …and the component then scores 0 of its points: an agency that collects no ratings earns none (README).
  const satisfactionPoints = population === 0 ? null : satisfaction === null ? 0
    : scales.satisfactionPoints * Math.min(1, satisfaction / scales.satisfactionFullAt);
  const par = onTimeRate(t);
  return {
    progress766: { onTime: t.progressOnTime, total: population, rate: round(progress), points: round(progress === null ? null : scales.progressPoints * progress, 2) },
    onlineShare766: { online: t.receivedOnline, total: received, rate: round(online),
      points: round(online === null ? null : scales.onlinePoints * Math.min(1, online / scales.onlineFullAt), 2) },
    satisfaction766: { ratings: t.rated, dissatisfied: t.dissatisfied, total: population, rate: round(satisfaction), points: round(satisfactionPoints, 2) },
    parOnTime: { rate: round(par), points: par === null ? null : scales.parScale.find(([min]) => par >= min)?.[1] ?? 0 },
    ruleVersion: scalesVersion(scales),
  };
}
