import type { Response } from 'express';
import Joi from 'joi';
import type { Api } from '../../http/endpoint.js';
import { isoDate } from '../../http/joi-types.js';
import { statsTable, toCsv, toXlsx, type ExportTable } from './stats.export.js';
import { digitizationAnnex } from './stats.digitization-export.js';
import { reportPdf } from './stats.pdf.js';
import { agencyRows, procedureRows, type ReportSheet } from './stats.report.js';
import { statsResponses } from './stats.responses.js';
import type { StatsQuery, StatsService } from './stats.service.js';

const tag = 'Statistics';

const access = ['supervisor', 'admin'] as const;

const periodQuery = {
  period: Joi.string().pattern(/^\d{4}(-(\d{2}|Q[1-4]|H[12]))?$/, '2026-10 | 2026-Q3 | 2026-H1 | 2026'),
  window: Joi.string().valid('calendar', 'report').default('calendar'),
  from: isoDate,
  to: isoDate,
  rollup: Joi.boolean().default(true),
};
const format = Joi.string().valid('json', 'csv', 'xlsx', 'pdf').default('json');
const statsSchema = {
  query: Joi.object({ ...periodQuery, agencyId: Joi.string().guid(), format })
    .oxor('period', 'from')
    .and('from', 'to'),
};
const indexSchema = {
  query: Joi.object({ ...periodQuery, agencyId: Joi.string().guid() })
    .oxor('period', 'from')
    .and('from', 'to'),
};
// Issue 13: agencyId is optional everywhere; without it, the caller's own agency (its subtree when rolled up).
const procedureSchema = statsSchema;
const stepsSchema = indexSchema;
const trendSchema = {
  query: Joi.object({
    from: Joi.string()
      .pattern(/^\d{4}-\d{2}$/, 'YYYY-MM')
      .required(),
    to: Joi.string()
      .pattern(/^\d{4}-\d{2}$/, 'YYYY-MM')
      .required(),
    window: Joi.string().valid('calendar', 'report').default('calendar'),
    agencyId: Joi.string().guid(),
    rollup: Joi.boolean().default(true),
  }),
};
type Format = { format: 'json' | 'csv' | 'xlsx' | 'pdf' };
const files = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf'];

/** Sends a statistics answer as JSON, the flat table as CSV, or the official sheet II.06a as XLSX or PDF. */
async function send(
  res: Response,
  format: Format['format'],
  result: Parameters<typeof statsTable>[0],
  table: () => ExportTable,
  sheet: () => Promise<ReportSheet>,
  name: string,
) {
  if (format === 'json') return result;
  const file = `${name}-${result.period.label}-${result.period.window}`;
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').attachment(`${file}.csv`).send(toCsv(table()));
  } else if (format === 'xlsx') {
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`${file}.xlsx`)
      .send(await toXlsx(await sheet()));
  } else {
    res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${file}.pdf"`);
    res.send(await reportPdf(await sheet()));
  }
  return undefined;
}

/** Supervisors see their agency subtree; administrators everything (domain B4, B5). */
export function statsRoutes(api: Api, service: StatsService): void {
  api.endpoint<never, StatsQuery & Format>(
    {
      method: 'get',
      path: '/stats/agencies',
      tag,
      summary:
        'On-time and late figures per agency for a period (report II.06a); format=json|csv|xlsx|pdf (XLSX and PDF: the official sheet II.06a, landscape A4)',
      access,
      schema: statsSchema,
      description: {
        vi: 'Số liệu tiếp nhận, giải quyết trước / đúng / quá hạn theo cơ quan trong kỳ (biểu II.06a); JSON, CSV, hoặc biểu chính thức XLSX / PDF. Chỉ số số hóa (QĐ 766, kèm phiên bản quy tắc): `digitization766` mỗi dòng, các cột cuối của CSV, trang tính "Số hóa" của XLSX, trang phụ lục của PDF.',
        en: 'Received, early / on-time / late figures per agency for a period (report II.06a); JSON, CSV, or the official sheet as XLSX / PDF. The Decision 766 digitisation indicators, with their rule version: `digitization766` per row, the last CSV columns, the XLSX sheet "Số hóa", an annex page of the PDF.',
      },
      response: { json: statsResponses.agencies, files },
      examples: { query: { period: '2026-Q3', window: 'report', format: 'json' } },
    },
    async ({ actor, query, res }) => {
      const result = await service.agencies(actor, query);
      const sheet = async (): Promise<ReportSheet> => ({
        subject: 'Cơ quan, đơn vị',
        ...(await service.reportUnit(actor, query.agencyId)),
        period: result.period,
        computedAt: result.computedAt,
        source: result.source,
        rows: agencyRows(result.rows, query.rollup),
        digitization: digitizationAnnex(result.rows, query.rollup, result.digitizationSource ?? 'live'),
      });
      return send(
        res,
        query.format,
        result,
        () =>
          statsTable(
            result,
            'Cơ quan',
            result.rows.map((r) => ({ name: r.agencyName, ...r })),
          ),
        sheet,
        'thong-ke-co-quan',
      );
    },
  );
  api.endpoint<never, StatsQuery & Format>(
    {
      method: 'get',
      path: '/stats/procedures',
      tag,
      summary:
        "The same figures per procedure of an agency (default: the caller's own), the sheet naming the agency; format=json|csv|xlsx|pdf",
      access,
      schema: procedureSchema,
      description: {
        vi: 'Cùng các số liệu, theo từng thủ tục của một cơ quan (mặc định: cơ quan của người hỏi); biểu ghi tên cơ quan.',
        en: "The same figures per procedure of one agency (default: the caller's own); the sheet names the agency.",
      },
      response: { json: statsResponses.procedures, files },
      examples: { query: { period: '2026-10', agencyId: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    async ({ actor, query, res }) => {
      const result = await service.procedures(actor, query);
      const sheet = async (): Promise<ReportSheet> => ({
        subject: 'Thủ tục hành chính',
        ...(await service.reportUnit(actor, query.agencyId)),
        period: result.period,
        computedAt: result.computedAt,
        source: result.source,
        rows: procedureRows(result.rows),
      });
      return send(
        res,
        query.format,
        result,
        () =>
          statsTable(
            result,
            'Thủ tục hành chính',
            result.rows.map((r) => ({ name: `${r.procedureCode} ${r.procedureName}`, ...r })),
          ),
        sheet,
        'thong-ke-thu-tuc',
      );
    },
  );
  api.endpoint<never, StatsQuery>(
    {
      method: 'get',
      path: '/stats/steps',
      tag,
      access,
      schema: stepsSchema,
      summary:
        "Where the time went: late steps and office time per agency and step (default: the caller's own agency); imported dossiers without step history are left out and counted in excludedImported",
      description: {
        vi: 'Thời gian đi đâu: số bước trễ hạn và giờ làm việc đã dùng theo cơ quan và bước xử lý (mặc định: cơ quan của người hỏi); hồ sơ nhập từ hệ thống cũ không có lịch sử bước được loại ra và đếm trong excludedImported.',
        en: "Where the time went: late steps and office hours spent per agency and step (default: the caller's own agency); imported dossiers without step history are left out and counted in excludedImported.",
      },
      response: statsResponses.steps,
      examples: { query: { period: '2026-10', agencyId: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    ({ actor, query }) => service.steps(actor, query),
  );
  api.endpoint<never, StatsQuery>(
    {
      method: 'get',
      path: '/stats/received-at-counter',
      tag,
      access,
      schema: stepsSchema,
      summary:
        "What each one-stop unit received at its counter (receiving unit), by channel and by handling agency (default: the caller's own agency)",
      description: {
        vi: 'Số hồ sơ mỗi bộ phận một cửa đã tiếp nhận tại quầy, theo kênh và theo cơ quan giải quyết (mặc định: cơ quan của người hỏi).',
        en: "What each one-stop unit received at its counter, by channel and by handling agency (default: the caller's own agency).",
      },
      response: statsResponses.counter,
      examples: { query: { period: '2026-10' } },
    },
    ({ actor, query }) => service.receivedAtCounter(actor, query),
  );
  api.endpoint<never, { from: string; to: string; window: StatsQuery['window']; agencyId?: string; rollup: boolean }>(
    {
      method: 'get',
      path: '/stats/trend',
      tag,
      summary: "Monthly series of an agency's figures (default: the caller's own; at most 36 months)",
      access,
      schema: trendSchema,
      description: {
        vi: 'Chuỗi số liệu theo tháng của một cơ quan (mặc định: cơ quan của người hỏi; tối đa 36 tháng).',
        en: "A monthly series of an agency's figures (default: the caller's own; at most 36 months).",
      },
      response: statsResponses.trend,
      examples: { query: { from: '2026-01', to: '2026-10' } },
    },
    ({ actor, query }) => service.trend(actor, query),
  );
  api.endpoint<never, StatsQuery>(
    {
      method: 'get',
      path: '/stats/index',
      tag,
      summary: 'Index feed: Decision 766 progress, online share, satisfaction; PAR on-time',
      access,
      schema: indexSchema,
      description: {
        vi: 'Dữ liệu cho bộ chỉ số: tiến độ, tỷ lệ trực tuyến, mức độ hài lòng theo Quyết định 766; tỷ lệ đúng hạn cho chỉ số PAR.',
        en: 'The index feed: progress, online share and satisfaction per Decision 766; the on-time rate for PAR.',
      },
      response: statsResponses.index,
      examples: { query: { period: '2026' } },
    },
    ({ actor, query }) => service.index(actor, query),
  );
}
