import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { dossierEvents, dossiers } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { bearer, createUser } from '../../support/factories.js';
import { buildWorld, type World } from '../dossiers/world.js';
import { binary } from './papers.js';

const db = () => testDatabase().db;
const receipt = (w: World, id: string, user = w.receptionist) =>
  request(w.app).get(`/api/v1/dossiers/${id}/documents/receipt.pdf`).set(bearer(user)).buffer(true).parse(binary);
const eventsOf = async (id: string) =>
  db().select().from(dossierEvents).where(eq(dossierEvents.dossierId, id)).orderBy(dossierEvents.seq);

/** Issue 10: every print of form 01 is on record; a lost PIN is re-issued and the receipt reprinted with it. */
describe('documents: the receipt on record', () => {
  it('records each print as an event (layout, whether the PIN was printed, never the PIN)', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    await receipt(w, d.id).set('X-Lookup-Pin', d.lookupPin).expect(200);
    w.clock.set('2026-11-23T10:05');
    await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/documents/receipt.pdf?layout=80mm`)
      .set(bearer(w.receptionist))
      .expect(200);
    const prints = (await eventsOf(d.id)).filter((e) => e.type === 'receipt_printed');
    assert.deepEqual(
      prints.map((e) => [e.actorId, e.data]),
      [
        [w.receptionist.id, { layout: 'a4', withPin: true }],
        [w.receptionist.id, { layout: '80mm', withPin: false }],
      ],
    );
    assert.ok(!JSON.stringify(prints).includes(d.lookupPin));
    const [row] = await db().select().from(dossiers).where(eq(dossiers.id, d.id));
    assert.equal(row!.version, 3, 'seq = version');
  });

  it('a supervisor reads the dossier but does not print the citizen’s receipt; nothing recorded', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.center.parentId! });
    await request(w.app).get(`/api/v1/dossiers/${d.id}`).set(bearer(supervisor)).expect(200);
    const res = await receipt(w, d.id, supervisor);
    assert.equal(res.status, 403);
    assert.equal((await eventsOf(d.id)).length, 1);
  });

  it('a lost PIN: the receiving unit re-issues it, the old one stops working, the receipt is reprinted with the new one', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    await w.act(d.id, 'reissue-pin', w.officer).expect(403);
    const issued = await w.act(d.id, 'reissue-pin', w.receptionist).expect(200);
    const pin = issued.body.lookupPin as string;
    assert.match(pin, /^[A-Z0-9]{6}$/);
    assert.notEqual(pin, d.lookupPin);
    await request(w.app).get(`/api/v1/public/dossiers/${d.code}`).query({ pin: d.lookupPin }).expect(404);
    await request(w.app).get(`/api/v1/public/dossiers/${d.code}`).query({ pin }).expect(200);
    const old = await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/documents/receipt.pdf`)
      .set(bearer(w.receptionist))
      .set('X-Lookup-Pin', d.lookupPin);
    assert.equal(old.status, 422);
    assert.equal(old.body.code, 'LOOKUP_PIN_MISMATCH');
    await receipt(w, d.id).set('X-Lookup-Pin', pin).expect(200).expect('Content-Type', 'application/pdf');
    const events = await eventsOf(d.id);
    const reissued = events.find((e) => e.type === 'pin_reissued')!;
    assert.equal(reissued.actorId, w.receptionist.id);
    assert.deepEqual(reissued.data, {});
    assert.deepEqual(
      events.map((e) => e.type),
      ['received', 'pin_reissued', 'receipt_printed'],
    );
  });
});
