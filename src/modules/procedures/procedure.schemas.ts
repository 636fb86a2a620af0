import Joi from 'joi';
import { timeOfDay } from '../../http/joi-types.js';
import { pageQuery } from '../../http/pagination.js';
import { ROLES } from '../auth/roles.js';

/** A processing time (domain B2): whole days for day units, hours may be fractional (0.5 day = 4 h). */
export const budgetSchema = Joi.object({
  unit: Joi.string().valid('working_days', 'working_hours', 'calendar_days', 'same_day').required(),
  value: Joi.number().when('unit', {
    switch: [
      { is: 'working_hours', then: Joi.number().greater(0).max(2000).required() },
      { is: 'same_day', then: Joi.number().valid(0).default(0) },
    ],
    otherwise: Joi.number().integer().min(1).max(3650).required(),
  }),
  cutoff: timeOfDay.when('unit', { is: 'same_day', otherwise: Joi.forbidden() }),
});

const step = Joi.object({
  name: Joi.string().trim().min(1).max(200).required(),
  role: Joi.string()
    .valid(...ROLES.filter((r) => r !== 'admin' && r !== 'supervisor'))
    .required(),
  budget: budgetSchema.required(),
});

const fields = {
  name: Joi.string().trim().min(3).max(500),
  field: Joi.string().trim().min(2).max(200),
  agencyId: Joi.string().guid().allow(null),
  budget: budgetSchema,
  supplementPolicy: Joi.string().valid('pause', 'restart'),
  steps: Joi.array().items(step).min(1).max(20),
  fee: Joi.number().integer().min(0).max(1_000_000_000).allow(null),
  requiresResultDocument: Joi.boolean(),
};

export const createProcedureSchema = {
  body: Joi.object({
    code: Joi.string()
      .trim()
      .pattern(/^[0-9A-Za-z.\-_]{3,40}$/)
      .required(),
    ...fields,
    name: fields.name.required(),
    field: fields.field.required(),
    budget: fields.budget.required(),
  }),
};

export const updateProcedureSchema = {
  params: Joi.object({ id: Joi.string().guid().required() }),
  body: Joi.object({ ...fields, active: Joi.boolean() }).min(1),
};

export const procedureIdSchema = { params: Joi.object({ id: Joi.string().guid().required() }) };

export const listProceduresSchema = {
  query: Joi.object({
    code: Joi.string().trim().max(40),
    field: Joi.string().trim().max(200),
    agencyId: Joi.string().guid(),
    q: Joi.string().trim().min(1).max(100),
    active: Joi.boolean(),
    ...pageQuery,
  }),
};
