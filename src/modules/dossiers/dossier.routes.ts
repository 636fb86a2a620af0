import type { Api } from '../../http/endpoint.js';
import { AppError } from '../../http/errors.js';
import { requestLanguage } from '../../http/language.js';
import { renderMessage } from '../../http/messages.js';
import { ALL_STAFF } from '../auth/roles.js';
import {
  actionSchemas,
  dossierIdSchema,
  importSchema,
  inboxSchema,
  intakeSchema,
  listDossiersSchema,
  refusalSchema,
  type ActionBodies,
  type ImportItem,
  type IntakeBody,
  type ListQuery,
  type RefusalBody,
} from './dossier.schemas.js';
import { actionDocs } from './dossier.docs.js';
import { dossierExamples, dossierResponses } from './dossier.responses.js';
import type { DossierService } from './dossier.service.js';
import { rolesOf, STAFF_ACTIONS, type StaffAction } from './dossier.transitions.js';

type IdParams = { id: string };
const tag = 'Dossiers';

/** `If-Match: 7` or `If-Match: "7"`: the dossier version the client saw. */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { path: 'headers.if-match', type: 'version.invalid', message: 'If-Match: <version>' },
    ]);
  }
  return Number(match[1]);
}

function idempotencyKey(header: string | undefined): string | undefined {
  if (header !== undefined && !/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new AppError('VALIDATION_FAILED', {}, [
      {
        path: 'headers.idempotency-key',
        type: 'string.pattern.base',
        message: 'Idempotency-Key: 1–200 visible ASCII characters',
      },
    ]);
  }
  return header;
}

export function dossierRoutes(api: Api, service: DossierService, afterImport: () => Promise<void>): void {
  api.endpoint<IntakeBody>(
    {
      method: 'post',
      path: '/dossiers',
      tag,
      access: ['receptionist'],
      schema: intakeSchema,
      status: 201,
      summary: 'Receive a dossier at the counter (form 01); honours Idempotency-Key',
      description: {
        vi: 'Tiếp nhận hồ sơ tại bộ phận một cửa: cấp mã hồ sơ, tính hạn giải quyết theo lịch làm việc, trả mã PIN tra cứu (chỉ một lần). Gửi lại cùng Idempotency-Key trả lại đúng kết quả cũ.',
        en: 'Receives a dossier at the counter: assigns its code, computes the deadline in working time, returns the lookup PIN (once). A retry with the same Idempotency-Key returns the same answer.',
      },
      response: dossierResponses.intake,
      examples: {
        response: dossierExamples.intake,
        body: {
          procedureCode: '1.001193',
          channel: 'direct',
          applicant: {
            name: 'Nguyễn Văn An',
            idNumber: '034090001234',
            phone: '0912 345 678',
            address: 'Số 5 đường Nguyễn Văn Linh, phường Sơn Nam, Hưng Yên',
          },
          components: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }],
          note: 'Nộp tại quầy số 3',
        },
      },
    },
    async ({ actor, body, req, res }) => {
      const result = await service.intake(actor, body, idempotencyKey(req.get('idempotency-key')));
      res.status(result.status).json(result.body);
    },
  );

  api.endpoint<RefusalBody>(
    {
      method: 'post',
      path: '/refusals',
      tag,
      access: ['receptionist'],
      schema: refusalSchema,
      status: 201,
      summary: 'Record a refusal at the counter (form 03); no dossier code is used',
      description: {
        vi: 'Ghi nhận việc từ chối tiếp nhận hồ sơ tại quầy (mẫu 03) với lý do; không cấp mã hồ sơ.',
        en: 'Records a refusal at the counter (form 03) with its reasons; no dossier code is used.',
      },
      response: dossierResponses.refusal,
      examples: {
        body: {
          procedureCode: '1.001193',
          applicant: {
            name: 'Nguyễn Văn An',
            idNumber: '034090001234',
            phone: '0912 345 678',
            address: 'Số 5 đường Nguyễn Văn Linh, phường Sơn Nam, Hưng Yên',
          },
          reasons: ['Thiếu bản chính giấy tờ tùy thân'],
        },
      },
    },
    ({ actor, body }) => service.refuse(actor, body),
  );

  api.endpoint<never, ListQuery>(
    {
      method: 'get',
      path: '/dossiers',
      tag,
      access: ALL_STAFF,
      schema: listDossiersSchema,
      summary: "Dossiers in the caller's scope, with filters and keyset pagination",
      description: {
        vi: 'Hồ sơ trong phạm vi người gọi (cơ quan giải quyết hoặc tiếp nhận; giám sát: cả nhánh), lọc theo trạng thái, cơ quan, thủ tục, kênh, ngày, quá hạn, sắp đến hạn, từ khóa.',
        en: "Dossiers in the caller's scope (handling or receiving agency; supervisors their subtree), filtered by status, agency, procedure, channel, dates, overdue, due soon, text.",
      },
      response: dossierResponses.list,
      examples: { query: { status: 'processing', limit: 20 }, response: dossierExamples.list },
    },
    ({ actor, query }) => service.list(actor, query),
  );

  api.endpoint<never, { limit: number }>(
    {
      method: 'get',
      path: '/dossiers/inbox',
      tag,
      access: ALL_STAFF,
      schema: inboxSchema,
      summary: 'What the caller must act on',
      description: {
        vi: 'Việc cần làm của người gọi: hồ sơ đang ở bước của vai trò mình hoặc được phân công cho mình, hạn sớm nhất trước.',
        en: "What the caller must act on: dossiers at a step of the caller's role or assigned to them, earliest due first.",
      },
      response: dossierResponses.inbox,
      examples: { query: { limit: 20 } },
    },
    ({ actor, query }) => service.inbox(actor, query.limit),
  );

  api.endpoint<never, never, IdParams>(
    {
      method: 'get',
      path: '/dossiers/:id',
      tag,
      access: ALL_STAFF,
      schema: dossierIdSchema,
      summary: 'A dossier with its control slip (form 05), pauses and remaining time',
      description: {
        vi: 'Một hồ sơ với các bước xử lý (phiếu kiểm soát, mẫu 05), các lần tạm dừng và thời gian còn lại, kèm nhãn tiếng Việt của trạng thái, kênh, kết quả.',
        en: 'A dossier with its steps (control slip, form 05), pauses and remaining time, with Vietnamese labels of status, channel and outcome.',
      },
      response: dossierResponses.detail,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' }, response: dossierExamples.detail },
    },
    ({ actor, params }) => service.get(actor, params.id),
  );

  api.endpoint<never, never, IdParams>(
    {
      method: 'get',
      path: '/dossiers/:id/events',
      tag,
      access: ALL_STAFF,
      schema: dossierIdSchema,
      summary: 'The append-only event log of a dossier',
      description: {
        vi: 'Nhật ký sự kiện (chỉ ghi thêm) của hồ sơ: mỗi thao tác, ai làm, lúc nào, trạng thái trước và sau.',
        en: 'The append-only event log: each action, who, when, status before and after.',
      },
      response: dossierResponses.events,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    ({ actor, params }) => service.events(actor, params.id),
  );

  api.endpoint<{ items: ImportItem[] }>(
    {
      method: 'post',
      path: '/dossiers/import',
      tag,
      access: ['admin'],
      schema: importSchema,
      summary: 'Import historical dossiers (≤ 1000 per request), replayed through the lifecycle',
      description: {
        vi: 'Nhập hồ sơ lịch sử từ hệ thống cũ (tối đa 1000 mỗi lần), phát lại qua đúng quy trình tại các thời điểm đã ghi; mỗi hồ sơ có kết quả riêng (created, exists, error). `files` (tùy chọn): tham chiếu tệp (loại, thành phần, tên, kiểu, kích thước, SHA-256, thời điểm) được ghi đúng vị trí trong lịch sử, để tính chỉ số số hóa của kỳ cũ; tệp kết quả phải trước `returned`; một tham chiếu sai làm hỏng cả hồ sơ đó (VALIDATION_FAILED với đường dẫn items.<i>.files.<j>.<trường>, IMPORT_FILE_AFTER_RETURN), không ghi gì của hồ sơ đó.',
        en: 'Imports historical dossiers (at most 1000 per request), replayed through the lifecycle at their recorded instants; one result per item (created, exists, error). Optional `files`: file references (kind, component, name, type, size, SHA-256, instant) recorded at their place in the history, so the digitisation figures of past periods count them; a result file must come before `returned`; one bad reference fails its whole item (VALIDATION_FAILED with paths items.<i>.files.<j>.<field>, IMPORT_FILE_AFTER_RETURN) and nothing of that item is written.',
      },
      response: dossierResponses.import,
      examples: {
        body: {
          items: [
            {
              externalId: 'HY-2025-000123',
              procedureCode: '1.001193',
              agencyId: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f',
              channel: 'online',
              receivedAt: '2025-10-06T09:00:00+07:00',
              applicant: { name: 'Trần Thị Bình' },
              events: [
                { type: 'decided', at: '2025-10-08T15:00:00+07:00', outcome: 'approved' },
                { type: 'returned', at: '2025-10-09T10:00:00+07:00', method: 'counter' },
              ],
              components: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }],
              files: [
                {
                  kind: 'component',
                  componentIndex: 0,
                  name: 'To-khai.pdf',
                  contentType: 'application/pdf',
                  size: 182044,
                  sha256: '9f2c4b1d7e8a6f3c5b0d2e4a6c8e0f1a3b5d7f9e1c3a5b7d9f0e2c4a6b8d0f1e',
                  attachedAt: '2025-10-06T09:05:00+07:00',
                  atIntake: true,
                },
                {
                  kind: 'result',
                  name: 'Giay-khai-sinh.pdf',
                  contentType: 'application/pdf',
                  size: 95210,
                  sha256: '1e3c5a7b9d0f2e4c6a8b0d1f3e5c7a9b2d4f6e8a0c1e3b5d7f9a2c4e6b8d0f1a',
                  attachedAt: '2025-10-08T15:05:00+07:00',
                },
              ],
            },
          ],
        },
      },
    },
    async ({ actor, body, req }) => {
      const lang = requestLanguage(req);
      const results = await service.importItems(actor, body.items, afterImport);
      return {
        results: results.map((r) =>
          r.status === 'error'
            ? {
                index: r.index,
                externalId: r.externalId,
                status: r.status,
                // files (issue 15): field errors (a bad file ref) name their place, e.g. items.3.files.0.sha256.
                errors: (r.error.errors ?? [undefined]).map((field) => ({
                  code: r.error.code,
                  message: renderMessage(r.error.code, lang, r.error.params),
                  ...(field ? { path: field.path, type: field.type } : {}),
                })),
              }
            : r,
        ),
      };
    },
  );

  api.endpoint<never, never, IdParams>(
    {
      method: 'post',
      path: '/dossiers/:id/reissue-pin',
      tag,
      access: rolesOf('reissue-pin'),
      schema: dossierIdSchema,
      summary: 'Issue a new lookup PIN for a lost receipt (receiving unit); the old one stops working; shown once',
      description: {
        vi: 'Cấp lại mã PIN tra cứu khi người nộp mất giấy tiếp nhận (bộ phận đã tiếp nhận); mã cũ hết hiệu lực; mã mới chỉ hiện một lần.',
        en: 'Issues a new lookup PIN for a lost receipt (the receiving unit); the old one stops working; shown once.',
      },
      response: dossierResponses.reissuePin,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    ({ actor, params }) => service.reissuePin(actor, params.id),
  );

  // One endpoint per action; who may call it is the access matrix of dossier.transitions.ts.
  for (const action of STAFF_ACTIONS) actionRoute(api, service, action);
}

function actionRoute<A extends StaffAction>(api: Api, service: DossierService, action: A): void {
  api.endpoint<ActionBodies[A], never, IdParams>(
    {
      method: 'post',
      path: `/dossiers/:id/${action}`,
      tag,
      access: rolesOf(action),
      schema: { params: dossierIdSchema.params, body: actionSchemas[action] },
      summary: `Action: ${action} (optional version / If-Match)`,
      description: { vi: actionDocs[action].vi, en: actionDocs[action].en },
      response: dossierResponses.action,
      examples: {
        params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' },
        body: actionDocs[action].body,
        response: dossierExamples.action,
      },
    },
    ({ actor, params, body, req }) => service.act(actor, params.id, action, body, ifMatchVersion(req.get('if-match'))),
  );
}
