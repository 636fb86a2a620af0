import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import request from 'supertest';
import { makeApp, type TestApp } from '../support/app.js';
import {
  bearer,
  createAgency,
  createProcedure,
  createUser,
  DEFAULT_PASSWORD,
  type UserRow,
} from '../support/factories.js';
import { assertAccessible, DESKTOP, launch, PHONE, serve, shoot, watchedPage } from './support.js';

/**
 * Issue 11 end to end in Chromium: the clerk registers and prints, the citizen follows the QR link
 * with the PIN, officer and leader move the dossier on through the API, the citizen sees the
 * decision and rates, the supervisor sees the figures change. The app runs on the real clock.
 */
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

interface Desk {
  app: TestApp;
  receptionist: UserRow;
  officer: UserRow;
  leader: UserRow;
  supervisor: UserRow;
  procedureName: string;
}

async function desk(): Promise<Desk> {
  const app = makeApp();
  const province = await createAgency({ level: 'province', name: 'UBND tỉnh Hưng Yên' });
  const center = await createAgency({
    level: 'center',
    parentId: province.id,
    name: 'Trung tâm Phục vụ hành chính công',
  });
  const land = await createAgency({ level: 'department', parentId: province.id, name: 'Sở Tài nguyên và Môi trường' });
  const justice = await createAgency({ level: 'department', parentId: province.id, name: 'Sở Tư pháp' });
  const procedureName = 'Cấp giấy chứng nhận quyền sử dụng đất lần đầu';
  const procedure = await createProcedure({
    agencyId: land.id,
    name: procedureName,
    code: '1.012345',
    budget: { value: 5, unit: 'working_days' },
  });
  const other = await createProcedure({
    agencyId: justice.id,
    name: 'Cấp phiếu lý lịch tư pháp',
    code: '2.000488',
    budget: { value: 2, unit: 'working_days' },
  });
  const admin = await createUser({ roles: ['admin'] });
  // A little history so that the charts have something to draw: on time at one agency, late at the other.
  const now = Date.now();
  const items = Array.from({ length: 24 }, (_, i) => {
    const late = i % 3 === 0;
    const p = i % 2 === 0 ? procedure : other;
    const received = now - (20 + i * 6) * DAY;
    return {
      externalId: `lich-su-${i}`,
      procedureCode: p.code,
      agencyId: p.agencyId,
      receivingAgencyId: center.id,
      channel: i % 4 === 0 ? 'online' : 'direct',
      receivedAt: iso(received),
      applicant: { name: 'Người nộp cũ' },
      events: [
        { type: 'decided', at: iso(received + (p === other && late ? 9 : 1) * DAY), outcome: 'approved' },
        ...(i < 2 ? [] : [{ type: 'returned', at: iso(received + 10 * DAY), method: 'counter' }]),
      ],
    };
  });
  const imported = await request(app.app)
    .post('/api/v1/dossiers/import')
    .set(bearer(admin))
    .send({ items })
    .expect(200);
  assert.ok(
    imported.body.results.every((r: { status: string }) => r.status === 'created'),
    JSON.stringify(imported.body.results[0]),
  );
  return {
    app,
    procedureName,
    receptionist: await createUser({
      roles: ['receptionist'],
      agencyId: center.id,
      fullName: 'Trần Văn Minh',
      username: 'quay01',
    }),
    officer: await createUser({ roles: ['officer'], agencyId: land.id }),
    leader: await createUser({ roles: ['leader'], agencyId: land.id }),
    supervisor: await createUser({
      roles: ['supervisor'],
      agencyId: province.id,
      fullName: 'Lê Thu Hà',
      username: 'giamsat01',
    }),
  };
}

async function signIn(page: Page, user: UserRow): Promise<void> {
  await page.type('#username', user.username);
  await page.type('#password', DEFAULT_PASSWORD);
  await Promise.all([
    page.waitForSelector('#signin', { hidden: true }),
    page.click('#signin-form button[type=submit]'),
  ]);
}

const started = Date.now();
/** Progress with elapsed seconds in the CI log: a slow step is found without a debugger. */
const step = (label: string) => console.error(`    · ${((Date.now() - started) / 1000).toFixed(1)} s ${label}`);

const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? '');

describe('browser: the three pages in Chromium (issue 11)', function () {
  this.timeout(300_000);
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serve>>;
  let world: Desk;

  before(async () => {
    world = await desk();
    step('world seeded');
    site = await serve(world.app.app);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  it('clerk registers and prints; citizen tracks and rates; supervisor sees the figures change', async () => {
    const { base } = site;
    step('start');
    // The supervisor's figures before.
    const board = await watchedPage(browser, DESKTOP);
    await board.page.goto(`${base}/bang-dieu-khien`);
    await assertAccessible(board.page, 'dashboard sign-in');
    await signIn(board.page, world.supervisor);
    await board.page.waitForSelector('#board[data-ready=true]');
    const resolvedBefore = Number(await text(board.page, '#tile-resolved .n'));
    const receivedBefore = Number(await text(board.page, '#tile-received .n'));

    step('The clerk:');
    // The clerk: sign in, find the procedure as they type, applicant, components, preview, confirm, print.
    const counter = await watchedPage(browser, DESKTOP);
    await counter.page.goto(`${base}/quay`);
    await signIn(counter.page, world.receptionist);
    await counter.page.type('#proc-q', 'quyền sử dụng');
    await counter.page.waitForSelector('#proc-list li');
    await counter.page.click('#proc-list li');
    assert.match(await text(counter.page, '#proc-chosen'), /quyền sử dụng đất/);
    await counter.page.type('#a-name', 'Nguyễn Thị Mai Anh');
    await counter.page.type('#a-id', '001190012345');
    await counter.page.type('#a-phone', '0912 345 678');
    await counter.page.type('#a-address', 'Số 5 phố Hiến, Hưng Yên');
    await counter.page.click('#comp-0');
    await counter.page.click('#comp-1');
    assert.equal(
      await counter.page.$eval('#btn-confirm', (b) => (b as unknown as { disabled: boolean }).disabled),
      true,
      'no confirm before the preview',
    );
    await counter.page.click('#btn-preview');
    await counter.page.waitForSelector('#preview strong');
    const appointment = await text(counter.page, '#preview strong');
    await assertAccessible(counter.page, 'counter');
    await shoot(counter.page, 'quay-desktop');
    await counter.page.click('#btn-confirm');
    await counter.page.waitForSelector('#print-receipt[data-ready=true]');
    const code = await text(counter.page, '#new-code');
    const pin = await text(counter.page, '#new-pin');
    assert.ok(code && /^[A-Z0-9]{6}$/.test(pin), `${code} ${pin}`);
    assert.ok((await text(counter.page, '#receipt')).includes(appointment), 'the receipt promises the previewed date');
    const pdf = await counter.page.$eval('#print-receipt', async (a) => {
      const bytes = new Uint8Array(await (await fetch((a as unknown as { href: string }).href)).arrayBuffer());
      return String.fromCharCode(...bytes.slice(0, 5));
    });
    assert.equal(pdf, '%PDF-');
    await counter.page.waitForFunction(
      `document.querySelector('#inbox-today')?.textContent?.includes(${JSON.stringify(code)})`,
    );
    await shoot(counter.page, 'quay-receipt-desktop');
    const dossierId = (
      await request(world.app.app)
        .get('/api/v1/dossiers')
        .query({ q: code })
        .set(bearer(world.receptionist))
        .expect(200)
    ).body.items[0].id;

    step('The citizen, on a phone');
    // The citizen, on a phone, from the QR link.
    const citizen = await watchedPage(browser, PHONE);
    await citizen.page.goto(`${base}/tra-cuu/${encodeURIComponent(code)}`);
    await assertAccessible(citizen.page, 'lookup form');
    await shoot(citizen.page, 'tra-cuu-phone');
    await citizen.page.type('#pin', pin.toLowerCase());
    await Promise.all([citizen.page.waitForNavigation(), citizen.page.click('form button[type=submit]')]);
    assert.match(await text(citizen.page, '#status-h'), /Đã tiếp nhận/);
    assert.ok((await text(citizen.page, 'main')).includes(world.procedureName));
    assert.ok(!(await text(citizen.page, 'main')).includes('Nguyễn Thị Mai Anh'), 'masked name only');
    await assertAccessible(citizen.page, 'result');
    await shoot(citizen.page, 'tra-cuu-ket-qua-phone');

    step('Officer and leader');
    // Officer and leader move it on through the API.
    const act = (action: string, user: UserRow, body: object = {}) =>
      request(world.app.app).post(`/api/v1/dossiers/${dossierId}/${action}`).set(bearer(user)).send(body).expect(200);
    await act('forward', world.receptionist);
    await act('assign', world.leader, { assigneeId: world.officer.id });
    await act('forward', world.officer);
    await act('decide', world.leader, { outcome: 'approved' });

    step('The citizen sees');
    // The citizen sees the decision and rates.
    await citizen.page.bringToFront();
    await citizen.page.goto(`${base}/tra-cuu/${encodeURIComponent(code)}`);
    await citizen.page.type('#pin', pin);
    await Promise.all([citizen.page.waitForNavigation(), citizen.page.click('form button[type=submit]')]);
    assert.match(await text(citizen.page, '#status-h'), /Đã có kết quả/);
    await assertAccessible(citizen.page, 'decided result with rating form');
    await shoot(citizen.page, 'tra-cuu-danh-gia-phone');
    await citizen.page.click('#lv-very_satisfied');
    await citizen.page.type('#comment', 'Cán bộ hướng dẫn tận tình');
    await Promise.all([citizen.page.waitForNavigation(), citizen.page.click('#rate-h ~ form button[type=submit]')]);
    assert.match(await text(citizen.page, 'main'), /Cảm ơn bạn đã đánh giá/);
    const desktopCitizen = await watchedPage(browser, DESKTOP);
    await desktopCitizen.page.goto(`${base}/tra-cuu`);
    await shoot(desktopCitizen.page, 'tra-cuu-desktop');

    step('The counter returns');
    // The counter returns the result in one click from "results ready".
    await counter.page.bringToFront();
    await counter.page.click('#btn-refresh');
    const ret = `#inbox-ready button[data-code="${code}"]`;
    await counter.page.waitForSelector(ret);
    await counter.page.click(ret);
    await counter.page.waitForSelector(ret, { hidden: true });
    const returned = await request(world.app.app)
      .get(`/api/v1/dossiers/${dossierId}`)
      .set(bearer(world.receptionist))
      .expect(200);
    assert.equal(returned.body.status, 'returned');

    step("The supervisor's figures after.");
    // The supervisor's figures after.
    await board.page.bringToFront();
    await board.page.$eval('#board', (b) => {
      delete (b as unknown as { dataset: Record<string, string> }).dataset.ready;
    });
    await board.page.click('#period-form button[type=submit]');
    await board.page.waitForSelector('#board[data-ready=true]');
    assert.equal(Number(await text(board.page, '#tile-resolved .n')), resolvedBefore + 1);
    assert.equal(Number(await text(board.page, '#tile-received .n')), receivedBefore + 1);
    const ms = Number(
      await board.page.$eval('#loaded', (e) => (e as unknown as { dataset: Record<string, string> }).dataset.ms),
    );
    step(`dashboard data (5 API calls, 12-month trend) in ${ms} ms`);
    // Issue 11 asks < 1 s; on this shared 2-core machine with live (not snapshot) figures on PGlite the
    // suite only guards against a regression; README "Pages" gives the measured numbers.
    assert.ok(ms < 5000, `dashboard data in ${ms} ms`);
    await assertAccessible(board.page, 'dashboard');
    await shoot(board.page, 'bang-dieu-khien-desktop');
    // The export buttons fetch their file behind the token when pressed (not with every load).
    await board.page.click('#csv');
    await board.page.waitForSelector('#csv[data-period]');
    assert.match(await board.page.$eval('#csv', (a) => (a as unknown as { href: string }).href), /^blob:/);
    // A month in the address opens that month (a bookmarked or shared link); this world has nothing then.
    await board.page.goto(`${base}/bang-dieu-khien?period=2025-01`);
    await signIn(board.page, world.supervisor);
    await board.page.waitForSelector('#board[data-ready=true]');
    assert.equal(await board.page.$eval('#period', (e) => (e as unknown as { value: string }).value), '2025-01');
    assert.equal(Number(await text(board.page, '#tile-received .n')), 0);
    const boardPhone = await watchedPage(browser, PHONE);
    await boardPhone.page.goto(`${base}/bang-dieu-khien`);
    await signIn(boardPhone.page, world.supervisor);
    await boardPhone.page.waitForSelector('#board[data-ready=true]');
    await shoot(boardPhone.page, 'bang-dieu-khien-phone');
    const counterPhone = await watchedPage(browser, PHONE);
    await counterPhone.page.goto(`${base}/quay`);
    await signIn(counterPhone.page, world.receptionist);
    await shoot(counterPhone.page, 'quay-phone');

    step('done');
    for (const p of [board, counter, citizen, desktopCitizen, boardPhone, counterPhone])
      assert.deepEqual(p.problems, []);
  });
});
