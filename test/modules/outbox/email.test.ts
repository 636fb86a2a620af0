import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import { outbox, outboxDeliveries } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { buildWorld } from '../dossiers/world.js';
import { CONSENTING_APPLICANT, channelEnv, startSmtpServer } from './fakes.js';

describe('outbox: e-mail through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  before(async () => {
    smtp = await startSmtpServer({ rejectRecipients: /^nobody@/ });
  });
  after(async () => {
    await smtp.close();
  });

  it('sends the intake receipt in Vietnamese, HTML and text, to the consenting applicant', async () => {
    const world = await buildWorld({ env: channelEnv(undefined, smtp.port) });
    const dossier = await world.intake({ applicant: CONSENTING_APPLICANT });
    const counts = await world.services.outboxDispatcher.drain();
    assert.equal(counts.sent, 1);
    const mail = smtp.mails.find((m) => m.subject === `Tiếp nhận hồ sơ ${dossier.code}`);
    assert.ok(mail, 'the receipt arrived');
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined, 'mai.anh@example.vn');
    assert.match(mail.text ?? '', /Kính gửi ông\/bà Nguyễn Thị Mai Anh,/);
    assert.match(mail.text ?? '', /Hẹn trả kết quả: 17:00 ngày 26\/11\/2026/);
    assert.match(
      mail.text ?? '',
      new RegExp(`https://dichvucong\\.hungyen\\.gov\\.vn/tra-cuu/${dossier.code.replace(/\./g, '\\.')}`),
    );
    assert.match(String(mail.html), /<p>Kính gửi ông\/bà Nguyễn Thị Mai Anh,<\/p>/);
    assert.match(mail.messageId ?? '', new RegExp(`^<${dossier.id}\\.1\\.email@motcua>$`));

    const [row] = await testDatabase().db.select().from(outbox).where(eq(outbox.dossierId, dossier.id));
    assert.equal(row?.status, 'sent');
    assert.equal(row?.idempotencyKey, `${dossier.id}:1:email`);
    const log = await testDatabase().db.select().from(outboxDeliveries).where(eq(outboxDeliveries.messageId, row!.id));
    assert.deepEqual(
      log.map((l) => [l.attempt, l.outcome]),
      [[1, 'sent']],
    );
  });

  it('tells what is missing when a supplement is requested', async () => {
    const world = await buildWorld({ env: channelEnv(undefined, smtp.port) });
    const dossier = await world.intake({ applicant: CONSENTING_APPLICANT });
    const res = await world.act(dossier.id, 'request-supplement', world.receptionist, {
      items: ['Bản sao giấy khai sinh', 'Ảnh 4x6'],
      reason: 'Thiếu giấy tờ theo quy định',
    });
    assert.equal(res.status, 200);
    await world.services.outboxDispatcher.drain();
    const mail = smtp.mails.find((m) => m.subject === `Yêu cầu bổ sung, hoàn thiện hồ sơ ${dossier.code}`);
    assert.ok(mail);
    assert.match(mail.text ?? '', /1\. Bản sao giấy khai sinh\n2\. Ảnh 4x6/);
    assert.match(mail.text ?? '', /Lý do: Thiếu giấy tờ theo quy định/);
  });

  it('sends nothing without consent, and marks a refused mailbox dead at once (SMTP 550)', async () => {
    const unconsented = await buildWorld({ env: channelEnv(undefined, smtp.port, { OUTBOX_DEFAULT_CONSENT: '' }) });
    const silent = await unconsented.intake({ applicant: CONSENTING_APPLICANT });
    const world = await buildWorld({ env: channelEnv(undefined, smtp.port) });
    const refused = await world.intake({ applicant: { ...CONSENTING_APPLICANT, email: 'nobody@example.vn' } });
    await unconsented.services.outboxDispatcher.drain();
    await world.services.outboxDispatcher.drain();
    const { db } = testDatabase();
    assert.equal((await db.select().from(outbox).where(eq(outbox.dossierId, silent.id))).length, 0);
    const [row] = await db.select().from(outbox).where(eq(outbox.dossierId, refused.id));
    assert.equal(row?.status, 'dead');
    assert.equal(row?.attempts, 1);
    assert.match(row?.lastError ?? '', /mailbox unavailable/);
    assert.doesNotMatch(row?.lastError ?? '', /nobody@example\.vn/, 'no address in the stored error');
  });
});
