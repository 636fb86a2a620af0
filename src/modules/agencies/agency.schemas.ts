import Joi from 'joi';
import { pageQuery } from '../../http/pagination.js';
import { isoDate } from '../../http/joi-types.js';
import { calendarSettingsSchema } from '../calendar/calendar.schemas.js';
import { AGENCY_LEVELS } from './agency.service.js';

/** QCVN 102:2016/BTTTT electronic ID, e.g. 000.00.21.H40 (domain A5). */
export const electronicIdPattern = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

const electronicId = Joi.string().pattern(electronicIdPattern, 'QCVN 102 (000.00.21.H40)');
const name = Joi.string().trim().min(2).max(300);
const level = Joi.string().valid(...AGENCY_LEVELS);
const id = Joi.object({ id: Joi.string().guid().required() });

export const createAgencySchema = {
  body: Joi.object({
    name: name.required(),
    electronicId: electronicId.required(),
    level: level.required(),
    parentId: Joi.string().guid().allow(null),
    calendar: calendarSettingsSchema.allow(null),
    activeFrom: isoDate,
  }),
};

export const listAgenciesSchema = {
  query: Joi.object({
    parentId: Joi.alternatives(Joi.string().guid(), Joi.string().valid('root')),
    level,
    active: Joi.boolean(),
    q: Joi.string().trim().min(1).max(100),
    ...pageQuery,
  }),
};

export const treeSchema = { query: Joi.object({ rootId: Joi.string().guid() }) };

export const agencyIdSchema = { params: id };

export const updateAgencySchema = {
  params: id,
  body: Joi.object({
    name,
    electronicId,
    level,
    parentId: Joi.string().guid().allow(null),
    active: Joi.boolean(),
    calendar: calendarSettingsSchema.allow(null).description("Own working calendar; null = inherit the parent's"),
    effectiveFrom: isoDate,
  }).min(1),
};
