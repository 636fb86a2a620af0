import type { AgencyView, DossierView } from '../src/modules/documents/documents.access.js';
import { agencyRows, type ReportSheet } from '../src/modules/stats/stats.report.js';

/** Sample papers of a province's public administration service centre (scripts/render-forms.ts, bench). */
const province = 'UBND tỉnh Hưng Yên';
export const centre: AgencyView = {
  id: 'c',
  name: 'Trung tâm Phục vụ hành chính công tỉnh Hưng Yên',
  electronicId: '000.00.21.H40',
  parentName: province,
  placeName: 'Hưng Yên',
};
export const justice: AgencyView = {
  id: 'j',
  name: 'Sở Tư pháp tỉnh Hưng Yên',
  electronicId: '000.00.05.H40',
  parentName: province,
  placeName: 'Hưng Yên',
};
export const applicant = {
  name: 'Đặng Thị Hằng Nguyễn Ưởng',
  idNumber: '033190012345',
  phone: '0912 345 678',
  address: 'Số 5 phố Hiến, phường Hồng Châu, tỉnh Hưng Yên',
};

export const dossier: DossierView = {
  id: 'd',
  code: '000.00.21.H40-260305-0007',
  status: 'processing',
  agencyId: 'j',
  receivingAgencyId: 'c',
  procedure: {
    id: 'p',
    code: '1.001193',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
  },
  channel: 'direct',
  applicant,
  components: [
    { name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (mẫu số 03/2013/TT-LLTP)', copies: 1 },
    { name: 'Bản chụp Căn cước công dân hoặc Hộ chiếu của người được cấp Phiếu', copies: 1 },
    { name: 'Văn bản ủy quyền (trường hợp ủy quyền cho người khác làm thủ tục)', copies: 1 },
  ],
  budget: { value: 10, unit: 'working_days' },
  receivedAt: '2026-03-05T14:30:00+07:00',
  dueAt: '2026-03-19T17:00:00+07:00',
  promisedAt: null,
  finishedAt: null,
  outcome: null,
  returnedAt: null,
  returnMethod: null,
  withdrawnAt: null,
  steps: [],
};

/** A small province for the picture of report II.06a (figures satisfy the identities of domain B4). */
export function sampleReport(): ReportSheet {
  const counts = (
    online: number,
    direct: number,
    carried: number,
    early: number,
    onTime: number,
    late: number,
    withdrawn: number,
    overdue: number,
  ) => {
    const total = online + direct + carried;
    const within = total - early - onTime - late - withdrawn - overdue;
    return {
      receivedOnline: online,
      receivedDirect: direct,
      carriedOver: carried,
      resolvedEarly: early,
      resolvedOnTime: onTime,
      resolvedLate: late,
      withdrawn,
      inProgressWithin: within,
      inProgressOverdue: overdue,
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
    subject: 'Cơ quan, đơn vị',
    unitName: 'UBND tỉnh Hưng Yên',
    placeName: 'Hưng Yên',
    period: { label: '2026-Q1', from: '2026-01-01', to: '2026-03-31', window: 'calendar' },
    computedAt: '2026-04-01T00:30:00+07:00',
    source: 'snapshot',
    rows: agencyRows(own, true),
  };
}
