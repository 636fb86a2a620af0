import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import type { ChannelAdapter, SendResult } from './channels/channel.js';
import { claimDue, recordOutcomes, type Claimed, type Outcome } from './outbox.repository.js';
import type { OutboxChannel, Payload } from './outbox.types.js';

export interface RetryPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/**
 * Delay before the next attempt after `attempt` failed: exponential (base × 2^(attempt−1), capped),
 * with "equal jitter" — a uniform draw in [d/2, d] — so that messages failing together (a gateway
 * outage) do not all come back at the same instant.
 */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const d = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(d / 2 + random() * (d / 2));
}

export interface DispatcherOptions extends RetryPolicy {
  batchSize: number;
  concurrency: number;
  leaseMs: number;
  sendTimeoutMs: number;
  pollMs: number;
  /** Poll intervals (plus one send time limit) without a sign of life after which the loop counts as stalled. */
  stallPolls: number;
}

/** What a process's /healthz reports of its dispatcher. */
export interface DispatcherStatus {
  /** The background loop was started, is not stopping and has not ended. */
  running: boolean;
  /** When the last round that claimed and recorded without error ended. */
  lastRoundAt: Date | undefined;
  /** The last sign of life: a round ended (with or without error) or an attempt's outcome was recorded. */
  lastActivityAt: Date | undefined;
  /** Started, and either its loop ended by itself or it has shown no sign of life for longer than `stallAfterMs`. */
  stalled: boolean;
  /** Time since the last sign of life (since the start before the first one); 0 when not running. */
  silentMs: number;
  stallAfterMs: number;
}

export interface DispatchCounts {
  /** Recorded events whose messages this round planned (outbox.service `planPending`). */
  planned: number;
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
}

/** Plans the messages of up to `limit` recorded events (outbox.service `planPending`). */
export type Planner = (limit: number) => Promise<{ planned: number; failed: Array<{ id: string; error: string }> }>;

/**
 * Delivers due outbox messages. Each round first plans the messages of the events recorded since
 * (`plan`), then claims a batch in one statement (outbox.repository `claimDue`), sends outside any
 * transaction, and records each outcome fenced by the attempt number. Any number of dispatchers
 * (processes, instances) may run: each recorded event is planned by one, and each claimed message
 * belongs to one until its lease expires.
 */
export function createDispatcher(
  db: Db,
  deps: {
    clock: Clock;
    logger: Logger;
    channels: readonly ChannelAdapter[];
    options: DispatcherOptions;
    /** Without one, the round delivers what is already planned (benches that write messages themselves). */
    plan?: Planner;
    random?: () => number;
  },
) {
  const { clock, logger, options } = deps;
  const byChannel = new Map<OutboxChannel, ChannelAdapter>(deps.channels.map((c) => [c.channel, c]));
  const channelNames = [...byChannel.keys()];
  let running: Promise<void> | undefined;
  let startedAt: Date | undefined;
  let lastRoundAt: Date | undefined;
  let lastActivityAt: Date | undefined;
  let loopEnded = false;
  // A healthy loop shows life at least once per attempt, and one attempt may rightly last the send
  // time limit: the allowance is that limit plus `stallPolls` poll intervals (README, Operations).
  const stallAfterMs = options.stallPolls * options.pollMs + options.sendTimeoutMs;
  let stopping = false;
  let wake: (() => void) | undefined;

  // Group commit of outcomes: the first outcome is written at once; those that finish while it is
  // being written go together in the next statement. Each attempt still waits for its own row, so a
  // kill leaves at most the messages in flight to be taken again (each key seen at most twice), and
  // the database (PGlite's one connection, shared with intakes) sees far fewer statements.
  const waiting: Array<{ message: Claimed; outcome: Outcome; done: (error?: unknown) => void }> = [];
  let flushing: Promise<void> | undefined;
  async function flush(): Promise<void> {
    while (waiting.length > 0) {
      const group = waiting.splice(0);
      try {
        await recordOutcomes(db, group);
        lastActivityAt = clock.now();
        for (const g of group) g.done();
      } catch (error) {
        for (const g of group) g.done(error);
      }
    }
    flushing = undefined;
  }
  function recordOutcome(message: Claimed, outcome: Outcome): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      waiting.push({ message, outcome, done: (error) => (error === undefined ? resolve() : reject(error as Error)) });
      flushing ??= flush();
    });
  }

  async function attempt(message: Claimed, counts: DispatchCounts): Promise<void> {
    const adapter = byChannel.get(message.channel)!;
    const startedAt = clock.now();
    const started = performance.now();
    let result: SendResult;
    if (message.attempts > options.maxAttempts) {
      // Taken again after its sender died on the last allowed attempt: give up without sending.
      result = { ok: false, permanent: true, error: 'attempts exhausted (the last sender stopped mid-attempt)' };
    } else {
      try {
        result = await adapter.send({ ...message, payload: message.payload as Payload }, options.sendTimeoutMs);
      } catch (error) {
        result = {
          ok: false,
          permanent: false,
          error: error instanceof Error ? error.message.slice(0, 500) : String(error),
        };
      }
    }
    const durationMs = Math.round(performance.now() - started);
    const finishedAt = clock.now();
    const base = { startedAt, durationMs, finishedAt, ...(result.statusCode ? { statusCode: result.statusCode } : {}) };
    if (result.ok) {
      counts.sent++;
      await recordOutcome(message, { status: 'sent', ...base });
      return;
    }
    const dead = result.permanent || message.attempts >= options.maxAttempts;
    if (dead) counts.dead++;
    else counts.retried++;
    const nextAttemptAt = dead
      ? undefined
      : new Date(finishedAt.getTime() + backoffMs(options, message.attempts, deps.random));
    await recordOutcome(message, {
      status: dead ? 'dead' : 'pending',
      error: result.error,
      ...(nextAttemptAt ? { nextAttemptAt } : {}),
      ...base,
    });
    // No recipient or body in logs: the message id and key identify it.
    logger[dead ? 'error' : 'warn'](
      {
        messageId: message.id,
        channel: message.channel,
        attempt: message.attempts,
        statusCode: result.statusCode,
        error: result.error,
      },
      dead ? 'outbox message dead' : 'outbox delivery failed; will retry',
    );
  }

  /**
   * Plans the recorded events' messages; an event that cannot be planned is logged by id (it waits out a
   * backoff before the next try). A failed planning round is logged and leaves delivery to go on.
   */
  async function plan(): Promise<number> {
    if (!deps.plan) return 0;
    try {
      const { planned, failed } = await deps.plan(options.batchSize);
      for (const f of failed)
        logger.error({ outboxEventId: f.id, error: f.error }, 'outbox event could not be planned');
      return planned;
    } catch (error) {
      logger.error({ err: error }, 'outbox planning round failed');
      return 0;
    }
  }

  /** One round: plan, then claim a batch and deliver it with at most `concurrency` sends at a time. */
  async function runOnce(): Promise<DispatchCounts> {
    const counts: DispatchCounts = { planned: await plan(), claimed: 0, sent: 0, retried: 0, dead: 0 };
    const batch = await claimDue(db, {
      now: clock.now(),
      leaseMs: options.leaseMs,
      limit: options.batchSize,
      channels: channelNames,
    });
    counts.claimed = batch.length;
    const queue = [...batch];
    const workers = Array.from({ length: Math.min(options.concurrency, queue.length) }, async () => {
      for (let m = queue.shift(); m; m = queue.shift()) await attempt(m, counts);
    });
    await Promise.all(workers);
    return counts;
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let full = false;
      try {
        const counts = await runOnce();
        full = counts.claimed >= options.batchSize || counts.planned >= options.batchSize;
        lastRoundAt = clock.now();
      } catch (error) {
        logger.error({ err: error }, 'outbox dispatch round failed');
      }
      // A failed round (the database away) is still a live loop: /readyz, not /healthz, reports the database.
      lastActivityAt = clock.now();
      // A full batch means more may be due: go again at once; otherwise wait for the next poll.
      if (!full && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    channels: channelNames,
    runOnce,
    /**
     * Whether the background loop runs and still makes rounds (a process's /healthz). A loop that
     * was never started (no channels, an `api` process) is not stalled.
     */
    status(): DispatcherStatus {
      const started = running !== undefined && !stopping;
      // The later of the start and the last sign of life: a loop started again is judged from its new start.
      const since = lastActivityAt && startedAt && lastActivityAt > startedAt ? lastActivityAt : startedAt;
      const silentMs = started && since ? Math.max(0, clock.now().getTime() - since.getTime()) : 0;
      return {
        running: started && !loopEnded,
        lastRoundAt,
        lastActivityAt,
        stalled: started && (loopEnded || silentMs > stallAfterMs),
        silentMs,
        stallAfterMs,
      };
    },
    /** Starts the background loop (main.ts); does nothing without channels. */
    start(): void {
      if (running || channelNames.length === 0) return;
      stopping = false;
      loopEnded = false;
      startedAt = clock.now();
      running = loop()
        .catch((error: unknown) => logger.error({ err: error }, 'outbox dispatch loop failed'))
        .finally(() => {
          loopEnded = true;
        });
    },
    /** Lets the current round finish, then stops; closes the channels. */
    async stop(): Promise<void> {
      stopping = true;
      wake?.();
      await running;
      running = undefined;
      await Promise.all(deps.channels.map((c) => c.close?.()));
    },
    /** Runs rounds until nothing is due (tests, scripts). */
    async drain(maxRounds = 1000): Promise<DispatchCounts> {
      const total: DispatchCounts = { planned: 0, claimed: 0, sent: 0, retried: 0, dead: 0 };
      for (let i = 0; i < maxRounds; i++) {
        const c = await runOnce();
        for (const k of Object.keys(total) as Array<keyof DispatchCounts>) total[k] += c[k];
        if (c.claimed === 0 && c.planned === 0) break;
      }
      return total;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
