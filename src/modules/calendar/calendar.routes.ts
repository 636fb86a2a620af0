import type { Api } from '../../http/endpoint.js';
import { formatInstant } from '../../lib/dates.js';
import { ALL_STAFF } from '../auth/roles.js';
import type { CalendarService } from './calendar.service.js';
import { daysSchema, deadlineSchema, getOverridesSchema, lunarSchema, putOverridesSchema, solarSchema, type OverridesBody } from './calendar.schemas.js';
import type { Budget } from './deadline.js';
import { zoneOffsetMs } from './working-time.js';

const tag = 'Calendar';
type AgencyQuery = { agencyId?: string };

export function calendarRoutes(api: Api, service: CalendarService): void {
  api.endpoint<never, { from: string; to: string } & AgencyQuery>(
    { method: 'get', path: '/calendar/days', tag, summary: 'Working and non-working days with their reasons (at most 400 days)', access: ALL_STAFF, schema: daysSchema },
    ({ query }) => service.days(query.from, query.to, query.agencyId));

  api.endpoint<never, { start: string; value: number; unit: Budget['unit']; cutoff?: string } & AgencyQuery>(
    { method: 'get', path: '/calendar/deadline', tag, summary: 'Clock start and legal deadline of a receipt instant and a budget', access: ALL_STAFF, schema: deadlineSchema },
    async ({ query }) => {
      const { calendar, receivedAt, clockStart, dueAt } = await service.deadline(query.start, { value: query.value, unit: query.unit, cutoff: query.cutoff }, query.agencyId);
      const show = (t: number) => formatInstant(t, zoneOffsetMs(calendar.settings.timeZone, t));
      return { start: show(receivedAt), clockStart: show(clockStart), dueAt: show(dueAt) };
    });

  api.endpoint<never, { date: string }>(
    { method: 'get', path: '/calendar/lunar', tag, summary: 'Vietnamese lunar date of a solar date', access: ALL_STAFF, schema: lunarSchema },
    ({ query }) => service.lunar(query.date));

  api.endpoint<never, { year: number; month: number; day: number; leap: boolean }>(
    { method: 'get', path: '/calendar/solar', tag, summary: 'Solar date of a Vietnamese lunar date', access: ALL_STAFF, schema: solarSchema },
    ({ query }) => service.solar(query));

  api.endpoint<never, AgencyQuery, { year: number }>(
    { method: 'get', path: '/calendar/overrides/:year', tag, summary: 'Official days off and extra working days of a year (national, or of an agency subtree)', access: ALL_STAFF, schema: getOverridesSchema },
    ({ params, query }) => service.overrides(params.year, query.agencyId));

  api.endpoint<OverridesBody, AgencyQuery, { year: number }>(
    { method: 'put', path: '/calendar/overrides/:year', tag, summary: 'Replace a year\'s official days off and extra working days', access: ['admin'], schema: putOverridesSchema },
    ({ actor, params, query, body }) => service.replaceOverrides(actor, params.year, query.agencyId, body));
}
