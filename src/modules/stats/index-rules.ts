import type { AgencyCounts } from './stats.repository.js';

/**
 * The reform-index rules of domain B5, versioned: every figure carries the version that made it.
 * Point scales rest on unconfirmed readings of Decision 766 and the PAR INDEX methodology (A9).
 */
export const INDEX_RULES = {
  version: 'B5-2026.11',
  progressPoints: 20,
  onlinePoints: 12,
  onlineFullAt: 0.5,
  satisfactionPoints: 6,
  satisfactionFullAt: 0.9,
  /** PAR INDEX: [minimum rate, points], first match wins. */
  parScale: [[1, 1], [0.95, 0.5], [0, 0]] as Array<[number, number]>,
} as const;

export type Totals = Omit<AgencyCounts, 'agencyId'>;

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
const round = (x: number | null, digits = 4) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** Domain B4: (early + on time) / resolved, null when nothing was resolved. */
export function onTimeRate(t: Totals): number | null {
  return ratio(t.resolvedEarly + t.resolvedOnTime, t.resolvedEarly + t.resolvedOnTime + t.resolvedLate);
}

/** Domain B5, from the same totals. */
export function indexFeed(t: Totals) {
  const population = t.resolvedEarly + t.resolvedOnTime + t.resolvedLate + t.withdrawn + t.inProgressWithin + t.inProgressOverdue;
  const progress = ratio(t.progressOnTime, population);
  const received = t.receivedOnline + t.receivedDirect;
  const online = ratio(t.receivedOnline, received);
  const satisfaction = population === 0 ? null : Math.max(0, 1 - (population - t.progressOnTime) / population - t.dissatisfied / population);
  const par = onTimeRate(t);
  return {
    progress766: { onTime: t.progressOnTime, total: population, rate: round(progress), points: round(progress === null ? null : INDEX_RULES.progressPoints * progress, 2) },
    onlineShare766: { online: t.receivedOnline, total: received, rate: round(online),
      points: round(online === null ? null : INDEX_RULES.onlinePoints * Math.min(1, online / INDEX_RULES.onlineFullAt), 2) },
    satisfaction766: { rate: round(satisfaction),
      points: round(satisfaction === null ? null : INDEX_RULES.satisfactionPoints * Math.min(1, satisfaction / INDEX_RULES.satisfactionFullAt), 2) },
    parOnTime: { rate: round(par), points: par === null ? null : INDEX_RULES.parScale.find(([min]) => par >= min)![1] },
    ruleVersion: INDEX_RULES.version,
  };
}
