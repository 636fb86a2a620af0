import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import express from 'express';
import type Joi from 'joi';
import { pino } from 'pino';
import request from 'supertest';
import { dossiers } from '../../src/db/schema/index.js';
import { AppError } from '../../src/http/errors.js';
import { fieldLabelsVi } from '../../src/http/field-labels.js';
import { messages, renderMessage, type ErrorCode } from '../../src/http/messages.js';
import { errorHandler } from '../../src/http/problem.js';
import { ACTION_LABELS, CHANNEL_LABELS, STATUS_LABELS } from '../../src/lib/labels.js';
import { STATUSES } from '../../src/lib/values.js';
import { ACTIONS } from '../../src/modules/dossiers/dossier.transitions.js';
import { bearer } from '../support/factories.js';
import { buildWorld } from '../modules/dossiers/world.js';
import { makeApp } from '../support/app.js';
import { testDatabase } from '../support/db.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** Every field name a request schema can hold, with where it is (`post /dossiers body.applicant.name`). */
function requestKeys(schema: Joi.Schema | undefined, at: string, out: Array<[string, string]>): void {
  if (!schema) return;
  const walk = (
    d: { keys?: Record<string, unknown>; items?: unknown[]; matches?: Array<{ schema?: unknown }> },
    here: string,
  ) => {
    for (const [key, child] of Object.entries(d.keys ?? {})) {
      out.push([key, `${here}.${key}`]);
      walk(child as typeof d, `${here}.${key}`);
    }
    for (const item of d.items ?? []) walk(item as typeof d, `${here}[]`);
    for (const m of d.matches ?? []) if (m.schema) walk(m.schema as typeof d, here);
  };
  walk(schema.describe() as Parameters<typeof walk>[0], at);
}

/** Issue 13 "Everyone": messages in the request's language, with Vietnamese names of fields and actions. */
describe('messages: Vietnamese titles and labels, English on request', () => {
  // Throws each code with a value for each of its placeholders, as its throw sites do.
  const thrower = express();
  thrower.get('/:code', (req) => {
    const code = req.params.code as ErrorCode;
    throw new AppError(
      code,
      Object.fromEntries(
        placeholders(messages[code].en).map((k) => [
          k,
          k === 'action' ? 'return-result' : k === 'status' ? 'received' : k === 'event' ? 'apologize' : '7',
        ]),
      ),
    );
  });
  thrower.use(errorHandler(pino({ level: 'silent' })));

  it('answers every code with a Vietnamese title by default and an English one with Accept-Language: en', async () => {
    for (const code of Object.keys(messages) as ErrorCode[]) {
      const vi = await request(thrower).get(`/${code}`).expect(messages[code].status);
      const en = await request(thrower).get(`/${code}`).set('Accept-Language', 'en').expect(messages[code].status);
      assert.equal(vi.body.code, code);
      assert.equal(vi.body.title, vi.body.detail, code);
      assert.equal(en.body.title, en.body.detail, code);
      assert.notEqual(vi.body.title, en.body.title, `${code}: the two languages differ`);
      assert.match(vi.body.title, /[àáảãạăâđèéêìíòóôơùúưỳýạ-ỹ]/i, `${code}: Vietnamese "${vi.body.title}"`);
      for (const text of [vi.body.title, en.body.title]) assert.doesNotMatch(text, /\{\w+\}/, `${code}: "${text}"`);
      // A code appears only after its label, in parentheses.
      assert.doesNotMatch(
        vi.body.title,
        /"(return-result|received|apologize)"/,
        `${code}: a raw code in "${vi.body.title}"`,
      );
      if (/\{(action|status|event)\}/.test(messages[code].vi))
        assert.match(vi.body.title, /"(Trả kết quả|Đã tiếp nhận|Xin lỗi và hẹn lại) \(/, code);
    }
  });

  it('names every action and status by its Vietnamese label in Vietnamese messages, by its code in English ones', () => {
    for (const action of ACTIONS) {
      assert.ok(ACTION_LABELS[action], `${action} has a label`);
      for (const status of STATUSES) {
        const vi = renderMessage('INVALID_TRANSITION', 'vi', { action, status });
        assert.equal(
          vi,
          `Không thể thực hiện thao tác "${ACTION_LABELS[action]} (${action})" khi hồ sơ đang ở trạng thái "${STATUS_LABELS[status]} (${status})".`,
        );
        assert.match(
          renderMessage('INVALID_TRANSITION', 'en', { action, status }),
          new RegExp(`"${action}".*"${status}"`),
        );
      }
      assert.ok(renderMessage('ACTION_FORBIDDEN', 'vi', { action }).includes(`"${ACTION_LABELS[action]} (${action})"`));
      assert.ok(
        renderMessage('DOCUMENT_NOT_AVAILABLE', 'vi', { event: action }).includes(
          `"${ACTION_LABELS[action]} (${action})"`,
        ),
      );
    }
  });

  it('has a Vietnamese label for every field of every request schema', () => {
    const { specs } = makeApp();
    const fields: Array<[string, string]> = [];
    for (const spec of specs) {
      for (const part of ['params', 'query', 'body'] as const)
        requestKeys(spec.schema?.[part], `${spec.method} ${spec.path} ${part}`, fields);
    }
    assert.ok(fields.length > 150, `${fields.length} fields`);
    assert.deepEqual(
      fields.filter(([key]) => !fieldLabelsVi[key]).map(([, where]) => where),
      [],
    );
  });

  it('shows a missing field and a refused action in Vietnamese words, and as codes in English', async () => {
    const w = await buildWorld();
    const missing = await request(w.app)
      .post('/api/v1/dossiers')
      .set(bearer(w.receptionist))
      .send({ procedureCode: w.procedure.code, applicant: { name: 'Phạm Văn Bình' } })
      .expect(400);
    assert.equal(missing.body.title, 'Dữ liệu gửi lên không hợp lệ.');
    assert.deepEqual(
      missing.body.errors.map((e: { message: string }) => e.message),
      ['Kênh tiếp nhận (channel) là bắt buộc'],
    );
    const missingEn = await request(w.app)
      .post('/api/v1/dossiers')
      .set(bearer(w.receptionist))
      .set('Accept-Language', 'en')
      .send({ procedureCode: w.procedure.code, applicant: { name: 'Phạm Văn Bình' } })
      .expect(400);
    assert.equal(missingEn.body.title, 'The request is not valid.');
    assert.deepEqual(
      missingEn.body.errors.map((e: { message: string }) => e.message),
      ['"channel" is required'],
    );

    const d = await w.intake();
    const refused = await w.act(d.id, 'return-result', w.receptionist, { method: 'counter' }).expect(409);
    assert.equal(refused.body.code, 'INVALID_TRANSITION');
    assert.equal(
      refused.body.title,
      'Không thể thực hiện thao tác "Trả kết quả (return-result)" khi hồ sơ đang ở trạng thái "Đã tiếp nhận (received)".',
    );
    const refusedEn = await w
      .act(d.id, 'return-result', w.receptionist, { method: 'counter' })
      .set('Accept-Language', 'en')
      .expect(409);
    assert.equal(refusedEn.body.title, 'The action "return-result" is not allowed while the dossier is "received".');
  });
});

/** Issue 13 "Everyone": staff answers carry a Vietnamese label beside each code a person reads. */
describe('labels: staff answers show Vietnamese labels next to codes', () => {
  it('labels status, channel, outcome, return method, steps, pauses and events, and stores only the codes', async () => {
    const w = await buildWorld();
    const d = await w.intake({ channel: 'online' });
    assert.equal(d.statusLabel, 'Đã tiếp nhận');
    assert.equal(d.channelLabel, CHANNEL_LABELS.online);
    assert.equal(d.outcomeLabel, null);
    await w.act(d.id, 'forward', w.receptionist).expect(200);
    const paused = await w.act(d.id, 'pause', w.officer, { reason: 'financial_obligation' }).expect(200);
    assert.equal(paused.body.statusLabel, 'Tạm dừng');

    const read = (await request(w.app).get(`/api/v1/dossiers/${d.id}`).set(bearer(w.officer)).expect(200)).body;
    assert.equal(read.status, 'paused', 'the code stays the contract');
    assert.equal(read.pauses[0].reasonLabel, 'Chờ thực hiện nghĩa vụ tài chính');
    assert.equal(read.steps[0].roleLabel, 'Bộ phận một cửa');
    assert.equal(
      read.steps[0].classificationLabel,
      read.steps[0].classification === null
        ? null
        : { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Trễ hạn' }[read.steps[0].classification as string],
    );
    assert.ok(read.steps[0].classificationLabel, 'the finished intake step is classified and labelled');

    const events = (await request(w.app).get(`/api/v1/dossiers/${d.id}/events`).set(bearer(w.officer)).expect(200)).body
      .events;
    const pause = events.find((e: { type: string }) => e.type === 'pause');
    assert.equal(pause.typeLabel, 'Tạm dừng');
    assert.equal(pause.fromStatusLabel, 'Đang giải quyết');
    assert.equal(pause.toStatusLabel, 'Tạm dừng');
    const [stored] = await testDatabase()
      .db.select({ status: dossiers.status, channel: dossiers.channel })
      .from(dossiers)
      .where(eq(dossiers.id, d.id));
    assert.deepEqual(
      stored,
      { status: 'paused', channel: 'online' },
      'the database holds codes; labels are presentation',
    );
  });
});
