import Joi from 'joi';
import { isoInstant } from '../../http/joi-types.js';
import { pageQuery } from '../../http/pagination.js';
import { STATUSES, type Action } from './dossier.transitions.js';

const text = (max: number) => Joi.string().trim().min(1).max(max);
const version = Joi.number().integer().min(1);
const id = Joi.object({ id: Joi.string().guid().required() });

export const applicantSchema = Joi.object({
  name: text(200).required(),
  idNumber: Joi.string().pattern(/^\d{9,12}$/, 'CCCD/CMND'),
  phone: Joi.string().pattern(/^\+?[\d\s.-]{8,20}$/, 'phone'),
  email: Joi.string().email({ tlds: false }).max(200),
  address: text(500),
});

export const CHANNELS = ['direct', 'online', 'postal'] as const;

export const intakeSchema = {
  body: Joi.object({
    procedureCode: text(40).required(),
    channel: Joi.string().valid(...CHANNELS).required(),
    applicant: applicantSchema.required(),
    components: Joi.array().items(Joi.object({ name: text(300).required(), copies: Joi.number().integer().min(1).max(100) })).max(100),
    note: text(2000),
    agencyId: Joi.string().guid(),
  }),
};

export const refusalSchema = {
  body: Joi.object({
    procedureCode: text(40).required(),
    applicant: applicantSchema.required(),
    reasons: Joi.array().items(text(1000)).min(1).max(20).required(),
  }),
};

export const actionSchemas: Record<Action, Joi.ObjectSchema> = {
  assign: Joi.object({ assigneeId: Joi.string().guid().required(), version }),
  forward: Joi.object({ note: text(2000), version }),
  'send-back': Joi.object({ reason: text(2000).required(), version }),
  'request-supplement': Joi.object({ items: Joi.array().items(text(500)).min(1).max(50).required(), reason: text(2000).required(), again: Joi.boolean(), version }),
  'receive-supplement': Joi.object({ note: text(2000), version }),
  pause: Joi.object({ reason: Joi.string().valid('financial_obligation', 'other_legal').required(), note: text(2000), version }),
  resume: Joi.object({ note: text(2000), version }),
  transfer: Joi.object({ toAgencyId: Joi.string().guid().required(), reason: text(2000).required(), version }),
  apologize: Joi.object({ reason: text(2000).required(), promisedAt: isoInstant.required(), version }),
  decide: Joi.object({
    outcome: Joi.string().valid('approved', 'rejected').required(),
    reason: text(2000).when('outcome', { is: 'rejected', then: Joi.required() }),
    version,
  }),
  'return-result': Joi.object({ method: Joi.string().valid('counter', 'post', 'online').required(), version }),
  withdraw: Joi.object({ reason: text(2000), version }),
};

export const dossierIdSchema = { params: id };

export const listDossiersSchema = {
  query: Joi.object({
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

export const inboxSchema = { query: Joi.object({ limit: Joi.number().integer().min(1).max(200).default(50) }) };

const importEvent = Joi.object({
  type: Joi.string().valid('supplement_requested', 'supplement_received', 'paused', 'resumed', 'transferred', 'extended', 'decided', 'returned', 'withdrawn', 'rated').required(),
  at: isoInstant.required(),
  again: Joi.boolean(),
  items: Joi.array().items(text(500)).min(1).max(50),
  reason: text(2000).when('type', { is: 'paused', then: Joi.valid('financial_obligation', 'other_legal').required() })
    .when('type', { is: 'extended', then: Joi.required() }),
  toAgencyId: Joi.string().guid().when('type', { is: 'transferred', then: Joi.required(), otherwise: Joi.forbidden() }),
  promisedAt: isoInstant.when('type', { is: 'extended', then: Joi.required(), otherwise: Joi.forbidden() }),
  outcome: Joi.string().valid('approved', 'rejected').when('type', { is: 'decided', then: Joi.required(), otherwise: Joi.forbidden() }),
  method: Joi.string().valid('counter', 'post', 'online').when('type', { is: 'returned', then: Joi.required(), otherwise: Joi.forbidden() }),
  level: Joi.string().valid('very_satisfied', 'satisfied', 'neutral', 'dissatisfied').when('type', { is: 'rated', then: Joi.required(), otherwise: Joi.forbidden() }),
  comment: text(2000),
  note: text(2000),
});

export const importSchema = {
  body: Joi.object({
    items: Joi.array().min(1).max(1000).required().items(Joi.object({
      externalId: text(100),
      code: Joi.string().trim().max(60).pattern(/^[0-9A-Za-z.-]+$/),
      procedureCode: text(40).required(),
      agencyId: Joi.string().guid().required(),
      receivingAgencyId: Joi.string().guid(),
      channel: Joi.string().valid(...CHANNELS).required(),
      receivedAt: isoInstant.required(),
      applicant: applicantSchema.required(),
      events: Joi.array().items(importEvent).max(200).default([]),
    })),
  }),
};
