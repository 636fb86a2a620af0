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
  parScale: [
    [1, 1],
    [0.95, 0.5],
    [0, 0],
  ],
};

/** The rule version of index figures: the code's version, plus a fingerprint when scales differ from the defaults. */
export function scalesVersion(scales: IndexScales): string {
  const text = JSON.stringify(scales);
  return text === JSON.stringify(DEFAULT_SCALES)
    ? RULE_VERSION
    : `${RULE_VERSION}+${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}

export type Totals = Omit<AgencyCounts, 'agencyId'>;

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
/** Issue 13: every rate in a statistics answer has four decimals, as the index feed always had. */
export const round = (x: number | null, digits = 4) =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** Domain B4: (early + on time) / resolved, null when nothing was resolved. */
export function onTimeRate(t: Totals): number | null {
  return ratio(t.resolvedEarly + t.resolvedOnTime, t.resolvedEarly + t.resolvedOnTime + t.resolvedLate);
}

/** Domain B5, from the same totals. */
export function indexFeed(t: Totals, scales: IndexScales = DEFAULT_SCALES) {
  const population =
    t.resolvedEarly + t.resolvedOnTime + t.resolvedLate + t.withdrawn + t.inProgressWithin + t.inProgressOverdue;
  const progress = ratio(t.progressOnTime, population);
  const received = t.receivedOnline + t.receivedDirect;
  const online = ratio(t.receivedOnline, received);
  // Issue 13: without a single rating there is no satisfaction to measure (it read 1, full points).
  const satisfaction =
    population === 0 || t.rated === 0
      ? null
      : Math.max(0, 1 - (population - t.progressOnTime) / population - t.dissatisfied / population);
  // …and the component then scores 0 of its points: an agency that collects no ratings earns none (README).
  const satisfactionPoints =
    population === 0
      ? null
      : satisfaction === null
        ? 0
        : scales.satisfactionPoints * Math.min(1, satisfaction / scales.satisfactionFullAt);
  const par = onTimeRate(t);
  return {
    progress766: {
      onTime: t.progressOnTime,
      total: population,
      rate: round(progress),
      points: round(progress === null ? null : scales.progressPoints * progress, 2),
    },
    onlineShare766: {
      online: t.receivedOnline,
      total: received,
      rate: round(online),
      points: round(online === null ? null : scales.onlinePoints * Math.min(1, online / scales.onlineFullAt), 2),
    },
    satisfaction766: {
      ratings: t.rated,
      dissatisfied: t.dissatisfied,
      total: population,
      rate: round(satisfaction),
      points: round(satisfactionPoints, 2),
    },
    parOnTime: {
      rate: round(par),
      points: par === null ? null : (scales.parScale.find(([min]) => par >= min)?.[1] ?? 0),
    },
    ruleVersion: scalesVersion(scales),
  };
}

/** Version of the digitisation rules (docs/digitization.md); a non-default scale adds a fingerprint. */
export const DIGITIZATION_RULE_VERSION = 'DIG-2026.12';

/** Decision 766 group "số hóa hồ sơ" (22 points): our split of it, so settings (docs/digitization.md). */
export interface DigitizationScales {
  digitizedPoints: number;
  digitizedFullAt: number;
  electronicResultPoints: number;
  electronicResultFullAt: number;
  reusePoints: number;
  reuseFullAt: number;
}

export const DEFAULT_DIGITIZATION_SCALES: DigitizationScales = {
  digitizedPoints: 8,
  digitizedFullAt: 0.8,
  electronicResultPoints: 8,
  electronicResultFullAt: 0.8,
  reusePoints: 6,
  reuseFullAt: 0.5,
};

/** One agency's digitisation counts for a period (computed by the files module). */
export interface DigitizationCounts {
  /** Dossiers received in the period, and those whose every declared component was digitised at intake. */
  received: number;
  digitized: number;
  /** Dossiers decided in the period, and those with a result file attached before the return. */
  decided: number;
  electronicResult: number;
  /** Components of the period's dossiers that carry a file, and those that reuse an earlier file. */
  componentsWithFile: number;
  componentsReused: number;
}

export const DIGITIZATION_COLUMNS = [
  'received',
  'digitized',
  'decided',
  'electronicResult',
  'componentsWithFile',
  'componentsReused',
] as const satisfies ReadonlyArray<keyof DigitizationCounts>;

export function digitizationVersion(scales: DigitizationScales): string {
  const text = JSON.stringify(scales);
  return text === JSON.stringify(DEFAULT_DIGITIZATION_SCALES)
    ? DIGITIZATION_RULE_VERSION
    : `${DIGITIZATION_RULE_VERSION}+${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}

/** Decision 766 (A9 4.x): points = max × min(1, rate / full-marks threshold), each rate null on an empty population. */
export function digitizationFeed(c: DigitizationCounts, scales: DigitizationScales = DEFAULT_DIGITIZATION_SCALES) {
  const part = (count: number, total: number, points: number, fullAt: number) => {
    const rate = ratio(count, total);
    return {
      count,
      total,
      rate: round(rate),
      points: round(rate === null ? null : points * Math.min(1, rate / fullAt), 2),
    };
  };
  const components = part(c.digitized, c.received, scales.digitizedPoints, scales.digitizedFullAt);
  const results = part(c.electronicResult, c.decided, scales.electronicResultPoints, scales.electronicResultFullAt);
  const reuse = part(c.componentsReused, c.componentsWithFile, scales.reusePoints, scales.reuseFullAt);
  const parts = [components.points, results.points, reuse.points].filter((p): p is number => p !== null);
  return {
    digitizedAtIntake: components,
    electronicResults: results,
    reuse,
    points:
      parts.length === 0
        ? null
        : round(
            parts.reduce((a, b) => a + b, 0),
            2,
          ),
    ruleVersion: digitizationVersion(scales),
  };
}

/** Sums each agency's own digitisation counts over its subtree when rolled up (as B4 roll-ups). */
export function sumOverSubtree(
  visible: Array<{ id: string; parentId: string | null }>,
  own: Map<string, DigitizationCounts>,
  rollup: boolean,
) {
  const zeroCounts = (): DigitizationCounts => ({
    received: 0,
    digitized: 0,
    decided: 0,
    electronicResult: 0,
    componentsWithFile: 0,
    componentsReused: 0,
  });
  const children = new Map<string, string[]>();
  for (const a of visible) if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
  const memo = new Map<string, DigitizationCounts>();
  const total = (id: string): DigitizationCounts => {
    const hit = memo.get(id);
    if (hit) return hit;
    const sum = { ...(own.get(id) ?? zeroCounts()) };
    if (rollup) {
      for (const child of children.get(id) ?? []) {
        const c = total(child);
        for (const k of DIGITIZATION_COLUMNS) sum[k] += c[k];
      }
    }
    memo.set(id, sum);
    return sum;
  };
  return total;
}
