import type { Db } from '../../db/client.js';
import { formatInstant } from '../../lib/dates.js';
import { CHANNELS, type Channel } from '../../lib/values.js';
import { counterReceipts } from './stats.extra.repository.js';

type ByChannel = Record<Channel, number>;
const noChannels = (): ByChannel => Object.fromEntries(CHANNELS.map((c) => [c, 0])) as ByChannel;

interface CounterFrame {
  periodView: { label: string; from: string; to: string; window: string };
  agencyId: string | undefined;
  /** The agency named in the query (not the caller's own by default): listed even when it received nothing. */
  asked: string | undefined;
  now: number;
  offset: number;
  start: Date;
  end: Date;
  rollup: boolean;
  /** The units asked about: the agency (its subtree when rolled up), or the caller's whole scope. */
  targets: string[];
  names: Array<{ id: string; name: string }>;
}

/**
 * Issue 13: report II.06a counts a dossier for the agency that handles it, so a one-stop unit that
 * took in every dossier at its counter shows 0 there. This is its own figure: the dossiers received
 * in the period whose receiving unit is the unit, by channel and by the agency handling them at
 * receipt. A unit that received nothing is listed only when it was asked for by id.
 */
export async function receivedAtCounter(db: Db, f: CounterFrame) {
  const names = new Map(f.names.map((a) => [a.id, a.name]));
  const units = new Map<
    string,
    { received: number; byChannel: ByChannel; byAgency: Map<string, { received: number; byChannel: ByChannel }> }
  >();
  const unit = (id: string) => {
    const hit = units.get(id) ?? { received: 0, byChannel: noChannels(), byAgency: new Map() };
    units.set(id, hit);
    return hit;
  };
  if (f.asked) unit(f.asked);
  for (const r of await counterReceipts(db, { start: f.start, end: f.end, unitIds: f.targets })) {
    const u = unit(r.unitId);
    const channel = r.channel as Channel;
    u.received += r.count;
    u.byChannel[channel] += r.count;
    const handling = u.byAgency.get(r.agencyId) ?? { received: 0, byChannel: noChannels() };
    handling.received += r.count;
    handling.byChannel[channel] += r.count;
    u.byAgency.set(r.agencyId, handling);
  }
  const rows = [...units].map(([id, u]) => ({
    agencyId: id,
    agencyName: names.get(id) ?? null,
    received: u.received,
    byChannel: u.byChannel,
    byAgency: [...u.byAgency]
      .map(([agencyId, h]) => ({ agencyId, agencyName: names.get(agencyId) ?? null, ...h }))
      .sort((a, b) => b.received - a.received || (a.agencyName ?? '').localeCompare(b.agencyName ?? '', 'vi')),
  }));
  rows.sort((a, b) => (a.agencyName ?? '').localeCompare(b.agencyName ?? '', 'vi'));
  return {
    period: f.periodView,
    source: 'live' as const,
    computedAt: formatInstant(f.now, f.offset),
    agencyId: f.agencyId ?? null,
    rollup: f.rollup,
    rows,
  };
}
