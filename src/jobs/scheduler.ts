import { createHash } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import { and, desc, eq, sql } from 'drizzle-orm';
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db, Tx } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { jobRuns } from '../db/schema/index.js';
import { safeErrorText } from '../lib/safe-error.js';

/** A scheduled job: idempotent work for a scheduled instant (`asOf`), run inside one transaction. */
export interface TransactionalJob {
  name: string;
  cron: string;
  run(tx: Tx, asOf: Date): Promise<Record<string, unknown>>;
}

/**
 * A job that commits its work in many short statements of its own (bulk deletes in batches): no
 * transaction is held around it — on PGlite that would hold the one connection for the whole run —
 * so no advisory lock either. Its work must therefore be safe when two instances run it at once
 * (e.g. batches taken with `SKIP LOCKED`); the in-process guard still applies.
 */
export interface BatchedJob {
  name: string;
  cron: string;
  runInBatches(asOf: Date): Promise<Record<string, unknown>>;
}

export type JobDefinition = TransactionalJob | BatchedJob;

export type JobRun = typeof jobRuns.$inferSelect;

/** A stable 64-bit advisory-lock key per job name. */
function lockKey(name: string): bigint {
  return createHash('sha256').update(`motcua-job:${name}`).digest().readBigInt64BE(0);
}

/**
 * Runs jobs on their cron schedule (architecture "Jobs"). A run takes a transaction-scoped
 * PostgreSQL advisory lock — another instance running the same job skips — and an in-process
 * guard (PGlite has one connection, where the lock cannot tell two callers apart). Every run is
 * recorded in `job_runs`. On start, a run missed while the API was down is caught up.
 */
export function createScheduler(db: Db, clock: Clock, logger: Logger, timeZone: string, jobs: JobDefinition[]) {
  const running = new Set<string>();
  const tasks: Array<{ name: string; stop(): unknown }> = [];
  const background = new Set<Promise<void>>();

  async function record(
    job: string,
    scheduledFor: Date,
    status: string,
    startedAt: Date,
    detail: { error?: string; detail?: Record<string, unknown> } = {},
  ) {
    const [row] = await db
      .insert(jobRuns)
      .values({
        job,
        scheduledFor,
        startedAt,
        finishedAt: clock.now(),
        status,
        error: detail.error ?? null,
        detail: detail.detail ?? null,
      })
      .returning();
    return row!;
  }

  async function runNow(job: JobDefinition, scheduledFor: Date): Promise<JobRun> {
    const startedAt = clock.now();
    if (running.has(job.name))
      return record(job.name, scheduledFor, 'skipped', startedAt, { error: 'already running in this process' });
    running.add(job.name);
    try {
      const outcome =
        'runInBatches' in job
          ? await job.runInBatches(scheduledFor)
          : await db.transaction(async (tx) => {
              const [lock] = await queryRows<{ ok: boolean }>(
                tx,
                sql`select pg_try_advisory_xact_lock(${lockKey(job.name).toString()}::bigint) as ok`,
              );
              if (!lock?.ok) return undefined;
              return job.run(tx, scheduledFor);
            });
      if (!outcome)
        return await record(job.name, scheduledFor, 'skipped', startedAt, { error: 'another instance holds the lock' });
      logger.info({ job: job.name, scheduledFor, ...outcome }, 'job finished');
      return await record(job.name, scheduledFor, 'succeeded', startedAt, { detail: outcome });
    } catch (error) {
      logger.error({ err: error, job: job.name, scheduledFor }, 'job failed');
      // job_runs is read by administrators: the same safe summary as the logs, never SQL parameters.
      return record(job.name, scheduledFor, 'failed', startedAt, { error: safeErrorText(error).slice(0, 2000) });
    } finally {
      running.delete(job.name);
    }
  }

  /** The last scheduled instant of a job at or before now. */
  function lastScheduled(job: JobDefinition): Date {
    return CronExpressionParser.parse(job.cron, { currentDate: clock.now(), tz: timeZone }).prev().toDate();
  }

  async function lastSuccess(job: string): Promise<JobRun | undefined> {
    return (
      await db
        .select()
        .from(jobRuns)
        .where(and(eq(jobRuns.job, job), eq(jobRuns.status, 'succeeded')))
        .orderBy(desc(jobRuns.scheduledFor))
        .limit(1)
    )[0];
  }

  return {
    runNow,

    /**
     * Starts on-demand bulk work off the request path (e.g. recomputing deadlines after a calendar
     * change): recorded in `job_runs` as `running` at once, finished there when the work ends. The
     * work manages its own transactions, so requests interleave with it.
     */
    async startBackground(name: string, work: () => Promise<Record<string, unknown>>): Promise<JobRun> {
      const now = clock.now();
      const [row] = await db
        .insert(jobRuns)
        .values({ job: name, scheduledFor: now, startedAt: now, status: 'running' })
        .returning();
      const finish = (status: string, detail: { error?: string; detail?: Record<string, unknown> }) =>
        db
          .update(jobRuns)
          .set({ status, finishedAt: clock.now(), error: detail.error ?? null, detail: detail.detail ?? null })
          .where(eq(jobRuns.id, row!.id));
      const done = work()
        .then(
          (detail) => {
            logger.info({ job: name, ...detail }, 'job finished');
            return finish('succeeded', { detail });
          },
          (error: unknown) => {
            logger.error({ err: error, job: name }, 'job failed');
            return finish('failed', { error: error instanceof Error ? error.message : String(error) });
          },
        )
        .then(
          () => undefined,
          () => undefined,
        );
      background.add(done);
      void done.finally(() => background.delete(done));
      return row!;
    },

    /** Resolves when every background job of this process has ended (shutdown, tests). */
    async idle(): Promise<void> {
      while (background.size > 0) await Promise.all([...background]);
    },

    async run(id: string): Promise<JobRun | undefined> {
      return (await db.select().from(jobRuns).where(eq(jobRuns.id, id)).limit(1))[0];
    },

    /** Runs a job now (on demand), as of the clock's current instant. */
    runByName(name: string): Promise<JobRun> {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job ${name}`);
      return runNow(job, clock.now());
    },

    /** Runs each job whose last scheduled time passed without a successful run. */
    async catchUp(): Promise<JobRun[]> {
      const runs: JobRun[] = [];
      for (const job of jobs) {
        const due = lastScheduled(job);
        const last = await lastSuccess(job.name);
        if (!last || last.scheduledFor < due) runs.push(await runNow(job, due));
      }
      return runs;
    },

    start(): void {
      for (const job of jobs) {
        const task = cron.schedule(
          job.cron,
          () => {
            void runNow(job, lastScheduled(job));
          },
          { timezone: timeZone, name: job.name },
        );
        tasks.push({ name: job.name, stop: () => task.stop() });
      }
    },

    /** The jobs on their cron schedule in this process (none until `start`, none after `stop`). */
    scheduled(): string[] {
      return tasks.map((t) => t.name);
    },

    stop(): void {
      for (const task of tasks.splice(0)) task.stop();
    },

    runs(limit = 50): Promise<JobRun[]> {
      return db.select().from(jobRuns).orderBy(desc(jobRuns.startedAt)).limit(limit);
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
