/**
 * Regenerates the pictures of the printed forms in docs/forms/ (one PNG per form, first page, 60 dpi)
 * from fixed sample data, so a reviewer sees what a clerk will print.
 * Needs `pdftoppm` (Debian poppler-utils). Usage: npx tsx scripts/render-forms.ts [outDir]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderApology, renderRefusal, renderSupplementRequest } from '../src/modules/documents/forms/letters.js';
import { renderReceipt, trackingUrl } from '../src/modules/documents/forms/receipt.js';
import { renderControlSlip, renderTrackingBook, type BookLine } from '../src/modules/documents/forms/registers.js';
import { reportPdf } from '../src/modules/stats/stats.pdf.js';
import { applicant, centre, dossier, justice, sampleReport } from './render-forms.sample.js';

const out = process.argv[2] ?? 'docs/forms';
function line(i: number, field: string): BookLine {
  return {
    code: `000.00.21.H40-260305-${String(i).padStart(4, '0')}`,
    field,
    procedure: i % 2 ? dossier.procedure.name : 'Chứng thực bản sao từ bản chính',
    applicant: i % 2 ? applicant.name : 'Lê Văn Bình',
    contact: `${applicant.address}; 09123456${String(i).padStart(2, '0')}`,
    handlingAgency: justice.name,
    receivedAt: `2026-03-05T0${8 + (i % 2)}:${String(10 + i).padStart(2, '0')}:00+07:00`,
    appointment: '2026-03-19T17:00:00+07:00',
    returnedAt: i % 3 ? null : '2026-03-18T10:00:00+07:00',
    returnMethod: i % 3 ? null : 'counter',
  };
}

async function forms(): Promise<Array<[string, Buffer]>> {
  const url = trackingUrl('https://dichvucong.hungyen.gov.vn', dossier.code);
  return [
    [
      '01-giay-tiep-nhan',
      await renderReceipt({
        dossier,
        receivingUnit: centre,
        handlingAgency: justice,
        receptionistName: 'Trần Văn Minh',
        fee: 200000,
        trackingUrl: url,
        lookupPin: 'K7Q2MX',
        layout: 'a4',
      }),
    ],
    [
      '01-giay-tiep-nhan-80mm',
      await renderReceipt({
        dossier,
        receivingUnit: centre,
        handlingAgency: justice,
        receptionistName: 'Trần Văn Minh',
        fee: 200000,
        trackingUrl: url,
        lookupPin: null,
        layout: '80mm',
      }),
    ],
    [
      '02-phieu-yeu-cau-bo-sung',
      await renderSupplementRequest({
        dossier,
        issuer: centre,
        handlingAgency: justice,
        at: '2026-03-09T09:15:00+07:00',
        officerName: 'Nguyễn Văn Thử',
        again: false,
        layout: 'a4',
        items: [
          'Văn bản ủy quyền có chứng thực chữ ký của người ủy quyền',
          'Bản chụp Căn cước công dân của người được ủy quyền',
        ],
        reason: 'Hồ sơ nộp thay chưa có văn bản ủy quyền hợp lệ',
      }),
    ],
    [
      '03-phieu-tu-choi',
      await renderRefusal({
        issuer: centre,
        at: '2026-03-05T15:10:00+07:00',
        applicant: { name: 'Lê Văn Bình', phone: '0987 654 321' },
        procedure: { code: '1.001193', name: dossier.procedure.name },
        reasons: [
          'Người yêu cầu không thuộc đối tượng được cấp Phiếu lý lịch tư pháp số 2 theo yêu cầu cá nhân',
          'Không xuất trình được giấy tờ tùy thân còn hạn',
        ],
        receptionistName: 'Trần Văn Minh',
        layout: 'a4',
      }),
    ],
    [
      '04-phieu-xin-loi',
      await renderApology({
        dossier,
        handlingAgency: justice,
        receivingUnit: centre,
        at: '2026-03-17T10:00:00+07:00',
        reason: 'Chờ kết quả xác minh của cơ quan công an nơi thường trú',
        promisedAt: '2026-03-24T16:00:00+07:00',
        leaderName: 'Phạm Quốc Hưng',
        layout: 'a4',
      }),
    ],
    [
      '05-phieu-kiem-soat',
      await renderControlSlip({
        dossier,
        receivingUnit: centre,
        handlingAgency: justice,
        cooperating: ['Công an tỉnh Hưng Yên'],
        handovers: [
          {
            step: 'Tiếp nhận hồ sơ',
            giver: `${applicant.name} (người nộp hồ sơ)`,
            receiver: `Trần Văn Minh (${centre.name})`,
            handedAt: '2026-03-05T14:30:00+07:00',
            dueAt: '2026-03-06T10:30:00+07:00',
            finishedAt: '2026-03-05T16:00:00+07:00',
            classification: 'early',
            note: null,
          },
          {
            step: 'Thẩm định hồ sơ',
            giver: `Trần Văn Minh (${centre.name})`,
            receiver: `Nguyễn Văn Thử (${justice.name})`,
            handedAt: '2026-03-05T16:00:00+07:00',
            dueAt: '2026-03-17T17:00:00+07:00',
            finishedAt: '2026-03-18T09:00:00+07:00',
            classification: 'late',
            note: 'Chờ xác minh',
          },
          {
            step: 'Phê duyệt kết quả',
            giver: `Nguyễn Văn Thử (${justice.name})`,
            receiver: `${justice.name} (lãnh đạo)`,
            handedAt: '2026-03-18T09:00:00+07:00',
            dueAt: '2026-03-19T09:00:00+07:00',
            finishedAt: null,
            classification: null,
            note: null,
          },
        ],
      }),
    ],
    [
      '06-so-theo-doi',
      await renderTrackingBook({
        agency: centre,
        from: '2026-03-01',
        to: '2026-03-31',
        at: '2026-03-31T00:00:00+07:00',
        lines: [1, 3, 5].map((i) => line(i, 'Lý lịch tư pháp')).concat([2, 4].map((i) => line(i, 'Chứng thực'))),
      }),
    ],
    ['ii06a-bao-cao', await reportPdf(sampleReport())],
  ];
}

const work = mkdtempSync(join(tmpdir(), 'motcua-forms-'));
try {
  mkdirSync(out, { recursive: true });
  for (const [name, pdf] of await forms()) {
    const file = join(work, `${name}.pdf`);
    writeFileSync(file, pdf);
    const run = spawnSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-singlefile', '-png', file, join(out, name)]);
    if (run.error || run.status !== 0)
      throw new Error(`pdftoppm failed (is poppler-utils installed?): ${String(run.stderr ?? run.error)}`);
    console.log(`${join(out, name)}.png`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
