/**
 * Outbox figures (issue 12), not a test:
 *  1. dispatch throughput: messages delivered per second to a local receiver (one dispatcher, then two racing);
 *  2. intake over HTTP with notifications on (SMS + Zalo + portal, dispatcher running in the same
 *     process) vs off, alternated — target: on loses < 10% of intake throughput.
 *
 *   npx tsx scripts/bench/outbox.ts [seconds=8] [messages=2000] [rounds=2]        # embedded PGlite
 *   DATABASE_URL=postgres://... npx tsx scripts/bench/outbox.ts [seconds] [messages]   # PostgreSQL (adds rows)
 *
 * "Dispatcher elsewhere" here means no dispatcher at all during the run. The deployment it stands
 * for — an API process (PROCESS_ROLE=api) beside a worker process (PROCESS_ROLE=worker) that
 * delivers — is measured by scripts/bench/outbox-roles.ts (`npm run bench:outbox:roles`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import type { PlannedMessage } from '../../src/modules/outbox/outbox.types.js';
import { BENCH_SECRET, benchWorld, channelsOn } from './outbox-fixture.js';

const seconds = Number(process.argv[2] ?? 8);
const messageCount = Number(process.argv[3] ?? 2000);
const base = loadConfig();
const database = openDatabase({ url: base.databaseUrl, pgliteDir: 'memory://', poolMax: 20 });
await database.migrate();
const { db } = database;

const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"error":0}'));
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const rx = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

const common = {
  ...process.env,
  LOG_LEVEL: 'silent',
  JWT_SECRET: BENCH_SECRET,
  DATABASE_POOL_MAX: '20',
};
const on = channelsOn(rx);
const logger = pino({ level: 'silent' });
const appOff = createApp({ config: loadConfig(common), database, logger });
const appOn = createApp({ config: loadConfig({ ...common, ...on }), database, logger });

const { tag, body, headers } = await benchWorld(db);

const listen = (app: typeof appOn.app) =>
  new Promise<{ url: string; close: () => void }>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() }),
    );
  });
const off = await listen(appOff.app);
const onServer = await listen(appOn.app);
// 1. Dispatch throughput: `messageCount` portal messages of one dossier, enqueued at once.
const first = (await (await fetch(`${off.url}/api/v1/dossiers`, { method: 'POST', headers, body })).json()) as {
  id: string;
};
// One message per event and channel (the outbox's unique index): each message of a batch is an event of its own.
let batchSeq = 1000;
async function enqueueBatch(label: string): Promise<void> {
  const messages: PlannedMessage[] = Array.from({ length: messageCount }, (_, i) => ({
    channel: 'portal',
    recipient: 'portal',
    template: 'portal-status',
    dossierId: first.id,
    eventSeq: ++batchSeq,
    idempotencyKey: `bench:${tag}:${label}:${i}`,
    payload: { document: { schema: 'motcua.dossier-status/1', n: i } as never },
  }));
  await db.transaction((tx) => appOn.services.outbox.enqueue(tx, messages));
}
const { createDispatcher } = await import('../../src/modules/outbox/outbox.dispatcher.js');
const { buildChannels } = await import('../../src/modules/outbox/outbox.channels.js');
const second = createDispatcher(db, {
  clock: { now: () => new Date() },
  logger,
  channels: buildChannels(loadConfig({ ...common, ...on }).outbox),
  options: loadConfig({ ...common, ...on }).outbox,
});

await enqueueBatch('one');
let t = performance.now();
const one = await appOn.services.outboxDispatcher.drain(100_000);
const oneRate = one.sent / ((performance.now() - t) / 1000);
await enqueueBatch('two');
t = performance.now();
const two = await Promise.all([appOn.services.outboxDispatcher.drain(100_000), second.drain(100_000)]);
const twoRate = (two[0].sent + two[1].sent) / ((performance.now() - t) / 1000);

// 2. Intake over HTTP, alternating: off; on with the dispatcher elsewhere (only the outbox's record in the
// intake transaction); on with the dispatcher planning and delivering in this same process.
const run = async (url: string) => {
  const r = await autocannon({
    url: `${url}/api/v1/dossiers`,
    method: 'POST',
    connections: 10,
    duration: seconds,
    headers,
    body,
  });
  if (r.non2xx > 0) throw new Error(`${r.non2xx} non-2xx answers`);
  return r.requests.average;
};
const offRates: number[] = [];
const enqueueRates: number[] = [];
const onRates: number[] = [];
const rounds = Number(process.argv[4] ?? 2);
// ABBA order (off, on, on, off, …): the tables grow during the run, so a fixed order would favour
// whichever variant always runs first.
for (let round = 0; round < rounds; round++) {
  if (round % 2 === 0) {
    offRates.push(await run(off.url));
    enqueueRates.push(await run(onServer.url));
  } else {
    enqueueRates.push(await run(onServer.url));
    offRates.push(await run(off.url));
  }
  await appOn.services.outboxDispatcher.drain(100_000); // the backlog of that run, not timed
  appOn.services.outboxDispatcher.start();
  onRates.push(await run(onServer.url));
  await appOn.services.outboxDispatcher.stop();
}
// 3. One connection, no contention: the added latency of one intake (the listener's own cost).
const latency = async (url: string) => {
  const r = await autocannon({
    url: `${url}/api/v1/dossiers`,
    method: 'POST',
    connections: 1,
    duration: seconds,
    headers,
    body,
  });
  if (r.non2xx > 0) throw new Error(`${r.non2xx} non-2xx answers`);
  return r.latency.mean;
};
const offLatency: number[] = [];
const onLatency: number[] = [];
for (let round = 0; round < rounds; round++) {
  if (round % 2 === 0) {
    offLatency.push(await latency(off.url));
    onLatency.push(await latency(onServer.url));
  } else {
    onLatency.push(await latency(onServer.url));
    offLatency.push(await latency(off.url));
  }
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const list = (xs: number[]) => xs.map((r) => r.toFixed(1)).join(', ');
const lines = [
  `database: ${database.kind}`,
  `dispatch, one dispatcher: ${one.sent} messages at ${oneRate.toFixed(0)} msg/s`,
  `dispatch, two dispatchers racing: ${two[0].sent + two[1].sent} messages at ${twoRate.toFixed(0)} msg/s (ratio ${(twoRate / oneRate).toFixed(2)})`,
  `intake over HTTP, notifications off: ${mean(offRates).toFixed(1)} req/s (${list(offRates)})`,
  `intake, notifications on (3 messages each), dispatcher elsewhere: ${mean(enqueueRates).toFixed(1)} req/s (${list(enqueueRates)})`,
  `intake, notifications on, dispatcher in this process: ${mean(onRates).toFixed(1)} req/s (${list(onRates)})`,
  `one connection, mean latency: off ${mean(offLatency).toFixed(2)} ms (${list(offLatency)}), on ${mean(onLatency).toFixed(2)} ms (${list(onLatency)})`,
  `on / off, enqueue only = ${(mean(enqueueRates) / mean(offRates)).toFixed(3)}; with dispatch in-process = ${(mean(onRates) / mean(offRates)).toFixed(3)} (target ≥ 0.90)`,
];
process.stdout.write(`${lines.join('\n')}\n`);
off.close();
onServer.close();
receiver.close();
await database.close();
process.exit(0);
