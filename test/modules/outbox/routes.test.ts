import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { outbox } from '../../../src/db/schema/index.js';
import { ConfigError } from '../../../src/config.js';
import { testConfig } from '../../support/app.js';
import { testDatabase } from '../../support/db.js';
import { bearer, createAgency, createUser } from '../../support/factories.js';
import { buildWorld } from '../dossiers/world.js';
import { CONSENTING_APPLICANT, channelEnv, startHttpReceiver, type HttpReceiver } from './fakes.js';

describe('outbox: admin routes and what the citizen was sent', () => {
  let http: HttpReceiver;
  before(async () => {
    http = await startHttpReceiver();
  });
  after(async () => {
    await http.close();
  });

  it('lists messages for an admin with filters and keyset pages, masked contacts, and refuses other roles', async () => {
    const world = await buildWorld({ env: channelEnv(http) });
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    await world.services.outbox.planPending(1000);
    const all = await request(world.app).get(`/api/v1/outbox?dossierId=${d.id}&limit=2`).set(bearer(world.admin));
    assert.equal(all.status, 200);
    assert.equal(all.body.items.length, 2);
    assert.ok(all.body.nextCursor);
    const rest = await request(world.app)
      .get(`/api/v1/outbox?dossierId=${d.id}&limit=2&cursor=${all.body.nextCursor}`)
      .set(bearer(world.admin));
    assert.equal(rest.body.items.length, 1);
    assert.equal(rest.body.nextCursor, null);
    const channels = [...all.body.items, ...rest.body.items].map((m: { channel: string }) => m.channel).sort();
    assert.deepEqual(channels, ['portal', 'sms', 'zalo']);
    const sms = await request(world.app)
      .get(`/api/v1/outbox?dossierId=${d.id}&channel=sms&status=pending`)
      .set(bearer(world.admin));
    assert.equal(sms.body.items.length, 1);
    assert.equal(sms.body.items[0].recipient, '8491*****78');
    assert.match(sms.body.items[0].createdAt, /\+07:00$/);
    assert.equal((await request(world.app).get('/api/v1/outbox').set(bearer(world.leader))).status, 403);
    assert.equal((await request(world.app).get('/api/v1/outbox?status=lost').set(bearer(world.admin))).status, 400);
  });

  it('sends a dead message again on request, with a fresh attempt budget; a sent one is refused', async () => {
    const world = await buildWorld({ env: channelEnv(http, undefined, { OUTBOX_MAX_ATTEMPTS: '1' }) });
    http.behave((req) => (req.path === '/sms' ? { status: 500 } : { status: 200, body: { error: 0 } }));
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    await world.services.outboxDispatcher.drain();
    const { db } = testDatabase();
    const rows = await db.select().from(outbox).where(eq(outbox.dossierId, d.id));
    const dead = rows.find((r) => r.channel === 'sms')!;
    const sent = rows.find((r) => r.channel === 'portal')!;
    assert.equal(dead.status, 'dead');
    http.behave((req) => (req.path === '/zalo' ? { status: 200, body: { error: 0 } } : { status: 200 }));
    const retry = await request(world.app).post(`/api/v1/outbox/${dead.id}/retry`).set(bearer(world.admin));
    assert.equal(retry.status, 200);
    assert.equal(retry.body.status, 'pending');
    assert.equal(retry.body.attempts, 0);
    await world.services.outboxDispatcher.drain();
    const detail = await request(world.app).get(`/api/v1/outbox/${dead.id}`).set(bearer(world.admin));
    assert.equal(detail.body.status, 'sent');
    assert.deepEqual(
      detail.body.deliveries.map((l: { outcome: string }) => l.outcome),
      ['dead', 'sent'],
    );
    const refused = await request(world.app)
      .post(`/api/v1/outbox/${sent.id}/retry`)
      .set(bearer(world.admin))
      .set('Accept-Language', 'en');
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'OUTBOX_NOT_RETRYABLE');
    assert.equal(refused.body.detail, 'A message that is "sent" cannot be sent again.');
    const missing = await request(world.app)
      .post('/api/v1/outbox/00000000-0000-4000-8000-000000000000/retry')
      .set(bearer(world.admin));
    assert.equal(missing.status, 404);
  });

  it('shows staff who can see the dossier what was sent to the citizen; others get 404', async () => {
    const world = await buildWorld({ env: channelEnv(http) });
    http.behave((req) => (req.path === '/zalo' ? { status: 200, body: { error: 0 } } : { status: 200 }));
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    await world.services.outboxDispatcher.drain();
    const res = await request(world.app).get(`/api/v1/dossiers/${d.id}/messages`).set(bearer(world.officer));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items.map((m: { channel: string; status: string }) => [m.channel, m.status]).sort(), [
      ['sms', 'sent'],
      ['zalo', 'sent'],
    ]);
    assert.ok(
      res.body.items.every(
        (m: { template: string; sentAt: string }) => m.template === 'intake' && /\+07:00$/.test(m.sentAt),
      ),
    );
    const stranger = await createUser({ roles: ['officer'], agencyId: (await createAgency()).id });
    assert.equal((await request(world.app).get(`/api/v1/dossiers/${d.id}/messages`).set(bearer(stranger))).status, 404);
  });

  it('writes no rows with every channel off (the default), and refuses an unknown consent channel at start', async () => {
    assert.throws(() => testConfig({ OUTBOX_DEFAULT_CONSENT: 'sms,fax' }), ConfigError);
    const world = await buildWorld({ env: { OUTBOX_DEFAULT_CONSENT: 'sms,email' } });
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    assert.equal(
      (await testDatabase().db.select().from(outbox).where(eq(outbox.dossierId, d.id))).length,
      0,
      'every channel off by default: no rows',
    );
  });

  it('describes the portal sync in the API reference', async () => {
    const world = await buildWorld();
    const doc = await request(world.app).get('/openapi.json');
    const tag = (doc.body.tags as Array<{ name: string; description: string }>).find((t) => t.name === 'Outbox');
    assert.match(tag?.description ?? '', /X-Motcua-Signature: sha256=/);
    assert.ok(doc.body.paths['/api/v1/outbox/{id}/retry'].post);
  });
});
