import Joi from 'joi';
import { isoDate, isoInstant, timeOfDay } from '../../http/joi-types.js';
import { BUDGET_UNITS } from './deadline.js';

function validTimeZone(value: string, helpers: Joi.CustomHelpers) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value;
  } catch {
    return helpers.error('any.invalid');
  }
}

/** Office windows must be in order and not overlap. */
function orderedWindows(value: Array<{ start: string; end: string }>, helpers: Joi.CustomHelpers) {
  let previousEnd = '00:00';
  for (const w of value) {
    if (w.start >= w.end || w.start < previousEnd) return helpers.error('any.invalid');
    previousEnd = w.end;
  }
  return value;
}

export const calendarSettingsSchema = Joi.object({
  timeZone: Joi.string().max(64).custom(validTimeZone).default('Asia/Ho_Chi_Minh'),
  weekdays: Joi.array().items(Joi.number().integer().min(1).max(7)).min(1).unique().default([1, 2, 3, 4, 5]),
  windows: Joi.array()
    .items(Joi.object({ start: timeOfDay.required(), end: timeOfDay.required() }))
    .min(1)
    .max(6)
    .custom(orderedWindows)
    .default([
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ]),
});

export const daysSchema = {
  query: Joi.object({ from: isoDate.required(), to: isoDate.required(), agencyId: Joi.string().guid() }),
};

export const deadlineSchema = {
  query: Joi.object({
    start: isoInstant.required(),
    value: Joi.number()
      .min(0)
      .max(10_000)
      .required()
      .when('unit', { is: Joi.valid('working_days', 'calendar_days'), then: Joi.number().integer() }),
    unit: Joi.string()
      .valid(...BUDGET_UNITS)
      .required(),
    cutoff: timeOfDay,
    agencyId: Joi.string().guid(),
  }),
};

export const lunarSchema = { query: Joi.object({ date: isoDate.required() }) };

export const solarSchema = {
  query: Joi.object({
    year: Joi.number().integer().min(1800).max(2199).required(),
    month: Joi.number().integer().min(1).max(12).required(),
    day: Joi.number().integer().min(1).max(30).required(),
    leap: Joi.boolean().default(false),
  }),
};

const year = Joi.object({ year: Joi.number().integer().min(2000).max(2100).required() });
const overrideList = Joi.array()
  .items(Joi.object({ date: isoDate.required(), reason: Joi.string().trim().min(1).max(300).required() }))
  .max(366);

export const getOverridesSchema = { params: year, query: Joi.object({ agencyId: Joi.string().guid() }) };

export const putOverridesSchema = {
  params: year,
  query: Joi.object({ agencyId: Joi.string().guid() }),
  body: Joi.object({ daysOff: overrideList.required(), workingDays: overrideList.required() }),
};

export interface OverridesBody {
  daysOff: Array<{ date: string; reason: string }>;
  workingDays: Array<{ date: string; reason: string }>;
}
