import Joi from 'joi';
import type { Api } from '../http/endpoint.js';
import { AppError } from '../http/errors.js';
import { instantFormatter } from '../lib/dates.js';
import type { JobRun, Scheduler } from './scheduler.js';

const tag = 'Jobs';

export function jobRoutes(api: Api, scheduler: Scheduler, timeZone: string): void {
  const iso = instantFormatter(timeZone);
  const present = (r: JobRun) => ({
    id: r.id, job: r.job, scheduledFor: iso(r.scheduledFor), startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt), status: r.status, error: r.error, detail: r.detail,
  });

  api.endpoint({
    method: 'post', path: '/stats/recompute', tag: 'Statistics', access: ['admin'], summary: 'Compute the statistics snapshots now',
  }, async () => present(await scheduler.runByName('stats-snapshots')));

  api.endpoint<never, { limit: number }>({
    method: 'get', path: '/jobs/runs', tag, access: ['admin'], summary: 'Recent runs of scheduled and background jobs',
    schema: { query: Joi.object({ limit: Joi.number().integer().min(1).max(500).default(50) }) },
  }, async ({ query }) => ({ items: (await scheduler.runs(query.limit)).map(present) }));

  api.endpoint<never, never, { id: string }>({
    method: 'get', path: '/jobs/runs/:id', tag, access: ['admin'], summary: 'One job run (e.g. a deadline recomputation started by a calendar change)',
    schema: { params: Joi.object({ id: Joi.string().guid().required() }) },
  }, async ({ params }) => {
    const run = await scheduler.run(params.id);
    if (!run) throw new AppError('NOT_FOUND');
    return present(run);
  });
}
