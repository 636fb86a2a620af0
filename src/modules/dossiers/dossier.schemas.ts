import Joi from 'joi';
import { isoInstant } from '../../http/joi-types.js';
import { pageQuery } from '../../http/pagination.js';
import {
  CHANNELS,
  NOTIFY_CHANNELS,
  OUTCOMES,
  RATING_LEVELS,
  RETURN_METHODS,
  STAFF_PAUSE_REASONS,
  STATUSES,
  type Applicant,
  type Channel,
  type Component,
  type Outcome,
  type RatingLevel,
  type ReturnMethod,
  type Status,
} from '../../lib/values.js';
import type { StaffAction } from './dossier.transitions.js';

/**
 * One joi schema per endpoint with its TypeScript type beside it (style.md 12). `Joi.object<T, true>`
 * makes the compiler check that the schema has exactly the type's keys, so the two cannot drift.
 */

const text = (max: number) => Joi.string().trim().min(1).max(max);
const version = Joi.number().integer().min(1);
const id = Joi.object<{ id: string }, true>({ id: Joi.string().guid().required() });

export const applicantSchema = Joi.object<Applicant, true>({
  name: text(200).required(),
  idNumber: Joi.string().pattern(/^\d{9,12}$/, 'CCCD/CMND'),
  phone: Joi.string().pattern(/^\+?[\d\s.-]{8,20}$/, 'phone'),
  email: Joi.string().email({ tlds: false }).max(200),
  address: text(500),
  notify: Joi.array()
    .items(Joi.string().valid(...NOTIFY_CHANNELS))
    .unique()
    .max(NOTIFY_CHANNELS.length),
});

export interface IntakeBody {
  procedureCode: string;
  channel: Channel;
  applicant: Applicant;
  components?: Component[];
  note?: string;
  agencyId?: string;
}

export const intakeSchema = {
  body: Joi.object<IntakeBody, true>({
    procedureCode: text(40).required(),
    channel: Joi.string()
      .valid(...CHANNELS)
      .required(),
    applicant: applicantSchema.required(),
    components: Joi.array()
      .items(
        Joi.object<Component, true>({
          name: text(300).required(),
          copies: Joi.number().integer().min(1).max(100),
        }),
      )
      .max(100),
    note: text(2000),
    agencyId: Joi.string().guid(),
  }),
};

export interface RefusalBody {
  procedureCode: string;
  applicant: Applicant;
  reasons: string[];
}

export const refusalSchema = {
  body: Joi.object<RefusalBody, true>({
    procedureCode: text(40).required(),
    applicant: applicantSchema.required(),
    reasons: Joi.array().items(text(1000)).min(1).max(20).required(),
  }),
};

/** The body of each action; `version` is the optimistic-lock check (or `If-Match`). */
export interface ActionBodies {
  assign: { assigneeId: string; version?: number };
  forward: { note?: string; version?: number };
  'send-back': { reason: string; version?: number };
  'request-supplement': { items: string[]; reason: string; again?: boolean; version?: number };
  'receive-supplement': { note?: string; version?: number };
  pause: { reason: (typeof STAFF_PAUSE_REASONS)[number]; note?: string; version?: number };
  resume: { note?: string; version?: number };
  transfer: { toAgencyId: string; reason: string; version?: number };
  apologize: { reason: string; promisedAt: string; version?: number };
  decide: { outcome: Outcome; reason?: string; version?: number };
  'return-result': { method: ReturnMethod; version?: number };
  withdraw: { reason?: string; version?: number };
  'reissue-pin': Record<string, never>;
  'print-receipt': { layout: string; withPin: boolean };
  rate: { level: RatingLevel; comment?: string };
}

// files (issue 15): bodies of the file actions, sent by src/modules/files in its own transaction (no HTTP
// schema here: the files module validates its requests). The event records them without the name.
export interface FileAttachBody {
  fileId: string;
  componentIndex: number | null;
  contentType: string;
  size: number;
  sha256: string;
  reused: boolean;
  /** Import only: a historical attachment known by reference, and whether it was made at intake. */
  imported?: boolean;
  atIntake?: boolean;
  attachedAt?: string;
}
export interface FileRemoveBody {
  fileId: string;
  kind: 'component' | 'result';
  componentIndex: number | null;
  sha256: string;
  /** The step that was open when the file was added (null: after the decision). */
  stepSeq: number | null;
  imported: boolean;
}
// Declaration merging: the file actions join the action bodies without touching the block above.
export interface ActionBodies {
  'attach-component': FileAttachBody;
  'attach-result': FileAttachBody;
  'remove-component': FileRemoveBody;
  'remove-result': FileRemoveBody;
}
// end files (issue 15)

type Bodies<A extends keyof ActionBodies> = { [K in A]: Joi.ObjectSchema<ActionBodies[K]> };
const body = <A extends keyof ActionBodies>(map: Joi.StrictSchemaMap<ActionBodies[A]>) =>
  Joi.object<ActionBodies[A], true>(map);

export const actionSchemas: Bodies<StaffAction> = {
  assign: body<'assign'>({ assigneeId: Joi.string().guid().required(), version }),
  forward: body<'forward'>({ note: text(2000), version }),
  'send-back': body<'send-back'>({ reason: text(2000).required(), version }),
  'request-supplement': body<'request-supplement'>({
    items: Joi.array().items(text(500)).min(1).max(50).required(),
    reason: text(2000).required(),
    again: Joi.boolean(),
    version,
  }),
  'receive-supplement': body<'receive-supplement'>({ note: text(2000), version }),
  pause: body<'pause'>({
    reason: Joi.string()
      .valid(...STAFF_PAUSE_REASONS)
      .required(),
    note: text(2000),
    version,
  }),
  resume: body<'resume'>({ note: text(2000), version }),
  transfer: body<'transfer'>({ toAgencyId: Joi.string().guid().required(), reason: text(2000).required(), version }),
  apologize: body<'apologize'>({ reason: text(2000).required(), promisedAt: isoInstant.required(), version }),
  decide: body<'decide'>({
    outcome: Joi.string()
      .valid(...OUTCOMES)
      .required(),
    reason: text(2000).when('outcome', { is: 'rejected', then: Joi.required() }),
    version,
  }),
  'return-result': body<'return-result'>({
    method: Joi.string()
      .valid(...RETURN_METHODS)
      .required(),
    version,
  }),
  withdraw: body<'withdraw'>({ reason: text(2000), version }),
};

export const dossierIdSchema = { params: id };

/** The one list filter: the query as validated, read by the service and the repository alike. */
export interface ListQuery {
  status?: Status;
  agencyId?: string;
  procedureCode?: string;
  channel?: Channel;
  receivedFrom?: string;
  receivedTo?: string;
  dueBefore?: string;
  overdue?: boolean;
  dueSoon?: boolean;
  assigneeId?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export const listDossiersSchema = {
  query: Joi.object<ListQuery, true>({
    status: Joi.string().valid(...STATUSES),
    agencyId: Joi.string().guid(),
    procedureCode: text(40),
    channel: Joi.string().valid(...CHANNELS),
    receivedFrom: isoInstant,
    receivedTo: isoInstant,
    dueBefore: isoInstant,
    overdue: Joi.boolean().valid(true),
    dueSoon: Joi.boolean().valid(true),
    assigneeId: Joi.string().guid(),
    q: text(200),
    ...pageQuery,
  }),
};

export const inboxSchema = {
  query: Joi.object<{ limit: number }, true>({ limit: Joi.number().integer().min(1).max(200).default(50) }),
};

/** Historical event types of the import format, and the actions they replay. */
export const IMPORT_ACTIONS = {
  forwarded: 'forward',
  supplement_requested: 'request-supplement',
  supplement_received: 'receive-supplement',
  paused: 'pause',
  resumed: 'resume',
  transferred: 'transfer',
  extended: 'apologize',
  decided: 'decide',
  returned: 'return-result',
  withdrawn: 'withdraw',
  rated: 'rate',
} as const;
export type ImportEventType = keyof typeof IMPORT_ACTIONS;

export interface ImportEvent {
  type: ImportEventType;
  at: string;
  again?: boolean;
  items?: string[];
  reason?: string;
  toAgencyId?: string;
  promisedAt?: string;
  outcome?: Outcome;
  method?: ReturnMethod;
  level?: RatingLevel;
  comment?: string;
  note?: string;
}

const importEvent = Joi.object<ImportEvent, true>({
  type: Joi.string()
    .valid(...Object.keys(IMPORT_ACTIONS))
    .required(),
  at: isoInstant.required(),
  again: Joi.boolean(),
  items: Joi.array().items(text(500)).min(1).max(50),
  reason: text(2000)
    .when('type', { is: 'paused', then: Joi.valid(...STAFF_PAUSE_REASONS).required() })
    .when('type', { is: 'extended', then: Joi.required() }),
  toAgencyId: Joi.string().guid().when('type', { is: 'transferred', then: Joi.required(), otherwise: Joi.forbidden() }),
  promisedAt: isoInstant.when('type', { is: 'extended', then: Joi.required(), otherwise: Joi.forbidden() }),
  outcome: Joi.string()
    .valid(...OUTCOMES)
    .when('type', { is: 'decided', then: Joi.required(), otherwise: Joi.forbidden() }),
  method: Joi.string()
    .valid(...RETURN_METHODS)
    .when('type', { is: 'returned', then: Joi.required(), otherwise: Joi.forbidden() }),
  level: Joi.string()
    .valid(...RATING_LEVELS)
    .when('type', { is: 'rated', then: Joi.required(), otherwise: Joi.forbidden() }),
  comment: text(2000),
  note: text(2000),
});

export interface ImportItem {
  externalId?: string;
  code?: string;
  procedureCode: string;
  agencyId: string;
  receivingAgencyId?: string;
  channel: Channel;
  receivedAt: string;
  applicant: Applicant;
  events: ImportEvent[];
  /** files (issue 15): the declared components, which file refs point at by index. */
  components?: Component[];
  /** files (issue 15): refs checked per item by the files module (`ImportedFiles.check`). */
  files?: unknown[];
}

// files (issue 15): the request only says each file ref is an object (documented here); the files
// module checks its fields when the item is replayed, so one bad ref fails its item (VALIDATION_FAILED,
// paths `items.<i>.files.<j>.<field>`), not the whole import.
const importFileRef = Joi.object({
  kind: Joi.any().description('`component` | `result` (bắt buộc — required)').example('component'),
  componentIndex: Joi.any()
    .description('Số thứ tự (từ 0) của thành phần trong `components` — index into `components`; component only')
    .example(0),
  name: Joi.any().description('Tên tệp (≤ 255 ký tự) — file name (required)').example('Tờ khai.pdf'),
  contentType: Joi.any()
    .description('PDF, JPEG, PNG, TIFF, DOCX, XLSX, XML media type (required)')
    .example('application/pdf'),
  size: Joi.any().description('Kích thước (byte) — size in bytes (required)').example(182044),
  sha256: Joi.any().description('SHA-256, 64 chữ số hex — 64 hex digits (required)').example('ab'.repeat(32)),
  attachedAt: Joi.any()
    .description(
      'Thời điểm đính kèm (ISO 8601), trong khoảng [receivedAt, hiện tại]; tệp kết quả phải trước `returned` — ' +
        'when it was attached, in [receivedAt, now]; a result file strictly before `returned` (required)',
    )
    .example('2025-10-06T09:05:00+07:00'),
  atIntake: Joi.any()
    .description('Số hóa khi tiếp nhận (boolean, mặc định false) — scanned at intake by the receiving unit')
    .example(true),
  reused: Joi.any().description('Tái sử dụng tệp đã số hóa (boolean, mặc định false) — reuse').example(false),
}).unknown(true);

export const importSchema = {
  body: Joi.object<{ items: ImportItem[] }, true>({
    items: Joi.array()
      .min(1)
      .max(1000)
      .required()
      .items(
        Joi.object<ImportItem, true>({
          externalId: text(100),
          code: Joi.string()
            .trim()
            .max(60)
            .pattern(/^[0-9A-Za-z.-]+$/),
          procedureCode: text(40).required(),
          agencyId: Joi.string().guid().required(),
          receivingAgencyId: Joi.string().guid(),
          channel: Joi.string()
            .valid(...CHANNELS)
            .required(),
          receivedAt: isoInstant.required(),
          applicant: applicantSchema.required(),
          events: Joi.array().items(importEvent).max(200).default([]),
          // The same rule as at intake.
          components: intakeSchema.body.extract('components') as Joi.ArraySchema<Component[]>,
          files: Joi.array()
            .items(importFileRef)
            .max(200)
            .description(
              'Tệp của hồ sơ lịch sử, chỉ tham chiếu (không có nội dung), để tính chỉ số số hóa của kỳ cũ — ' +
                'file references (no content) so the digitisation figures of past periods count them',
            ),
        }),
      ),
  }),
};

/** Public lookup: the printed code and a second factor (domain B6). */
export interface SecondFactor {
  pin?: string;
  phone4?: string;
}
