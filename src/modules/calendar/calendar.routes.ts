import type { Api } from '../../http/endpoint.js';
import { formatInstant } from '../../lib/dates.js';
import { ALL_STAFF } from '../auth/roles.js';
import { calendarResponses } from './calendar.responses.js';
import type { CalendarService } from './calendar.service.js';
import {
  daysSchema,
  deadlineSchema,
  getOverridesSchema,
  lunarSchema,
  putOverridesSchema,
  solarSchema,
  type OverridesBody,
} from './calendar.schemas.js';
import type { Budget } from './deadline.js';
import { zoneOffsetMs } from './working-time.js';

const tag = 'Calendar';
type AgencyQuery = { agencyId?: string };

export function calendarRoutes(api: Api, service: CalendarService): void {
  api.endpoint<never, { from: string; to: string } & AgencyQuery>(
    {
      method: 'get',
      path: '/calendar/days',
      tag,
      summary: 'Working and non-working days with their reasons (at most 400 days)',
      access: ALL_STAFF,
      schema: daysSchema,
      description: {
        vi: 'Ngày làm việc và ngày nghỉ (kèm lý do: nghỉ hằng tuần, lễ, Tết, làm bù) của lịch quốc gia hoặc lịch của một cơ quan, tối đa 400 ngày.',
        en: "Working and non-working days with their reasons (weekly rest, holidays, Tết, make-up days) of the national or an agency's calendar, at most 400 days.",
      },
      response: calendarResponses.days,
      examples: { query: { from: '2026-02-14', to: '2026-02-22' } },
    },
    ({ query }) => service.days(query.from, query.to, query.agencyId),
  );

  api.endpoint<never, { start: string; value: number; unit: Budget['unit']; cutoff?: string } & AgencyQuery>(
    {
      method: 'get',
      path: '/calendar/deadline',
      tag,
      summary: 'Clock start and legal deadline of a receipt instant and a budget',
      access: ALL_STAFF,
      schema: deadlineSchema,
      description: {
        vi: 'Tính thời điểm bắt đầu tính thời hạn và hạn giải quyết cho một thời điểm tiếp nhận và một thời hạn (ngày làm việc, giờ làm việc, ngày, trong ngày).',
        en: 'The clock start and legal deadline for a receipt instant and a processing time (working days or hours, calendar days, same day).',
      },
      response: calendarResponses.deadline,
      examples: { query: { start: '2026-11-22T20:17:00+07:00', value: 5, unit: 'working_days' } },
    },
    async ({ query }) => {
      const { calendar, receivedAt, clockStart, dueAt } = await service.deadline(
        query.start,
        { value: query.value, unit: query.unit, cutoff: query.cutoff },
        query.agencyId,
      );
      const show = (t: number) => formatInstant(t, zoneOffsetMs(calendar.settings.timeZone, t));
      return { start: show(receivedAt), clockStart: show(clockStart), dueAt: show(dueAt) };
    },
  );

  api.endpoint<never, { date: string }>(
    {
      method: 'get',
      path: '/calendar/lunar',
      tag,
      summary: 'Vietnamese lunar date of a solar date',
      access: ALL_STAFF,
      schema: lunarSchema,
      description: {
        vi: 'Ngày âm lịch Việt Nam (múi giờ +07:00) của một ngày dương lịch.',
        en: 'The Vietnamese lunar date (UTC+07:00) of a solar date.',
      },
      response: calendarResponses.lunar,
      examples: { query: { date: '2026-02-17' } },
    },
    ({ query }) => service.lunar(query.date),
  );

  api.endpoint<never, { year: number; month: number; day: number; leap: boolean }>(
    {
      method: 'get',
      path: '/calendar/solar',
      tag,
      summary: 'Solar date of a Vietnamese lunar date',
      access: ALL_STAFF,
      schema: solarSchema,
      description: {
        vi: 'Ngày dương lịch của một ngày âm lịch Việt Nam (có tháng nhuận).',
        en: 'The solar date of a Vietnamese lunar date (with leap months).',
      },
      response: calendarResponses.solar,
      examples: { query: { year: 2026, month: 1, day: 1 } },
    },
    ({ query }) => service.solar(query),
  );

  api.endpoint<never, AgencyQuery, { year: number }>(
    {
      method: 'get',
      path: '/calendar/overrides/:year',
      tag,
      summary: 'Official days off and extra working days of a year (national, or of an agency subtree)',
      access: ALL_STAFF,
      schema: getOverridesSchema,
      description: {
        vi: 'Ngày nghỉ và ngày làm bù chính thức của một năm (quốc gia, hoặc riêng cho một nhánh cơ quan).',
        en: 'The official days off and make-up working days of a year (national, or of an agency subtree).',
      },
      response: calendarResponses.overrides,
      examples: { params: { year: 2026 } },
    },
    ({ params, query }) => service.overrides(params.year, query.agencyId),
  );

  api.endpoint<OverridesBody, AgencyQuery, { year: number }>(
    {
      method: 'put',
      path: '/calendar/overrides/:year',
      tag,
      summary: "Replace a year's official days off and extra working days",
      access: ['admin'],
      schema: putOverridesSchema,
      description: {
        vi: 'Thay toàn bộ ngày nghỉ và ngày làm bù của một năm; thời hạn của hồ sơ đang mở được tính lại bằng một công việc nền (recomputeJobIds).',
        en: "Replaces a year's days off and make-up days; open dossiers' deadlines are recomputed by a background job (recomputeJobIds).",
      },
      response: calendarResponses.replaced,
      examples: {
        params: { year: 2026 },
        body: {
          daysOff: [{ date: '2026-02-16', reason: 'Tết Nguyên đán' }],
          workingDays: [{ date: '2026-02-28', reason: 'Làm bù Tết' }],
        },
      },
    },
    ({ actor, params, query, body }) => service.replaceOverrides(actor, params.year, query.agencyId, body),
  );
}
