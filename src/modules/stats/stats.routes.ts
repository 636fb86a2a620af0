import Joi from 'joi';
import type { Api } from '../../http/endpoint.js';
import { isoDate } from '../../http/joi-types.js';
import type { Scheduler } from '../../jobs/scheduler.js';
import type { StatsQuery, StatsService } from './stats.service.js';

const tag = 'Statistics';

function presentRun(r: Awaited<ReturnType<Scheduler['runNow']>>) {
  return {
    id: r.id, job: r.job, scheduledFor: r.scheduledFor.toISOString(), startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null, status: r.status, error: r.error, detail: r.detail,
  };
}
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
export function statsRoutes(api: Api, service: StatsService, scheduler: Scheduler): void {
  api.endpoint<never, StatsQuery>({ method: 'get', path: '/stats/agencies', tag, summary: 'On-time and late figures per agency for a period (report II.06a)', access, schema: statsSchema },
    ({ actor, query }) => service.agencies(actor, query));
  api.endpoint<never, StatsQuery & { agencyId: string }>({ method: 'get', path: '/stats/procedures', tag, summary: 'The same figures per procedure of an agency', access, schema: procedureSchema },
    ({ actor, query }) => service.procedures(actor, query));
  api.endpoint({ method: 'post', path: '/stats/recompute', tag, summary: 'Compute the statistics snapshots now', access: ['admin'] },
    async () => presentRun(await scheduler.runByName('stats-snapshots')));
  api.endpoint<never, { limit: number }>({ method: 'get', path: '/jobs/runs', tag: 'Jobs', summary: 'Recent runs of scheduled jobs', access: ['admin'],
    schema: { query: Joi.object({ limit: Joi.number().integer().min(1).max(500).default(50) }) } },
  async ({ query }) => ({ items: (await scheduler.runs(query.limit)).map(presentRun) }));
  api.endpoint<never, StatsQuery>({ method: 'get', path: '/stats/index', tag, summary: 'Index feed: Decision 766 progress, online share, satisfaction; PAR on-time', access, schema: statsSchema },
    ({ actor, query }) => service.index(actor, query));
}
