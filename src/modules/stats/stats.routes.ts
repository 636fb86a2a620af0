import Joi from 'joi';
import type { Api } from '../../http/endpoint.js';
import { isoDate } from '../../http/joi-types.js';
import type { StatsQuery, StatsService } from './stats.service.js';

const tag = 'Statistics';
const access = ['supervisor', 'admin'] as const;

const periodQuery = {
  period: Joi.string().pattern(/^\d{4}(-(\d{2}|Q[1-4]|H[12]))?$/, '2026-10 | 2026-Q3 | 2026-H1 | 2026'),
  window: Joi.string().valid('calendar', 'report').default('calendar'),
  from: isoDate,
  to: isoDate,
  rollup: Joi.boolean().default(true),
};
const statsSchema = { query: Joi.object({ ...periodQuery, agencyId: Joi.string().guid() }).oxor('period', 'from').and('from', 'to') };
const procedureSchema = { query: Joi.object({ ...periodQuery, agencyId: Joi.string().guid().required() }).oxor('period', 'from').and('from', 'to') };

/** Supervisors see their agency subtree; administrators everything (domain B4, B5). */
export function statsRoutes(api: Api, service: StatsService): void {
  api.endpoint<never, StatsQuery>({ method: 'get', path: '/stats/agencies', tag, summary: 'On-time and late figures per agency for a period (report II.06a)', access, schema: statsSchema },
    ({ actor, query }) => service.agencies(actor, query));
  api.endpoint<never, StatsQuery & { agencyId: string }>({ method: 'get', path: '/stats/procedures', tag, summary: 'The same figures per procedure of an agency', access, schema: procedureSchema },
    ({ actor, query }) => service.procedures(actor, query));
  api.endpoint<never, StatsQuery>({ method: 'get', path: '/stats/index', tag, summary: 'Index feed: Decision 766 progress, online share, satisfaction; PAR on-time', access, schema: statsSchema },
    ({ actor, query }) => service.index(actor, query));
}
