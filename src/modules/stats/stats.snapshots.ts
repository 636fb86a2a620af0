import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { statsSnapshots } from '../../db/schema/index.js';
import { localDate, zoneOffsetMs } from '../../lib/dates.js';
import {
  DIGITIZATION_COLUMNS,
  DIGITIZATION_RULE_VERSION,
  RULE_VERSION,
  type DigitizationCounts,
} from './index-rules.js';
import { parsePeriod, periodInstants, type Period, type Window } from './periods.js';
import { countByAgency } from './stats.repository.js';

const WINDOWS: Window[] = ['calendar', 'report'];

/** The periods a nightly run refreshes: previous, current and next month; previous and current quarter and year. */
export function snapshotLabels(asOf: Date, timeZone: string): string[] {
  const [y, m] = localDate(asOf, timeZone).split('-').map(Number) as [number, number];
  const month = (yy: number, mm: number): string =>
    mm < 1 ? month(yy - 1, mm + 12) : mm > 12 ? month(yy + 1, mm - 12) : `${yy}-${String(mm).padStart(2, '0')}`;
  const q = Math.ceil(m / 3);
  return [
    month(y, m - 1),
    month(y, m),
    month(y, m + 1),
    q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`,
    `${y}-Q${q}`,
    `${y - 1}`,
    `${y}`,
  ];
}

/** Every agency's digitisation counts of [start, end) (the files module's), read in the snapshot's transaction. */
export type DigitizationCounter = (q: { start: Date; end: Date }, via: Tx) => Promise<Map<string, DigitizationCounts>>;

const zeroDigitization = () =>
  Object.fromEntries(DIGITIZATION_COLUMNS.map((c) => [c, 0])) as unknown as DigitizationCounts;

/** What a snapshot row keeps of digitisation (issue 15): the counts, under the version of their counting rules. */
export interface SnapshotDigitization extends DigitizationCounts {
  ruleVersion: string;
}

/**
 * Statistics snapshots (issue 5): for every agency, its own figures of each refreshed period in
 * both windows, as of `asOf`. Replacing a period's rows makes the run idempotent. With a
 * digitisation counter (issue 15), each row also carries the agency's digitisation counts
 * (`counts.digitization`), so dashboards read those from the snapshot too; an agency with
 * digitisation counts but no B4 figure gets a row of its own.
 */
export async function writeSnapshots(
  tx: Tx,
  asOf: Date,
  timeZone: string,
  digitization?: DigitizationCounter,
): Promise<{ periods: number; rows: number }> {
  const offset = zoneOffsetMs(timeZone, asOf.getTime());
  let periods = 0;
  let rows = 0;
  for (const window of WINDOWS) {
    for (const label of snapshotLabels(asOf, timeZone)) {
      const period = parsePeriod(label, window) as Period;
      const { start, end, ended } = periodInstants(period, offset, asOf.getTime());
      if (start >= asOf.getTime()) continue;
      const b4 = await countByAgency(tx, { start: new Date(start), end: new Date(end), timeZone });
      const digitized = digitization ? await digitization({ start: new Date(start), end: new Date(end) }, tx) : null;
      const counts: Array<{ agencyId: string; digitization?: SnapshotDigitization }> = b4;
      if (digitized) {
        // Every row carries them (zeros too), so a reader can tell "none" from "not snapshotted".
        const known = new Set(counts.map((c) => c.agencyId));
        for (const agencyId of digitized.keys()) if (!known.has(agencyId)) counts.push({ agencyId });
        for (const row of counts) {
          const own = digitized.get(row.agencyId) ?? zeroDigitization();
          row.digitization = { ...own, ruleVersion: DIGITIZATION_RULE_VERSION } satisfies SnapshotDigitization;
        }
      }
      await tx
        .delete(statsSnapshots)
        .where(
          and(
            eq(statsSnapshots.periodLabel, label),
            eq(statsSnapshots.window, window),
            eq(statsSnapshots.ruleVersion, RULE_VERSION),
          ),
        );
      if (counts.length > 0) {
        await tx.insert(statsSnapshots).values(
          counts.map(({ agencyId, ...own }) => ({
            agencyId,
            periodLabel: label,
            window,
            periodFrom: period.from,
            periodTo: period.to,
            ruleVersion: RULE_VERSION,
            counts: own,
            asOf: new Date(end),
            complete: ended,
            computedAt: asOf,
          })),
        );
      }
      periods++;
      rows += counts.length;
    }
  }
  return { periods, rows };
}
