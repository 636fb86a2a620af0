import Joi from 'joi';
import { pageQuery } from '../../http/pagination.js';
import { AGENCY_LEVELS } from './agency.service.js';

/** QCVN 102:2016/BTTTT electronic ID, e.g. 000.00.21.H40 (domain A5). */
export const electronicIdPattern = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

const electronicId = Joi.string().pattern(electronicIdPattern, 'QCVN 102 (000.00.21.H40)');
const name = Joi.string().trim().min(2).max(300);
const level = Joi.string().valid(...AGENCY_LEVELS);
const isoDate = Joi.string().pattern(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').custom((value: string, helpers) => {
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? helpers.error('date.base') : value;
});
const id = Joi.object({ id: Joi.string().guid().required() });

export const createAgencySchema = {
  body: Joi.object({
    name: name.required(),
    electronicId: electronicId.required(),
    level: level.required(),
    parentId: Joi.string().guid().allow(null),
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
    effectiveFrom: isoDate,
  }).min(1),
};
