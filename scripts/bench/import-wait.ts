/**
 * The embedded database under a long import (issue 9 item 6): while a 1,000-item import runs on
 * PGlite (one connection), a clerk's `GET /dossiers` is sent every 100 ms; its worst wait and p99
 * are compared with the same requests on an idle server in the same run (the baseline).
 *
 *   npx tsx scripts/bench/import-wait.ts [items=1000]
 */
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { agencies, procedures, users } from '../../src/db/schema/index.js';
import { signAccessToken } from '../../src/modules/auth/tokens.js';
import { defaultSteps } from '../../src/modules/procedures/procedure.service.js';

const items = Number(process.argv[2] ?? 1000);
const config = loadConfig({
  ...process.env,
  DATABASE_URL: '',
  PGLITE_DIR: 'memory://',
  LOG_LEVEL: 'silent',
  JOBS_ENABLED: '0',
  JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
});
const database = openDatabase({ url: undefined, pgliteDir: 'memory://', poolMax: 1 });
await database.migrate();
const { db } = database;
const { app } = createApp({ config, database, logger: pino({ level: 'silent' }) });

const [agency] = await db
  .insert(agencies)
  .values({ name: 'Sở đo tải', electronicId: '000.00.31.H31', level: 'department', activeFrom: '2020-01-01' })
  .returning();
const [procedure] = await db
  .insert(procedures)
  .values({
    code: 'BENCH.IMPORT',
    name: 'Thủ tục đo tải',
    field: 'Đo tải',
    agencyId: agency!.id,
    budgetValue: 3,
    budgetUnit: 'working_days',
    steps: defaultSteps({ value: 3, unit: 'working_days' }),
  })
  .returning();
const [admin] = await db
  .insert(users)
  .values({ username: 'bench.admin', fullName: 'Quản trị', roles: ['admin'], agencyId: null, passwordHash: 'x' })
  .returning();
const [clerk] = await db
  .insert(users)
  .values({
    username: 'bench.clerk',
    fullName: 'Văn thư',
    roles: ['receptionist'],
    agencyId: agency!.id,
    passwordHash: 'x',
  })
  .returning();
const token = (u: typeof users.$inferSelect) =>
  signAccessToken(
    { userId: u.id, username: u.username, roles: u.roles as never, agencyId: u.agencyId },
    config.jwtSecret,
    3600,
  );

const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1`;

async function probe(until: () => boolean): Promise<number[]> {
  const waits: number[] = [];
  do {
    const t0 = performance.now();
    const res = await fetch(`${base}/dossiers?limit=20`, { headers: { authorization: `Bearer ${token(clerk!)}` } });
    await res.arrayBuffer();
    waits.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (!until());
  return waits.sort((a, b) => a - b);
}
const stats = (w: number[]) => ({ n: w.length, p99: w[Math.floor(w.length * 0.99)] ?? 0, max: w.at(-1) ?? 0 });

for (let i = 0; i < 5; i++) await probe(() => true); // warm-up: JIT, caches, first query plans
const idleUntil = Date.now() + 5000;
const idle = stats(await probe(() => Date.now() > idleUntil));

const body = {
  items: Array.from({ length: items }, (_, i) => ({
    externalId: `bench-${i}`,
    procedureCode: procedure!.code,
    agencyId: agency!.id,
    channel: 'direct',
    receivedAt: '2026-10-05T09:00:00+07:00',
    applicant: { name: `Công dân ${i}` },
    events: [
      { type: 'forwarded', at: '2026-10-05T10:00:00+07:00' },
      { type: 'forwarded', at: '2026-10-06T10:00:00+07:00' },
      { type: 'decided', at: '2026-10-07T10:00:00+07:00', outcome: 'approved' },
      { type: 'returned', at: '2026-10-08T10:00:00+07:00', method: 'counter' },
    ],
  })),
};
let done = false;
const t0 = performance.now();
const importing = fetch(`${base}/dossiers/import`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token(admin!)}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
}).then(async (res) => {
  if (res.status !== 200) throw new Error(`import: ${res.status} ${await res.text()}`);
  done = true;
});
const during = stats(await probe(() => done));
await importing;
const importSeconds = (performance.now() - t0) / 1000;
server.close();
await database.close();

const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(`idle server: ${idle.n} lists, p99 ${ms(idle.p99)}, worst ${ms(idle.max)}`);
console.log(
  `during a ${items}-item import (${importSeconds.toFixed(1)} s, ${(items / importSeconds).toFixed(0)} items/s): ${during.n} lists, p99 ${ms(during.p99)}, worst ${ms(during.max)}`,
);
console.log(`worst wait ${(during.max / Math.max(idle.max, 1)).toFixed(1)}× the idle worst`);
