/**
 * Kill test of the outbox on PostgreSQL (issue 12): `kill -9` the API while 200 messages are in
 * flight (some events recorded and not planned yet, some messages being sent); after a restart every
 * message is planned and delivered, the receiver sees each idempotency key at
 * most twice, and never a message for a dossier whose intake was not committed.
 *
 *   DATABASE_URL=postgres://motcua@127.0.0.1:55433/motcua_kill npx tsx scripts/test/outbox-kill.ts --wipe
 *
 * THE DATABASE IS WIPED FIRST (hence --wipe). Exits 1 on any violation.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';

const config = loadConfig();
if (!config.databaseUrl || !process.argv.includes('--wipe')) {
  process.stderr.write(
    'usage: DATABASE_URL=postgres://… npx tsx scripts/test/outbox-kill.ts --wipe   (wipes that database)\n',
  );
  process.exit(2);
}
const INTAKES = 100; // × (SMS + portal) = 200 messages
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const db = new pg.Client({ connectionString: config.databaseUrl });
await db.connect();
await db.query('drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;');

// The receiver: SMS gateway and portal, each answer after 25 ms; every key it sees is counted.
const seen = new Map<string, number>();
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const key = String(req.headers['idempotency-key']);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"error":0}'), 25);
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const rx = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

const free = createServer();
await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
const apiPort = (free.address() as AddressInfo).port;
await new Promise((r) => free.close(r));
const api = `http://127.0.0.1:${apiPort}`;
const password = 'Mat-khau-kill-test-2026';

function startApi(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: config.databaseUrl,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      SEED_DEMO: 'true',
      DEMO_PASSWORD: password,
      BOOTSTRAP_ADMIN_PASSWORD: password,
      BCRYPT_COST: '4',
      JWT_SECRET: 'k'.repeat(40),
      JOBS_ENABLED: 'false',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      OUTBOX_DEFAULT_CONSENT: 'sms', // consent until intake takes applicant.notify (MERGE.md)
      SMS_ENABLED: 'true',
      SMS_GATEWAY_URL: `${rx}/sms`,
      SMS_GATEWAY_TOKEN: 't',
      PORTAL_SYNC_ENABLED: 'true',
      PORTAL_SYNC_URL: `${rx}/portal`,
      PORTAL_SYNC_SECRET: 's'.repeat(40),
      OUTBOX_POLL_MS: '50',
      OUTBOX_BATCH_SIZE: '10',
      OUTBOX_CONCURRENCY: '2',
      OUTBOX_LEASE_MS: '3000',
      OUTBOX_BACKOFF_BASE_MS: '200',
    },
  });
}

async function ready(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${api}/readyz`)).ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error('API did not start');
}

let child = startApi();
await ready();
const login = (await (
  await fetch(`${api}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ttpvhcc.receptionist', password }),
  })
).json()) as { accessToken: string };
const auth = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };
const procedures = (await (await fetch(`${api}/api/v1/procedures?limit=50`, { headers: auth })).json()) as {
  items: Array<{ code: string; agencyId: string | null }>;
};
const procedureCode = procedures.items.find((p) => p.agencyId)!.code;
const intake = (i: number) =>
  fetch(`${api}/api/v1/dossiers`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      procedureCode,
      channel: 'direct',
      applicant: { name: `Người nộp ${i}`, phone: `0912${String(i).padStart(6, '0')}` },
    }),
  });

// 1. 100 committed intakes (the API answered 201): 200 messages, delivered slowly.
for (let i = 0; i < INTAKES; i += 10) {
  const answers = await Promise.all(Array.from({ length: 10 }, (_, j) => intake(i + j)));
  const bad = answers.find((a) => a.status !== 201);
  if (bad) throw new Error(`intake failed: ${bad.status} ${await bad.text()}`);
}
// 2. More intakes in flight, then kill -9 while the outbox is still delivering.
const inFlight = Array.from({ length: 20 }, (_, j) =>
  intake(1000 + j).then(
    (r) => r.status,
    () => 0,
  ),
);
await sleep(40);
const seenBeforeKill = seen.size;
child.kill('SIGKILL');
const answered = (await Promise.all(inFlight)).filter((s) => s === 201).length;
const atKill = (
  await db.query<{ status: string; n: number }>('select status, count(*)::int as n from outbox group by status')
).rows;
const unplannedAtKill = (await db.query<{ n: number }>('select count(*)::int as n from outbox_events')).rows[0]!.n;
process.stdout.write(
  `killed: receiver had ${seenBeforeKill} keys; outbox ${JSON.stringify(atKill)}, ${unplannedAtKill} events ` +
    `not planned yet; ${answered} of 20 in-flight intakes answered\n`,
);

// 3. Restart; wait until nothing is left to plan or deliver (a message stuck in `sending` waits for its lease).
child = startApi();
await ready();
const started = Date.now();
for (;;) {
  const { rows } = await db.query<{ n: number }>(
    "select ((select count(*) from outbox where status <> 'sent') + (select count(*) from outbox_events))::int as n",
  );
  if (rows[0]!.n === 0) break;
  if (Date.now() - started > 120_000) throw new Error(`not delivered after 2 min: ${rows[0]!.n} left`);
  await sleep(200);
}
child.kill('SIGTERM');

// 4. Verdict.
const rows = (
  await db.query<{ key: string; dossier_id: string; status: string }>(
    'select o.idempotency_key as key, o.dossier_id, o.status from outbox o join dossiers d on d.id = o.dossier_id',
  )
).rows;
const total = (await db.query<{ n: number }>('select count(*)::int as n from outbox')).rows[0]!.n;
const keys = new Set(rows.map((r) => r.key));
const problems: string[] = [];
if (total !== rows.length) problems.push(`${total - rows.length} outbox rows without a committed dossier`);
if (rows.length < INTAKES * 2) problems.push(`only ${rows.length} messages, expected at least ${INTAKES * 2}`);
for (const r of rows) {
  const n = seen.get(r.key) ?? 0;
  if (n < 1) problems.push(`never delivered: ${r.key}`);
  if (n > 2) problems.push(`delivered ${n} times: ${r.key}`);
}
const strangers = [...seen.keys()].filter((k) => !keys.has(k));
if (strangers.length > 0)
  problems.push(`${strangers.length} keys received for no committed dossier: ${strangers.slice(0, 3).join(', ')}`);
const twice = [...seen.values()].filter((n) => n === 2).length;
const retried = (
  await db.query<{ n: number }>("select count(*)::int as n from outbox_deliveries where outcome = 'lease_expired'")
).rows[0]!.n;
process.stdout.write(
  `messages ${rows.length} (committed intakes ${rows.length / 2}), all sent; keys seen twice ${twice}; ` +
    `lease takeovers ${retried}; keys for uncommitted dossiers ${strangers.length}\n`,
);
await db.end();
receiver.close();
if (problems.length > 0) {
  process.stdout.write(`FAILED\n${problems.slice(0, 20).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('PASSED\n');
process.exit(0);
