import { agencyRows, type ReportSheet } from '../src/modules/stats/stats.report.js';

/** A small province for the picture of report II.06a (figures satisfy the identities of domain B4). */
export function sampleReport(): ReportSheet {
  const counts = (online: number, direct: number, carried: number, early: number, onTime: number, late: number, withdrawn: number, overdue: number) => {
    const total = online + direct + carried;
    const within = total - early - onTime - late - withdrawn - overdue;
    return {
      receivedOnline: online, receivedDirect: direct, carriedOver: carried, resolvedEarly: early, resolvedOnTime: onTime, resolvedLate: late,
      withdrawn, inProgressWithin: within, inProgressOverdue: overdue,
    };
  };
  const own = [
    { agencyId: 'p', parentId: null, agencyName: 'UBND tỉnh Hưng Yên', ...counts(0, 0, 0, 0, 0, 0, 0, 0) },
    { agencyId: 'tp', parentId: 'p', agencyName: 'Sở Tư pháp', ...counts(420, 310, 55, 512, 140, 18, 4, 6) },
    { agencyId: 'xd', parentId: 'p', agencyName: 'Sở Xây dựng', ...counts(96, 140, 31, 120, 70, 21, 2, 9) },
    { agencyId: 'hc', parentId: 'p', agencyName: 'Phường Hồng Châu', ...counts(310, 205, 12, 402, 88, 3, 1, 0) },
    { agencyId: 'ln', parentId: 'p', agencyName: 'Xã Lạc Hồng', ...counts(75, 160, 8, 188, 30, 5, 0, 2) },
  ];
  // Rolled up: the province row carries its subtree.
  const keys = Object.keys(counts(0, 0, 0, 0, 0, 0, 0, 0)) as Array<keyof ReturnType<typeof counts>>;
  const province = own[0]!;
  for (const k of keys) province[k] = own.slice(1).reduce((s, a) => s + a[k], 0);
  return {
    subject: 'Cơ quan, đơn vị', unitName: 'UBND tỉnh Hưng Yên', placeName: 'Hưng Yên',
    period: { label: '2026-Q1', from: '2026-01-01', to: '2026-03-31', window: 'calendar' },
    computedAt: '2026-04-01T00:30:00+07:00', source: 'snapshot', rows: agencyRows(own, true),
  };
}
