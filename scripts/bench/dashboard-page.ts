/**
 * The supervisor's dashboard page in Chromium on the seeded volume (issue 11: "the page loads in
 * < 1 s on 1 M dossiers for a province-month"). A province supervisor of the seeded agencies opens
 * `/bang-dieu-khien?period=<month>` afresh each round and signs in (the page keeps its token in
 * memory only, so every opening signs in, with the configured bcrypt cost), until the page says its
 * data is drawn (`#board[data-ready=true]`: five API calls, the charts and tables); then chooses the
 * month again in the open page (the data part alone). Baseline in the same run: opening the
 * citizen's static form `/tra-cuu` (page and browser overhead with no data behind it).
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/bench/dashboard-page.ts [month=2026-10] [rounds=15]
 *
 * The figures come from snapshots when the nightly run has covered the month and the eleven before
 * it (the trend): run `scripts/bench/nightly.ts <5th of each following month>` on a fresh seed. The
 * page says which source it used. Needs Debian's `chromium` (CHROMIUM_PATH to override).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import puppeteer from 'puppeteer-core';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';
import { users } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/modules/auth/password.js';

const month = process.argv[2] ?? '2026-10';
const rounds = Number(process.argv[3] ?? 15);
const password = 'Bench-password-2026!';
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'silent',
  JOBS_ENABLED: '0',
  JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
});
if (!config.databaseUrl) throw new Error('needs DATABASE_URL');
const database = openDatabase({ url: config.databaseUrl, pgliteDir: '', poolMax: 10 });
await database.migrate();
const { db } = database;
const { app } = createApp({ config, database, logger: pino({ level: 'silent' }) });
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// The province of the seeded agencies, with its dossiers of the month.
const [province] = await queryRows<{ id: string; name: string; agencies: number }>(
  db,
  sql`select p.id, p.name, count(*)::int as agencies from agencies p join agencies a on a.parent_id = p.id
      where a.name like 'Sở đo tải%' group by p.id, p.name order by count(*) desc limit 1`,
);
if (!province) throw new Error('no seeded province (run scripts/seed-volume.ts)');
const username = `bench.dash.${Date.now().toString(36)}`;
await db.insert(users).values({
  username,
  fullName: 'Giám sát đo tải',
  roles: ['supervisor'],
  agencyId: province.id,
  passwordHash: await hashPassword(password, config.bcryptCost),
});

const executablePath =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
page.setDefaultTimeout(60_000);

/**
 * One opening of the dashboard: the page, the sign-in (the token lives in the page's memory only, so
 * every opening signs in; the password hash has the configured bcrypt cost), the data drawn.
 */
async function openBoard(): Promise<{ ms: number; afterSignIn: number; dataMs: number }> {
  const t = performance.now();
  await page.goto(`${base}/bang-dieu-khien?period=${month}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#username');
  await page.type('#username', username);
  await page.type('#password', password);
  const submitted = performance.now();
  await page.click('#signin-form button[type=submit]');
  await page.waitForSelector('#board[data-ready=true]');
  const done = performance.now();
  const dataMs = await page.$eval('#loaded', (e) =>
    Number((e as unknown as { dataset: Record<string, string> }).dataset.ms ?? 'NaN'),
  );
  return { ms: done - t, afterSignIn: done - submitted, dataMs };
}

/** Choosing the month again in the open page: the five API calls and the drawing only. */
async function chooseMonth(): Promise<number> {
  await page.$eval('#board', (b) => {
    delete (b as unknown as { dataset: Record<string, string> }).dataset.ready;
  });
  const t = performance.now();
  await page.click('#period-form button[type=submit]');
  await page.waitForSelector('#board[data-ready=true]');
  return performance.now() - t;
}

async function openForm(): Promise<number> {
  const t = performance.now();
  await page.goto(`${base}/tra-cuu`, { waitUntil: 'load' });
  return performance.now() - t;
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const opened: Array<{ ms: number; afterSignIn: number; dataMs: number }> = [];
const chosen: number[] = [];
const form: number[] = [];
await openBoard(); // warm once
for (let i = 0; i < rounds; i++) {
  opened.push(await openBoard());
  chosen.push(await chooseMonth());
  form.push(await openForm());
}
await openBoard();
const source = await page.$eval('#loaded', (e) => e.textContent ?? '');
const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from dossiers`);
const f = (x: number) => `${x.toFixed(0)} ms`;
const line = (label: string, xs: number[]) =>
  `${label}: p50 ${f(pct(xs, 0.5))}, p95 ${f(pct(xs, 0.95))}, max ${f(Math.max(...xs))}`;
console.log(
  `${count!.n} dossiers; province "${province.name}" (${province.agencies} agencies), month ${month}; ${rounds} rounds`,
);
console.log(`page says: ${source}`);
console.log(
  line(
    'opening the dashboard, sign-in included (bcrypt cost ' + config.bcryptCost + ')',
    opened.map((o) => o.ms),
  ),
);
console.log(
  line(
    '  from the sign-in click to the data drawn',
    opened.map((o) => o.afterSignIn),
  ),
);
console.log(
  line(
    '  the five API calls as the page timed them',
    opened.map((o) => o.dataMs),
  ),
);
console.log(line('choosing the month in the open page → data drawn (target < 1 s)', chosen));
console.log(line('baseline, the static /tra-cuu form', form));
console.log(`ratio of p50s, month chosen / static form: ${(pct(chosen, 0.5) / pct(form, 0.5)).toFixed(1)}`);
await browser.close();
await db
  .delete(users)
  .where(sql`${users.username} = ${username}`)
  .catch(() => undefined);
server.closeAllConnections();
server.close();
await database.close();
