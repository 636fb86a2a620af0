import Joi from 'joi';
import { instant, localDate, shape, uuid } from '../../http/responses.js';

/** The answers of the calendar endpoints (calendar.service.ts, calendar.routes.ts). */
const override = shape({ date: localDate, reason: Joi.string().example('Tết Nguyên đán') });

const overrides = {
  year: Joi.number().integer().example(2026),
  agencyId: uuid.allow(null).description('null: lịch quốc gia — national schedule'),
  daysOff: Joi.array().items(override),
  workingDays: Joi.array().items(override),
};

export const calendarResponses = {
  days: shape({
    timeZone: Joi.string().example('Asia/Ho_Chi_Minh'),
    days: Joi.array().items(
      shape({
        date: localDate,
        working: Joi.boolean(),
        reasons: Joi.array()
          .items(Joi.string().example('Nghỉ hằng tuần'))
          .description('Vì sao nghỉ / làm bù — why off or worked'),
      }),
    ),
  }),
  deadline: shape({
    start: instant.description('Thời điểm tiếp nhận — receipt instant'),
    clockStart: instant.description('Bắt đầu tính thời hạn — clock start'),
    dueAt: instant.description('Hạn giải quyết — legal deadline'),
  }),
  lunar: shape({
    day: Joi.number().integer().example(15),
    month: Joi.number().integer().example(8),
    year: Joi.number().integer().example(2026),
    leap: Joi.boolean(),
  }),
  solar: shape({ date: localDate }),
  overrides: shape(overrides),
  replaced: shape({
    ...overrides,
    recomputeJobIds: Joi.array()
      .items(uuid)
      .description('Công việc tính lại thời hạn — deadline recomputation jobs started'),
  }),
};
