import type { Response } from 'express';
import Joi from 'joi';
import type { Api } from '../../http/endpoint.js';
import { AppError } from '../../http/errors.js';
import { isoDate } from '../../http/joi-types.js';
import { pageQuery } from '../../http/pagination.js';
import { ALL_STAFF } from '../auth/roles.js';
import { documentResponses, PDF, XLSX } from './documents.responses.js';
import type { DocumentsService } from './documents.service.js';
import type { RefusalListInput, RefusalService } from './refusal.service.js';

const tag = 'documents';
const SAME_AS_DOSSIER =
  'Any staff member who may read the dossier (its handling or receiving agency; supervisors their subtree; admin); otherwise 404.';
const id = Joi.object({ id: Joi.string().guid().required() });
const layoutQuery = { layout: Joi.string().valid('a4', '80mm').default('a4') };
const LOOKUP_PIN = /^[A-Za-z0-9]{6}$/;

type IdParams = { id: string };
type LayoutQuery = { layout: 'a4' | '80mm' };

/**
 * Printed papers are sent inline so a browser previews them; `no-store` because they carry personal
 * data and, for form 01, possibly the lookup PIN.
 */
function sendFile(res: Response, body: Buffer, type: 'pdf' | 'xlsx', name: string): undefined {
  res.setHeader('Cache-Control', 'no-store');
  if (type === 'pdf') res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${name}.pdf"`);
  else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(`${name}.xlsx`);
  res.send(body);
  return undefined;
}

const fileName = (code: string) => code.replace(/[^A-Za-z0-9.-]/g, '_');

/** The forms of a one-stop unit (domain A4, 01–06); every dossier form reads like the dossier does. */
export function documentRoutes(api: Api, documents: DocumentsService, refusals: RefusalService): void {
  api.endpoint<never, LayoutQuery, IdParams>(
    {
      method: 'get',
      path: '/dossiers/:id/documents/receipt.pdf',
      tag,
      access: ALL_STAFF,
      schema: { params: id, query: Joi.object(layoutQuery) },
      summary: `Form 01, receipt and appointment (A4, or layout=80mm for a receipt printer), with the tracking QR code. The lookup PIN is printed only when sent in the X-Lookup-Pin header and it matches. Who: ${SAME_AS_DOSSIER}`,
      description: {
        vi: 'Mẫu 01: giấy tiếp nhận hồ sơ và hẹn trả kết quả (A4 hoặc khổ 80 mm), có mã QR tra cứu. Mã PIN chỉ được in khi gửi đúng trong tiêu đề X-Lookup-Pin.',
        en: 'Form 01: receipt and appointment (A4 or 80 mm), with the tracking QR code. The PIN is printed only when the X-Lookup-Pin header matches.',
      },
      response: PDF,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' }, query: { layout: '80mm' } },
    },
    async ({ actor, params, query, req, res }) => {
      const pin = req.get('x-lookup-pin');
      if (pin !== undefined && !LOOKUP_PIN.test(pin)) {
        throw new AppError('VALIDATION_FAILED', {}, [
          { path: 'headers.x-lookup-pin', type: 'string.pattern.base', message: 'X-Lookup-Pin: 6 letters or digits' },
        ]);
      }
      // The print is recorded inside documents.receipt (deps.recordReceiptPrint), before the bytes leave.
      const { pdf, code } = await documents.receipt(actor, params.id, { layout: query.layout, lookupPin: pin });
      return sendFile(res, pdf, 'pdf', `giay-tiep-nhan-${fileName(code)}`);
    },
  );
  api.endpoint<never, LayoutQuery & { seq?: number }, IdParams>(
    {
      method: 'get',
      path: '/dossiers/:id/documents/supplement-request.pdf',
      tag,
      access: ALL_STAFF,
      schema: { params: id, query: Joi.object({ ...layoutQuery, seq: Joi.number().integer().min(1) }) },
      summary: `Form 02, supplement request, from the latest request-supplement event (or the event with seq); 409 if none. Who: ${SAME_AS_DOSSIER}`,
      description: {
        vi: 'Mẫu 02: phiếu yêu cầu bổ sung, hoàn thiện hồ sơ, theo lần yêu cầu bổ sung gần nhất (hoặc sự kiện số seq).',
        en: 'Form 02: supplement request, from the latest request-supplement event (or event seq).',
      },
      response: PDF,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' }, query: { seq: 3 } },
    },
    async ({ actor, params, query, res }) => {
      const { pdf, code } = await documents.supplementRequest(actor, params.id, query);
      return sendFile(res, pdf, 'pdf', `phieu-yeu-cau-bo-sung-${fileName(code)}`);
    },
  );
  api.endpoint<never, LayoutQuery, IdParams>(
    {
      method: 'get',
      path: '/dossiers/:id/documents/apology.pdf',
      tag,
      access: ALL_STAFF,
      schema: { params: id, query: Joi.object(layoutQuery) },
      summary: `Form 04, apology and new appointment, from the apologize event; 409 if none. Who: ${SAME_AS_DOSSIER}`,
      description: {
        vi: 'Mẫu 04: phiếu xin lỗi và hẹn lại ngày trả kết quả, theo sự kiện xin lỗi của hồ sơ.',
        en: "Form 04: apology and new appointment, from the dossier's apologize event.",
      },
      response: PDF,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    async ({ actor, params, query, res }) => {
      const { pdf, code } = await documents.apology(actor, params.id, query);
      return sendFile(res, pdf, 'pdf', `phieu-xin-loi-${fileName(code)}`);
    },
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'get',
      path: '/dossiers/:id/documents/control-slip.pdf',
      tag,
      access: ALL_STAFF,
      schema: { params: id },
      summary: `Form 05, process control slip: every handover with giver, receiver, times and early / on time / late. Who: ${SAME_AS_DOSSIER}`,
      description: {
        vi: 'Mẫu 05: phiếu kiểm soát quá trình giải quyết: mỗi lần giao nhận, người giao, người nhận, thời gian và trước / đúng / trễ hạn.',
        en: 'Form 05: process control slip: every handover with giver, receiver, times and early / on time / late.',
      },
      response: PDF,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    async ({ actor, params, res }) => {
      const { pdf, code } = await documents.controlSlip(actor, params.id);
      return sendFile(res, pdf, 'pdf', `phieu-kiem-soat-${fileName(code)}`);
    },
  );

  const bookSchema = {
    query: Joi.object({ agencyId: Joi.string().guid().required(), from: isoDate.required(), to: isoDate.required() }),
  };
  for (const format of ['pdf', 'xlsx'] as const) {
    api.endpoint<never, { agencyId: string; from: string; to: string }>(
      {
        method: 'get',
        path: `/documents/tracking-book.${format}`,
        tag,
        access: ALL_STAFF,
        schema: bookSchema,
        summary: `Form 06, tracking book (sổ theo dõi hồ sơ) of an agency for local dates from–to (≤ 366 days), as ${format.toUpperCase()}: dossiers the agency received or handles. Who: staff of that agency, supervisors of its subtree, admin; otherwise 404.`,
        description: {
          vi: `Mẫu 06: sổ theo dõi hồ sơ của một cơ quan từ ngày đến ngày (tối đa 366 ngày), dạng ${format.toUpperCase()}.`,
          en: `Form 06: an agency's tracking book for local dates from–to (at most 366 days), as ${format.toUpperCase()}.`,
        },
        response: format === 'pdf' ? PDF : XLSX,
        examples: { query: { agencyId: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f', from: '2026-11-01', to: '2026-11-30' } },
      },
      async ({ actor, query, res }) =>
        sendFile(
          res,
          await documents.trackingBook(actor, query, format),
          format,
          `so-theo-doi-${query.from}-${query.to}`,
        ),
    );
  }

  const refusalAccess = 'Who: staff of the refusing agency, supervisors of its subtree, admin; otherwise 404.';
  api.endpoint<never, RefusalListInput>(
    {
      method: 'get',
      path: '/refusals',
      tag,
      access: ALL_STAFF,
      schema: { query: Joi.object({ ...pageQuery, from: isoDate, to: isoDate }) },
      summary: `Refusals at the counter (form 03 records), newest first, keyset pagination, local dates from/to. ${refusalAccess}`,
      description: {
        vi: 'Các lần từ chối tiếp nhận tại bộ phận một cửa (mẫu 03), mới nhất trước, lọc theo ngày.',
        en: 'Refusals at the counter (form 03), newest first, filtered by local dates.',
      },
      response: documentResponses.refusals,
      examples: { query: { from: '2026-11-01', to: '2026-11-30', limit: 20 } },
    },
    ({ actor, query }) => refusals.list(actor, query),
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'get',
      path: '/refusals/:id',
      tag,
      access: ALL_STAFF,
      schema: { params: id },
      summary: `One refusal. ${refusalAccess}`,
      description: { vi: 'Một lần từ chối tiếp nhận với lý do.', en: 'One refusal with its reasons.' },
      response: documentResponses.refusal,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    ({ actor, params }) => refusals.get(actor, params.id),
  );
  api.endpoint<never, LayoutQuery, IdParams>(
    {
      method: 'get',
      path: '/refusals/:id/document.pdf',
      tag,
      access: ALL_STAFF,
      schema: { params: id, query: Joi.object(layoutQuery) },
      summary: `Form 03, refusal slip, for a recorded refusal. ${refusalAccess}`,
      description: {
        vi: 'Mẫu 03: phiếu từ chối tiếp nhận giải quyết hồ sơ.',
        en: 'Form 03: the refusal slip of a recorded refusal.',
      },
      response: PDF,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    async ({ actor, params, query, res }) => {
      const { pdf, id: refusalId } = await documents.refusal(actor, params.id, query);
      return sendFile(res, pdf, 'pdf', `phieu-tu-choi-${refusalId}`);
    },
  );
}
