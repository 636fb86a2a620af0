import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { backoffMs } from '../../../src/modules/outbox/outbox.dispatcher.js';
import {
  channelsOwed,
  contextOf,
  fromContext,
  normalisePhone,
  planMessages,
  settingsFor,
} from '../../../src/modules/outbox/outbox.plan.js';
import type {
  DossierSnapshot,
  EventContext,
  PlanSettings,
  SmsPayload,
} from '../../../src/modules/outbox/outbox.types.js';
import { fitSms, gsm7Length, stripToneMarks, toGsm7 } from '../../../src/modules/outbox/sms-text.js';

const at = (local: string) => new Date(`${local}+07:00`);
const dossier: DossierSnapshot = {
  id: '11111111-1111-4111-8111-111111111111',
  code: '000.00.21.H40-261123-0007',
  status: 'received',
  channel: 'online',
  procedure: { code: '1.001612', name: 'Đăng ký khai sinh' },
  agency: { name: 'UBND xã Phụng Công', electronicId: '000.00.21.H40' },
  receivingAgency: { name: 'Trung tâm Phục vụ hành chính công tỉnh Hưng Yên', electronicId: '000.00.00.H40' },
  applicant: { name: 'Trần Thị Hoà', phone: '+84 912 345 678', email: 'hoa@example.vn', notify: ['sms', 'email'] },
  receivedAt: at('2026-11-23T10:00'),
  dueAt: at('2026-11-26T17:00'),
  promisedAt: null,
  finishedAt: null,
  returnedAt: null,
  withdrawnAt: null,
  pausedSince: null,
  outcome: null,
  supplementCount: 0,
};
const settings: PlanSettings = {
  publicBaseUrl: 'https://dvc.example.vn/',
  timeZone: 'Asia/Ho_Chi_Minh',
  enabled: new Set(['sms', 'email', 'portal']),
  sms: { unicode: false, maxLength: 160 },
  zaloTemplates: {},
  portalSourceId: 'motcua',
  defaultConsent: [],
};
const received = { seq: 1, type: 'received', at: at('2026-11-23T10:00'), toStatus: 'received', data: {} };

describe('outbox: planning messages (pure)', () => {
  it('plans the consented citizen channels and the portal with stable keys; the same event gives the same messages', () => {
    const messages = planMessages(received, dossier, settings);
    assert.deepEqual(
      messages.map((m) => [m.channel, m.recipient, m.idempotencyKey]),
      [
        ['email', 'hoa@example.vn', `${dossier.id}:1:email`],
        ['sms', '84912345678', `${dossier.id}:1:sms`],
        ['portal', 'portal', `${dossier.id}:1:portal`],
      ],
    );
    assert.deepEqual(planMessages(received, dossier, settings), messages);
  });

  it('plans from what the write path recorded exactly what it would have planned at the event (property)', () => {
    const channelSet = fc.subarray(['email', 'sms', 'zalo', 'portal'] as const);
    const citizenSet = fc.subarray(['email', 'sms', 'zalo'] as const);
    const instant = fc.date({
      min: new Date('2024-01-01T00:00:00Z'),
      max: new Date('2028-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    const types = [
      'received',
      'request-supplement',
      'apologize',
      'decide',
      'return-result',
      'withdraw',
      'transfer',
      'assign',
    ];
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom(...types),
          from: fc.constantFrom('received', 'processing', 'supplementing', 'decided'),
          to: fc.constantFrom('received', 'processing', 'supplementing', 'decided', 'returned'),
          at: instant,
          due: instant,
          promised: fc.option(instant, { nil: null }),
          finished: fc.option(instant, { nil: null }),
          paused: fc.option(instant, { nil: null }),
          notify: fc.option(citizenSet, { nil: undefined }),
          email: fc.option(fc.constant('hoa@example.vn'), { nil: undefined }),
          phone: fc.option(fc.constantFrom('0912 345 678', '12'), { nil: undefined }),
          enabled: channelSet,
          consent: citizenSet,
          zalo: fc.boolean(),
          reason: fc.string(),
        }),
        (c) => {
          const applicant = {
            name: 'Trần Thị Hoà',
            ...(c.phone === undefined ? {} : { phone: c.phone }),
            ...(c.email === undefined ? {} : { email: c.email }),
            ...(c.notify === undefined ? {} : { notify: c.notify }),
          };
          const event = {
            seq: 3,
            type: c.type,
            at: c.at,
            fromStatus: c.from,
            toStatus: c.to,
            data: { reason: c.reason, items: [c.reason], method: 'counter' },
          };
          const d: DossierSnapshot = {
            ...dossier,
            applicant,
            dueAt: c.due,
            promisedAt: c.promised,
            finishedAt: c.finished,
            pausedSince: c.paused,
          };
          const own: PlanSettings = {
            ...settings,
            enabled: new Set(c.enabled),
            defaultConsent: c.consent,
            zaloTemplates: c.zalo ? { intake: 'z1', supplement: 'z2', apology: 'z3', result: 'z4' } : {},
          };
          const channels = channelsOwed(event, applicant, own);
          const ids = { procedureId: 'p', agencyId: 'a', receivingAgencyId: 'r' };
          const context = contextOf(event, { ...d, ...ids }, own);
          const direct = planMessages(event, d, own);
          assert.deepEqual(
            direct.map((m) => m.channel),
            channels,
            'the recorded channels are those planned',
          );
          if (channels.length === 0) {
            assert.equal(context, null, 'an event that owes nothing is not recorded');
            return;
          }
          const recorded = JSON.parse(JSON.stringify(context)) as EventContext;
          assert.deepEqual(recorded.channels, channels);
          const back = fromContext(recorded, {
            dossierId: d.id,
            code: d.code,
            procedure: d.procedure,
            agency: d.agency,
            receivingAgency: d.receivingAgency,
          });
          // Planned by a process whose channels, default consent and ZNS templates differ: the recorded ones decide.
          const elsewhere: PlanSettings = {
            ...own,
            enabled: new Set(['email']),
            defaultConsent: [],
            zaloTemplates: c.zalo ? {} : { intake: 'other', supplement: 'other' },
          };
          assert.deepEqual(planMessages(back.event, back.dossier, settingsFor(elsewhere, recorded)), direct);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('plans nothing for the citizen without consent or with the channel off, and nothing at all with everything off', () => {
    assert.deepEqual(
      planMessages(received, { ...dossier, applicant: { name: 'A' } }, settings).map((m) => m.channel),
      ['portal'],
    );
    assert.deepEqual(
      planMessages(received, dossier, { ...settings, enabled: new Set(['email']) }).map((m) => m.channel),
      ['email'],
    );
    assert.deepEqual(planMessages(received, dossier, { ...settings, enabled: new Set() }), []);
    assert.deepEqual(
      planMessages(received, dossier, { ...settings, enabled: new Set(['zalo']) }),
      [],
      'no ZNS template: no Zalo message',
    );
  });

  it('syncs the portal only on a status change, an apology or a transfer; the citizen hears of the apology with the new date', () => {
    const same = {
      seq: 3,
      type: 'assign',
      at: at('2026-11-24T08:00'),
      fromStatus: 'processing',
      toStatus: 'processing',
      data: {},
    };
    assert.deepEqual(planMessages(same, { ...dossier, status: 'processing' }, settings), []);
    const apology = {
      seq: 4,
      type: 'apologize',
      at: at('2026-11-25T08:00'),
      fromStatus: 'processing',
      toStatus: 'processing',
      data: { reason: 'Chờ xác minh' },
    };
    const plan = planMessages(
      apology,
      { ...dossier, status: 'processing', promisedAt: at('2026-12-01T17:00') },
      settings,
    );
    assert.deepEqual(
      plan.map((m) => m.template),
      ['apology', 'apology', 'portal-status'],
    );
    assert.match(
      (plan[0]!.payload as { text: string }).text,
      /Thời gian hẹn trả kết quả mới: 17:00 ngày 01\/12\/2026\./,
    );
  });

  it('classifies the dossier for the portal by domain B3 at the event', () => {
    const doc = (d: Partial<DossierSnapshot>, when = '2026-11-26T16:00') => {
      const m = planMessages(
        { seq: 5, type: 'decide', at: at(when), fromStatus: 'processing', toStatus: 'decided', data: {} },
        { ...dossier, ...d },
        settings,
      );
      return (m.at(-1)!.payload as { document: { timeliness: string } }).document.timeliness;
    };
    assert.equal(doc({ finishedAt: at('2026-11-25T16:00') }), 'early');
    assert.equal(doc({ finishedAt: at('2026-11-26T16:59') }), 'on_time');
    assert.equal(doc({ finishedAt: at('2026-11-26T17:01') }), 'late');
    assert.equal(doc({}, '2026-11-27T08:00'), 'overdue');
    assert.equal(doc({ pausedSince: at('2026-11-25T08:00') }, '2026-11-27T08:00'), 'within');
  });

  it('fits SMS into 160 GSM-7 characters without tone marks, or keeps Vietnamese when the gateway takes it', () => {
    assert.equal(stripToneMarks('Đã tiếp nhận hồ sơ, hẹn trả. Ưu tiên'), 'Da tiep nhan ho so, hen tra. Uu tien');
    const sms = planMessages(received, dossier, settings).find((m) => m.channel === 'sms')!.payload as SmsPayload;
    assert.ok(gsm7Length(sms.text) <= 160, sms.text);
    assert.match(sms.text, /^Da tiep nhan ho so 000\.00\.21\.H40-261123-0007/);
    const unicode = planMessages(received, dossier, { ...settings, sms: { unicode: true, maxLength: 300 } }).find(
      (m) => m.channel === 'sms',
    )!;
    assert.match(
      (unicode.payload as SmsPayload).text,
      /^Trung tâm Phục vụ hành chính công tỉnh Hưng Yên: đã tiếp nhận hồ sơ/,
    );
    assert.equal(fitSms(['x'.repeat(200)], { unicode: false, maxLength: 160 }).length, 160);
    assert.equal(gsm7Length('[€]'), 6);
  });

  it('encodes any text for GSM-7: each code point of the unaccented text kept if in the alphabet, else one `?` (property)', () => {
    const alphabet =
      '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€';
    const text = fc.array(
      fc.oneof(fc.constantFrom(...alphabet, 'Đ', 'ễ', 'Ư', '😀', '\u0301', '\t', 'ü'), fc.string({ unit: 'grapheme' })),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(text, (parts) => {
        const plain = [...stripToneMarks(parts.join(''))];
        const encoded = [...toGsm7(parts.join(''))];
        assert.equal(encoded.length, plain.length);
        plain.forEach((ch, i) => assert.equal(encoded[i], alphabet.includes(ch) ? ch : '?'));
      }),
    );
  });

  it('counts GSM-7 septets per code point, two for the extension table, for any text and its encoding (property)', () => {
    const part = fc.oneof(
      fc.constantFrom('Đ', 'ễ', ' ', 'x', '`', '€', '[', '^', '\u0301', 'ñ', '😀', 'ß', '\t'),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
    );
    const septets = (t: string) => [...t].reduce((n, ch) => n + ('^{}\\[~]|€'.includes(ch) ? 2 : 1), 0);
    fc.assert(
      fc.property(fc.array(part, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.equal(gsm7Length(text), septets(text));
        assert.equal(gsm7Length(toGsm7(text)), septets(toGsm7(text)));
      }),
      { numRuns: 500 },
    );
  });

  it('normalises Vietnamese phone numbers and doubles the backoff with jitter in [d/2, d]', () => {
    assert.equal(normalisePhone('0912 345 678'), '84912345678');
    assert.equal(normalisePhone('+84-912.345.678'), '84912345678');
    assert.equal(normalisePhone('12'), undefined);
    const policy = { maxAttempts: 8, backoffBaseMs: 1000, backoffMaxMs: 5000 };
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => backoffMs(policy, n, () => 1)),
      [1000, 2000, 4000, 5000],
    );
    assert.deepEqual(
      [1, 2, 3].map((n) => backoffMs(policy, n, () => 0)),
      [500, 1000, 2000],
    );
  });
});
