import type { Response } from 'express';
import Joi from 'joi';
import type { Api } from '../../http/endpoint.js';
import { AppError } from '../../http/errors.js';
import { isoDate } from '../../http/joi-types.js';
import { pageQuery } from '../../http/pagination.js';
import { ALL_STAFF } from '../auth/roles.js';
import type { DocumentsService } from './documents.service.js';
import type { RefusalListInput, RefusalService } from './refusal.service.js';

const tag = 'documents';
const SAME_AS_DOSSIER = 'Any staff member who may read the dossier (its handling or receiving agency; supervisors their subtree; admin); otherwise 404.';
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
  api.endpoint<never, LayoutQuery, IdParams>({
    method: 'get', path: '/dossiers/:id/documents/receipt.pdf', tag, access: ALL_STAFF, schema: { params: id, query: Joi.object(layoutQuery) },
    summary: `Form 01, receipt and appointment (A4, or layout=80mm for a receipt printer), with the tracking QR code. The lookup PIN is printed only when sent in the X-Lookup-Pin header and it matches. Who: ${SAME_AS_DOSSIER}`,
  }, async ({ actor, params, query, req, res }) => {
    const pin = req.get('x-lookup-pin');
    if (pin !== undefined && !LOOKUP_PIN.test(pin)) {
      throw new AppError('VALIDATION_FAILED', {}, [{ path: 'headers.x-lookup-pin', type: 'string.pattern.base', message: 'X-Lookup-Pin: 6 letters or digits' }]);
    }
    // The print is recorded inside documents.receipt (deps.recordReceiptPrint), before the bytes leave.
    const { pdf, code } = await documents.receipt(actor, params.id, { layout: query.layout, lookupPin: pin });
    return sendFile(res, pdf, 'pdf', `giay-tiep-nhan-${fileName(code)}`);
  });
  api.endpoint<never, LayoutQuery & { seq?: number }, IdParams>({
    method: 'get', path: '/dossiers/:id/documents/supplement-request.pdf', tag, access: ALL_STAFF,
    schema: { params: id, query: Joi.object({ ...layoutQuery, seq: Joi.number().integer().min(1) }) },
    summary: `Form 02, supplement request, from the latest request-supplement event (or the event with seq); 409 if none. Who: ${SAME_AS_DOSSIER}`,
  }, async ({ actor, params, query, res }) => {
    const { pdf, code } = await documents.supplementRequest(actor, params.id, query);
    return sendFile(res, pdf, 'pdf', `phieu-yeu-cau-bo-sung-${fileName(code)}`);
  });
  api.endpoint<never, LayoutQuery, IdParams>({
    method: 'get', path: '/dossiers/:id/documents/apology.pdf', tag, access: ALL_STAFF, schema: { params: id, query: Joi.object(layoutQuery) },
    summary: `Form 04, apology and new appointment, from the apologize event; 409 if none. Who: ${SAME_AS_DOSSIER}`,
  }, async ({ actor, params, query, res }) => {
    const { pdf, code } = await documents.apology(actor, params.id, query);
    return sendFile(res, pdf, 'pdf', `phieu-xin-loi-${fileName(code)}`);
  });
  api.endpoint<never, never, IdParams>({
    method: 'get', path: '/dossiers/:id/documents/control-slip.pdf', tag, access: ALL_STAFF, schema: { params: id },
    summary: `Form 05, process control slip: every handover with giver, receiver, times and early / on time / late. Who: ${SAME_AS_DOSSIER}`,
  }, async ({ actor, params, res }) => {
    const { pdf, code } = await documents.controlSlip(actor, params.id);
    return sendFile(res, pdf, 'pdf', `phieu-kiem-soat-${fileName(code)}`);
  });

  const bookSchema = { query: Joi.object({ agencyId: Joi.string().guid().required(), from: isoDate.required(), to: isoDate.required() }) };
  for (const format of ['pdf', 'xlsx'] as const) {
    api.endpoint<never, { agencyId: string; from: string; to: string }>({
      method: 'get', path: `/documents/tracking-book.${format}`, tag, access: ALL_STAFF, schema: bookSchema,
      summary: `Form 06, tracking book (sổ theo dõi hồ sơ) of an agency for local dates from–to (≤ 366 days), as ${format.toUpperCase()}: dossiers the agency received or handles. Who: staff of that agency, supervisors of its subtree, admin; otherwise 404.`,
    }, async ({ actor, query, res }) => sendFile(res, await documents.trackingBook(actor, query, format), format, `so-theo-doi-${query.from}-${query.to}`));
  }

  const refusalAccess = 'Who: staff of the refusing agency, supervisors of its subtree, admin; otherwise 404.';
  api.endpoint<never, RefusalListInput>({
    method: 'get', path: '/refusals', tag, access: ALL_STAFF,
    schema: { query: Joi.object({ ...pageQuery, from: isoDate, to: isoDate }) },
    summary: `Refusals at the counter (form 03 records), newest first, keyset pagination, local dates from/to. ${refusalAccess}`,
  }, ({ actor, query }) => refusals.list(actor, query));
  api.endpoint<never, never, IdParams>({
    method: 'get', path: '/refusals/:id', tag, access: ALL_STAFF, schema: { params: id }, summary: `One refusal. ${refusalAccess}`,
  }, ({ actor, params }) => refusals.get(actor, params.id));
  api.endpoint<never, LayoutQuery, IdParams>({
    method: 'get', path: '/refusals/:id/document.pdf', tag, access: ALL_STAFF, schema: { params: id, query: Joi.object(layoutQuery) },
    summary: `Form 03, refusal slip, for a recorded refusal. ${refusalAccess}`,
  }, async ({ actor, params, query, res }) => {
    const { pdf, id: refusalId } = await documents.refusal(actor, params.id, query);
    return sendFile(res, pdf, 'pdf', `phieu-tu-choi-${refusalId}`);
  });
}
