/**
 * The cost of notifications at intake when the dispatcher runs in its own process (issue 12,
 * README "Running the dispatcher in its own process"), not a test. Every variant is real
 * `src/main.ts` processes on one PostgreSQL database, measured in the same run:
 *   off     — one API process (PROCESS_ROLE=api), every channel off;
 *   enqueue — an API process (PROCESS_ROLE=api) with SMS + Zalo + portal on (3 messages per intake)
 *             and nobody planning or delivering during the run: the outbox's record of each intake
 *             alone (a worker plans and delivers after);
 *   split   — the same API process, and a worker process (PROCESS_ROLE=worker) delivering meanwhile;
 *   all     — one process (PROCESS_ROLE=all) with the same channels, delivering in the API process.
 * With each: the CPU seconds the API and the worker processes used during the run (Linux /proc),
 * which tells the worker's own cost apart from its share of the machine, and the CPU seconds of the
 * machine's `postgres` processes (the database's side of an intake).
 * autocannon (10 connections, or BENCH_CONNECTIONS) runs here; the receiver (answers 200 at once) is a process of its own.
 * Also printed: the WAL each intake wrote (pg_stat_wal). BENCH_BODY picks the intake (`minimal`, the default,
 * or `counter`: outbox-fixture.ts). BENCH_AGENCIES spreads the intakes over several
 * centres; BENCH_WARMUP (3 s) loads both API processes untimed first; PROFILE_DIR and PERF_DIR record CPU
 * profiles of the processes and of the whole machine.
 * Rounds alternate the order (off, enqueue, split, all, then the reverse): the tables grow during a run,
 * and the run after another is slowed by what the one before left to the database; use an even number.
 * Jobs are off in every process (JOBS_ENABLED=false): only the dispatcher's cost is measured.
 *
 * Per variant: the mean rate, its ratio to off, the ratio of each round's run to that round's off run
 * (same minutes, same table sizes) and the API process's CPU per intake (less sensitive to other load).
 *
 *   DATABASE_URL=postgres://… npx tsx scripts/bench/outbox-roles.ts [seconds=8] [rounds=2] [variants=off,enqueue,split,all]
 *   DATABASE_URL=postgres://… npx tsx scripts/bench/outbox-roles.ts [slice seconds] [pairs] paired   (see `paired`;
 *   BENCH_GENERATIONS, and BENCH_AA=1 for an A/A run)
 *   (adds rows; off is always measured)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';
import { BENCH_SECRET, benchWorld, channelsOn } from './outbox-fixture.js';

const seconds = Number(process.argv[2] ?? 8);
const rounds = Number(process.argv[3] ?? 2);
/** autocannon's connections (BENCH_CONNECTIONS): 10 by default; 1 shows the cost without lock waits. */
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** `paired`'s process generations (BENCH_GENERATIONS, one per 8 pairs by default; see `paired`). */
const generationsAsked = Number(process.env.BENCH_GENERATIONS ?? Math.ceil(rounds / 8));
if (!Number.isInteger(generationsAsked) || generationsAsked < 1) {
  process.stderr.write(`BENCH_GENERATIONS: a whole number ≥ 1, not ${process.env.BENCH_GENERATIONS}\n`);
  process.exit(2);
}
const base = loadConfig();
if (!base.databaseUrl) {
  process.stderr.write('usage: DATABASE_URL=postgres://… npx tsx scripts/bench/outbox-roles.ts [seconds] [rounds]\n');
  process.exit(2);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const database = openDatabase({ url: base.databaseUrl, pgliteDir: '', poolMax: 4 });
await database.migrate();
const { db } = database;
/**
 * The centres the intakes go to (BENCH_AGENCIES, 1 by default), each with its receptionist; autocannon's
 * connections take them in turn. With one, every intake queues on that agency's daily code counter
 * (domain B6: gapless, so each waits for the one before it to commit), the worst case; with several the
 * queue is split, as across a province's centres.
 */
const agencyCount = Number(process.env.BENCH_AGENCIES ?? 1);
// Users exist before any API process starts, so none of them bootstraps (two at once would race).
const worlds: Array<Awaited<ReturnType<typeof benchWorld>>> = [];
for (let i = 0; i < agencyCount; i++) worlds.push(await benchWorld(db));

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

// The receiver in its own process, so its work does not share autocannon's event loop.
const receiver = spawn(
  process.execPath,
  [
    '-e',
    `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () =>
       s.writeHead(200, { 'content-type': 'application/json' }).end('{"error":0}')); })
     .listen(0, '127.0.0.1', function () { console.log(this.address().port); });`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const [rxPort] = (await once(createInterface({ input: receiver.stdout! }), 'line')) as [string];
const rx = `http://127.0.0.1:${rxPort}`;

interface Proc {
  url: string;
  child: ChildProcess;
}
async function startProcess(role: 'api' | 'worker' | 'all', channels: boolean, profiled = true): Promise<Proc> {
  const port = await freePort();
  // PROFILE_DIR: each process writes a V8 CPU profile there when it stops (node --cpu-prof).
  const prof =
    process.env.PROFILE_DIR && profiled
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}/${role}-${channels ? 'on' : 'off'}`]
      : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'src/main.ts', `--role=${role}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: base.databaseUrl,
      DATABASE_POOL_MAX: '20',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      JWT_SECRET: BENCH_SECRET,
      JOBS_ENABLED: 'false',
      // DATABASE_STATEMENT_CACHE passed on (e.g. 0, to measure without it); the default otherwise.
      ...(process.env.DATABASE_STATEMENT_CACHE
        ? { DATABASE_STATEMENT_CACHE: process.env.DATABASE_STATEMENT_CACHE }
        : {}),
      ...(channels ? channelsOn(rx) : {}),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${role} process exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, child };
    } catch {
      /* not listening yet */
    }
    if (i > 600) throw new Error(`${role} process did not start`);
    await sleep(100);
  }
}
async function stopProcess(p: Proc): Promise<void> {
  if (p.child.exitCode !== null) return;
  p.child.kill('SIGTERM');
  await once(p.child, 'exit');
}

/** The server's WAL counters so far (pg_stat_wal, PostgreSQL 14+); undefined where there is none. */
async function walSoFar(): Promise<{ bytes: number; fpi: number } | undefined> {
  try {
    const [row] = await queryRows<{ bytes: string; fpi: string }>(
      db,
      sql`select wal_bytes::text as bytes, wal_fpi::text as fpi from pg_stat_wal`,
    );
    return row ? { bytes: Number(row.bytes), fpi: Number(row.fpi) } : undefined;
  } catch {
    return undefined;
  }
}

const sentSoFar = async () =>
  (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbox where status = 'sent'`))[0]!.n;
const undelivered = async () =>
  (
    await queryRows<{ n: number }>(
      db,
      // Messages still owed: those planned and not sent, and those of the events not planned yet.
      sql`select ((select count(*) from outbox where status in ('pending', 'sending'))
        + (select coalesce(sum(jsonb_array_length(context -> 'channels')), 0) from outbox_events))::int as n`,
    )
  )[0]!.n;
/** Waits (untimed) until the backlog of a run is delivered, so the next run starts clean. */
async function drained(): Promise<number> {
  const started = performance.now();
  while ((await undelivered()) > 0) {
    if (performance.now() - started > 300_000) throw new Error('backlog not delivered in 5 minutes');
    await sleep(200);
  }
  return (performance.now() - started) / 1000;
}

/** Requests each API process answered, warm-up included (to divide a CPU profile by). */
const served = new Map<string, number>();
async function load(
  url: string,
  duration = seconds,
): Promise<{ rate: number; latency: number; done: number; answered: number }> {
  const started = performance.now();
  const r = await autocannon({
    url,
    connections,
    duration,
    requests: worlds.map(({ body, headers }) => ({ method: 'POST' as const, path: '/api/v1/dossiers', headers, body })),
  });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${r.non2xx} non-2xx answers, ${r.errors} errors`);
  served.set(url, (served.get(url) ?? 0) + r.requests.total);
  // `done` per elapsed second (for the short slices of `paired`, where autocannon's per-second samples are few).
  return {
    rate: r.requests.average,
    latency: r.latency.mean,
    done: r.requests.total / ((performance.now() - started) / 1000),
    answered: r.requests.total,
  };
}

/** CPU seconds (user + system) a process has used so far; undefined off Linux. */
function cpuSeconds(p: Proc): number | undefined {
  try {
    const fields = readFileSync(`/proc/${p.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return undefined;
  }
}

/**
 * CPU ticks used so far by each process named `postgres` on this machine (the server and its backends),
 * by pid: the database's side of an intake. Empty off Linux.
 */
function databaseTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]!.split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      /* the process ended meanwhile */
    }
  }
  return ticks;
}
/**
 * CPU seconds the database's processes used between two readings: processes started meanwhile count
 * whole, ended ones (an autovacuum worker) are missed. The pool's backends live through a run.
 */
function databaseCpuBetween(before: Map<string, number>, after: Map<string, number>): number | undefined {
  if (after.size === 0) return undefined;
  let used = 0;
  for (const [pid, t] of after) used += t - (before.get(pid) ?? 0);
  return used / 100;
}

type Variant = 'off' | 'enqueue' | 'split' | 'all';
interface Run {
  rate: number;
  latency: number;
  apiCpu?: number;
  workerCpu?: number;
  /** CPU seconds of the database's processes during the run. */
  dbCpu?: number;
  /** WAL written during the run (pg_stat_wal, PostgreSQL 14+): bytes and full-page images. */
  wal?: { bytes: number; fpi: number };
  backlog?: number;
  drainS?: number;
  /** Messages the worker delivered during the run (split). */
  delivered?: number;
  /** After an enqueue run: the backlog a fresh worker drained, and the CPU seconds it took (from ready). */
  drainMessages?: number;
  drainCpu?: number;
}
const results: Record<Variant, Run[]> = { off: [], enqueue: [], split: [], all: [] };
// The two API processes that never deliver stay up; the delivering ones start for their run only.
/**
 * BENCH_AA=1: the "on" process with notifications off too, so `paired` measures the instrument itself
 * (an A/A run: its ratio should be 1 within its interval).
 */
const onChannels = !process.env.BENCH_AA;
let apiOff = await startProcess('api', false);
let apiOn = await startProcess('api', onChannels);
let generation = 0;

async function measure(variant: Variant): Promise<void> {
  const worker = variant === 'split' ? await startProcess('worker', true) : undefined;
  const target = variant === 'off' ? apiOff : variant === 'all' ? await startProcess('all', true) : apiOn;
  // The first dispatch round has happened, and what the previous run left to the database (writing dirty
  // pages, autovacuum of the grown tables) has mostly settled: without it the second run of every pair was
  // the slower one, whichever variant it was.
  await sleep(3000);
  const sentBefore = await sentSoFar();
  const before = [cpuSeconds(target), worker && cpuSeconds(worker)];
  const dbBefore = databaseTicks();
  const walBefore = await walSoFar();
  // PERF_DIR: a whole-machine `perf record` of each run's load, for `perf report --sort comm` (Linux).
  const perfData = `${process.env.PERF_DIR}/${variant}-${results[variant].length}.data`;
  const perf = process.env.PERF_DIR
    ? spawn('perf', ['record', '-a', '-g', '-o', perfData, '--', 'sleep', String(seconds - 1)], { stdio: 'ignore' })
    : undefined;
  const r = await load(target.url);
  if (perf) await once(perf, 'exit');
  const walAfter = await walSoFar();
  const after = [cpuSeconds(target), worker && cpuSeconds(worker)];
  const dbCpu = databaseCpuBetween(dbBefore, databaseTicks());
  const used = (i: number) => (after[i] !== undefined && before[i] !== undefined ? after[i]! - before[i]! : undefined);
  const wal =
    walBefore && walAfter ? { bytes: walAfter.bytes - walBefore.bytes, fpi: walAfter.fpi - walBefore.fpi } : undefined;
  const run: Run = { ...r, apiCpu: used(0), workerCpu: used(1), dbCpu, wal };
  if (variant === 'split') run.delivered = (await sentSoFar()) - sentBefore;
  if (variant !== 'off') {
    run.backlog = await undelivered();
    // After an enqueue-only run a worker delivers the backlog, untimed, so the next run starts clean;
    // its CPU from ready to drained, per message, is the dispatcher's cost without intakes beside it.
    const drainer = worker ?? (variant === 'enqueue' ? await startProcess('worker', true) : undefined);
    const drainFrom = variant === 'enqueue' && drainer ? [cpuSeconds(drainer), await undelivered()] : undefined;
    run.drainS = await drained();
    if (drainFrom && drainer && drainFrom[0] !== undefined) {
      run.drainMessages = drainFrom[1];
      run.drainCpu = cpuSeconds(drainer)! - drainFrom[0];
    }
    if (drainer) await stopProcess(drainer);
    if (variant === 'all') await stopProcess(target);
  }
  results[variant].push(run);
}

/**
 * `paired`: off against enqueue in many short slices (`seconds` each, `rounds` pairs), one right after the
 * other with both processes up and warm, the order alternating (off then on, on then off). Each pair's two
 * slices share the machine's minute, so the slow drifts of a shared machine (other tenants, the tables'
 * growth) cancel within the pair, and many pairs give the ratio's spread. The backlog stays undelivered
 * through a generation (enqueue: the outbox writes alone); a worker drains it untimed between generations
 * (with the new processes' warm-up) and at the end.
 *
 * A process may keep a speed of its own for its whole life (what V8 compiled and when, its heap, its pool's
 * backends): two API processes of the same build, both with notifications off (BENCH_AA), differed by 3 % and
 * by 7 % in CPU per intake in two A/A runs, and in five of nine runs the generations' means spread up to twice
 * as much as their pairs predict (a process's speed or the minute's drift: not told apart here). So the
 * pairs are split into generations (BENCH_GENERATIONS, one per 8 pairs by default): before each but the
 * first, both API processes are replaced by new ones (which starts first alternates) and warmed up. The
 * interval resamples generations, then pairs within them, so it counts both; under 5 generations it has
 * few sets to draw from and comes out too narrow (a warning says so).
 */
async function paired(): Promise<void> {
  interface Slice {
    rate: number;
    /** Requests answered in the slice: CPU per intake is CPU over these. */
    answered: number;
    apiCpu: number | undefined;
    dbCpu: number | undefined;
  }
  const slice = async (p: Proc): Promise<Slice> => {
    const cpu = cpuSeconds(p);
    const dbBefore = databaseTicks();
    const r = await load(p.url);
    const used = cpuSeconds(p);
    const dbCpu = databaseCpuBetween(dbBefore, databaseTicks());
    return {
      rate: r.done,
      answered: r.answered,
      apiCpu: cpu !== undefined && used !== undefined ? used - cpu : undefined,
      dbCpu,
    };
  };
  const generationCount = Math.min(rounds, generationsAsked);
  const generations: Array<Array<{ off: Slice; on: Slice }>> = [];
  for (let k = 0; k < rounds; k++) {
    const g = Math.floor((k * generationCount) / rounds);
    if (g === generations.length) {
      if (g > 0) await renewApiProcesses();
      generations.push([]);
    }
    if (k % 2 === 0) {
      const off = await slice(apiOff);
      generations[g]!.push({ off, on: await slice(apiOn) });
    } else {
      const on = await slice(apiOn);
      generations[g]!.push({ on, off: await slice(apiOff) });
    }
  }
  const pairs = generations.flat();
  const ratiosOf = (ps: typeof pairs) => ps.map((p) => p.on.rate / p.off.rate);
  const ratios = ratiosOf(pairs);
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const median = (xs: number[]) => {
    const s = sorted(xs);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const geomean = (xs: number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
  const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
  // A 95 % interval of the geometric mean (percentile bootstrap, 4,000 draws): generations drawn with
  // replacement, then pairs drawn with replacement within each drawn generation.
  const byGeneration = generations.map(ratiosOf);
  const draws: number[] = [];
  for (let i = 0; i < 4000; i++)
    draws.push(geomean(byGeneration.flatMap(() => ((g) => g.map(() => pick(g)))(pick(byGeneration)))));
  const ds = sorted(draws);
  const perIntake = (side: 'off' | 'on', k: 'apiCpu' | 'dbCpu') => {
    const xs = pairs.flatMap((p) => (p[side][k] === undefined ? [] : [(p[side][k]! * 1000) / p[side].answered]));
    return xs.length ? median(xs).toFixed(2) : '?';
  };
  const total = (side: 'off' | 'on') => pairs.reduce((a, p) => a + p[side].rate, 0);
  process.stdout.write(
    [
      `database: ${database.kind}; ${rounds} pairs of ${seconds} s slices in ${generationCount} process generations; ` +
        `${connections} connections; ${agencyCount} agencies` +
        (rounds < 10 ? ' (under 10 pairs the interval means little)' : '') +
        (generationCount < 5 ? ' (under 5 generations the interval is too narrow)' : '') +
        (onChannels ? '' : '; A/A: the "on" process has notifications off too'),
      `off: median ${median(pairs.map((p) => p.off.rate)).toFixed(1)} req/s; API CPU per intake ${perIntake('off', 'apiCpu')} ms, ` +
        `database CPU per intake ${perIntake('off', 'dbCpu')} ms (medians)`,
      `${onChannels ? 'on (enqueue)' : 'second (off too)'}: median ${median(pairs.map((p) => p.on.rate)).toFixed(1)} req/s; API CPU per intake ` +
        `${perIntake('on', 'apiCpu')} ms, database CPU per intake ${perIntake('on', 'dbCpu')} ms (medians)`,
      `pairs' ratios on / off: ${byGeneration.map((g) => g.map((r) => r.toFixed(3)).join(', ')).join(' | ')}`,
      `generations' geometric means: ${byGeneration.map((g) => geomean(g).toFixed(3)).join(', ')}`,
      `on / off: geometric mean ${geomean(ratios).toFixed(3)} (95 % interval ${ds[100]!.toFixed(3)}–${ds[3899]!.toFixed(3)}), ` +
        `median ${median(ratios).toFixed(3)}, all requests ${(total('on') / total('off')).toFixed(3)} ` +
        (onChannels ? '(target ≥ 0.90)' : '(A/A: 1 within the interval)'),
      `requests answered, warm-ups included: off ${servedOff + (served.get(apiOff.url) ?? 0)}, ` +
        `on ${servedOn + (served.get(apiOn.url) ?? 0)}`,
    ].join('\n') + '\n',
  );
  // Printed first: the figures stand even if the backlog is slow to go.
  const drainer = await startProcess('worker', true, false);
  process.stdout.write(`backlog delivered ${(await drained()).toFixed(1)} s after the last slice\n`);
  await stopProcess(drainer);
}

const chosen = new Set(['off', ...(process.argv[4] ?? 'enqueue,split,all').split(',')]);
// Untimed warm-up (BENCH_WARMUP seconds, 3 by default) of both API processes and the database's caches: without
// it the first run of a bench was the slower one of its round, whichever variant it was.
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
async function warmUp(): Promise<void> {
  if (warmup <= 0) return;
  await load(apiOff.url, warmup);
  await load(apiOn.url, warmup);
  const drainer = await startProcess('worker', true, false);
  await drained();
  await stopProcess(drainer);
}
await warmUp();
let servedOff = 0;
let servedOn = 0;
/** `paired`'s next generation: both API processes replaced by new ones, warmed up the same way. */
async function renewApiProcesses(): Promise<void> {
  servedOff += served.get(apiOff.url) ?? 0;
  servedOn += served.get(apiOn.url) ?? 0;
  // A new process may get an old one's port: its count starts from nothing.
  served.delete(apiOff.url);
  served.delete(apiOn.url);
  await stopProcess(apiOff);
  await stopProcess(apiOn);
  // Which of the two starts first alternates, so that the order, if it matters, favours neither.
  if (++generation % 2 === 1) {
    apiOn = await startProcess('api', onChannels);
    apiOff = await startProcess('api', false);
  } else {
    apiOff = await startProcess('api', false);
    apiOn = await startProcess('api', onChannels);
  }
  await warmUp();
}
if (chosen.has('paired')) {
  await paired();
  await stopProcess(apiOff);
  await stopProcess(apiOn);
  receiver.kill('SIGTERM');
  await database.close();
  process.exit(0);
}
for (let round = 0; round < rounds; round++) {
  const order = (['off', 'enqueue', 'split', 'all'] as const).filter((v) => chosen.has(v));
  if (round % 2 === 1) order.reverse();
  for (const v of order) await measure(v);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const list = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
const line = (v: Variant, label: string) => {
  const rs = results[v];
  const rates = rs.map((r) => r.rate);
  const cpu = (k: 'apiCpu' | 'workerCpu') => rs.map((r) => (r[k] === undefined ? '?' : r[k].toFixed(1))).join(', ');
  const perIntake = (k: 'apiCpu' | 'dbCpu') =>
    rs.map((r) => (r[k] === undefined ? '?' : ((r[k] * 1000) / (r.rate * seconds)).toFixed(2))).join(', ');
  const parts = [
    `${label}: ${mean(rates).toFixed(1)} req/s (${list(rates)}), mean latency ${mean(rs.map((r) => r.latency)).toFixed(1)} ms`,
    `API process CPU ${cpu('apiCpu')} s${v === 'split' ? `, worker CPU ${cpu('workerCpu')} s` : ''}`,
    `API CPU per intake ${perIntake('apiCpu')} ms`,
    `database CPU per intake ${perIntake('dbCpu')} ms`,
  ];
  if (rs.every((r) => r.wal))
    parts.push(
      `WAL per intake ${rs.map((r) => (r.wal!.bytes / (r.rate * seconds) / 1024).toFixed(1)).join(', ')} kB ` +
        `(${rs.map((r) => (r.wal!.fpi / (r.rate * seconds)).toFixed(2)).join(', ')} full-page images)`,
    );
  if (v !== 'off')
    parts.push(
      `each round against its off run ${rs.map((r, i) => (r.rate / results.off[i]!.rate).toFixed(3)).join(', ')}`,
    );
  const perMessage = (cpu: number | undefined, n: number | undefined) =>
    cpu !== undefined && n ? ((cpu * 1000) / n).toFixed(2) : '?';
  if (v === 'split')
    parts.push(
      `worker CPU per delivered message ${rs.map((r) => perMessage(r.workerCpu, r.delivered)).join(', ')} ms ` +
        `(${rs.map((r) => r.delivered).join(', ')} delivered)`,
    );
  if (v === 'enqueue')
    parts.push(
      `a fresh worker draining the backlog alone: ${rs.map((r) => perMessage(r.drainCpu, r.drainMessages)).join(', ')} ` +
        `ms CPU per message (${rs.map((r) => r.drainMessages).join(', ')} messages)`,
    );
  if (v !== 'off')
    parts.push(
      `undelivered when the load stopped ${rs.map((r) => r.backlog).join(', ')}, ` +
        `all delivered ${rs.map((r) => r.drainS!.toFixed(1)).join(', ')} s later`,
    );
  return parts.join('; ');
};
const off = mean(results.off.map((r) => r.rate));
const ratio = (v: Variant) => (mean(results[v].map((r) => r.rate)) / off).toFixed(3);
const labels: Record<Variant, string> = {
  off: 'intake, notifications off (PROCESS_ROLE=api)',
  enqueue: 'intake, notifications on, PROCESS_ROLE=api, nobody delivering during the run',
  split: 'intake, notifications on, PROCESS_ROLE=api + a PROCESS_ROLE=worker process',
  all: 'intake, notifications on, PROCESS_ROLE=all (dispatcher in the API process)',
};
const names: Record<Variant, string> = {
  off: 'off',
  enqueue: 'enqueue only',
  split: 'api + worker',
  all: 'all in one',
};
const measured = (['off', 'enqueue', 'split', 'all'] as const).filter((v) => results[v].length > 0);
process.stdout.write(
  [
    `database: ${database.kind}; ${seconds} s per run, ${rounds} rounds; ${connections} connections; ${agencyCount} agencies`,
    ...measured.map((v) => line(v, labels[v])),
    `on / off: ${measured
      .filter((v) => v !== 'off')
      .map((v) => `${names[v]} = ${ratio(v)}`)
      .join('; ')} (target ≥ 0.90)`,
  ].join('\n') + '\n',
);
await stopProcess(apiOff);
await stopProcess(apiOn);
receiver.kill('SIGTERM');
await database.close();
process.exit(0);
