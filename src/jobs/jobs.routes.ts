import Joi from 'joi';
import type { Api } from '../http/endpoint.js';
import { AppError } from '../http/errors.js';
import { instantFormatter } from '../lib/dates.js';
import { jobResponses } from './jobs.responses.js';
import type { JobRun, Scheduler } from './scheduler.js';

const tag = 'Jobs';

export function jobRoutes(api: Api, scheduler: Scheduler, timeZone: string): void {
  const iso = instantFormatter(timeZone);
  const present = (r: JobRun) => ({
    id: r.id,
    job: r.job,
    scheduledFor: iso(r.scheduledFor),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    status: r.status,
    error: r.error,
    detail: r.detail,
  });

  api.endpoint(
    {
      method: 'post',
      path: '/stats/recompute',
      tag: 'Statistics',
      access: ['admin'],
      summary: 'Compute the statistics snapshots now',
      description: {
        vi: 'Tính lại ngay các bản chốt số liệu thống kê (thường chạy theo lịch); trả về lần chạy.',
        en: 'Computes the statistics snapshots now (normally scheduled); returns the run.',
      },
      response: jobResponses.run,
      examples: {},
    },
    async () => present(await scheduler.runByName('stats-snapshots')),
  );

  api.endpoint<never, { limit: number }>(
    {
      method: 'get',
      path: '/jobs/runs',
      tag,
      access: ['admin'],
      summary: 'Recent runs of scheduled and background jobs',
      description: {
        vi: 'Các lần chạy gần đây của công việc định kỳ và công việc nền (chốt số liệu, quét hạn, tính lại thời hạn).',
        en: 'Recent runs of scheduled and background jobs (snapshots, deadline sweep, deadline recomputation).',
      },
      response: jobResponses.runs,
      examples: { query: { limit: 20 } },
      schema: { query: Joi.object({ limit: Joi.number().integer().min(1).max(500).default(50) }) },
    },
    async ({ query }) => ({ items: (await scheduler.runs(query.limit)).map(present) }),
  );

  api.endpoint<never, never, { id: string }>(
    {
      method: 'get',
      path: '/jobs/runs/:id',
      tag,
      access: ['admin'],
      summary: 'One job run (e.g. a deadline recomputation started by a calendar change)',
      description: {
        vi: 'Một lần chạy công việc, ví dụ tính lại thời hạn sau khi đổi lịch làm việc.',
        en: 'One job run, e.g. the deadline recomputation started by a calendar change.',
      },
      response: jobResponses.run,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
      schema: { params: Joi.object({ id: Joi.string().guid().required() }) },
    },
    async ({ params }) => {
      const run = await scheduler.run(params.id);
      if (!run) throw new AppError('NOT_FOUND');
      return present(run);
    },
  );
}
