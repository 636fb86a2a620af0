import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { notifications } from '../../src/db/schema/index.js';
import { testDatabase } from '../support/db.js';
import { bearer } from '../support/factories.js';
import { buildWorld } from '../modules/dossiers/world.js';

describe('jobs: due-soon and overdue notifications', () => {
  it('notifies the assignee (or the leaders) once per dossier and kind; staff read their own', async () => {
    const w = await buildWorld();
    const assigned = await w.intake(); // due Thu 26/11 17:00
    const unassigned = await w.intake();
    await w.act(assigned.id, 'assign', w.leader, { assigneeId: w.officer.id }).expect(200);
    const paused = await w.intake();
    await w.act(paused.id, 'pause', w.officer, { reason: 'other_legal' }).expect(200);

    w.clock.set('2026-11-26T09:00'); // less than one working day left
    const first = await w.services.scheduler.runByName('deadline-sweep');
    assert.equal(first.status, 'succeeded');
    const mine = await request(w.app).get('/api/v1/notifications').set(bearer(w.officer)).expect(200);
    assert.deepEqual(
      mine.body.items.map((n: { dossierCode: string; kind: string }) => [n.dossierCode, n.kind]),
      [[assigned.code, 'due_soon']],
    );
    const leaders = await request(w.app).get('/api/v1/notifications').set(bearer(w.leader)).expect(200);
    assert.deepEqual(
      leaders.body.items.map((n: { dossierCode: string }) => n.dossierCode),
      [unassigned.code],
      'unassigned → leaders; paused → nobody',
    );

    await w.services.scheduler.runByName('deadline-sweep');
    const rows = await testDatabase().db.select().from(notifications).where(eq(notifications.dossierId, assigned.id));
    assert.equal(rows.length, 1, 'once per dossier and kind');

    w.clock.set('2026-11-27T09:00');
    await w.services.scheduler.runByName('deadline-sweep');
    const later = await request(w.app)
      .get('/api/v1/notifications')
      .query({ unread: true })
      .set(bearer(w.officer))
      .expect(200);
    assert.deepEqual(later.body.items.map((n: { kind: string }) => n.kind).sort(), ['due_soon', 'overdue']);

    await request(w.app)
      .post(`/api/v1/notifications/${later.body.items[0].id}/read`)
      .set(bearer(w.officer))
      .expect(204);
    await request(w.app).post(`/api/v1/notifications/${later.body.items[0].id}/read`).set(bearer(w.leader)).expect(404);
    assert.equal(
      (await request(w.app).get('/api/v1/notifications').query({ unread: true }).set(bearer(w.officer)).expect(200))
        .body.items.length,
      1,
    );
    await request(w.app).post('/api/v1/notifications/read-all').set(bearer(w.officer)).expect(204);
    assert.equal(
      (await request(w.app).get('/api/v1/notifications').query({ unread: true }).set(bearer(w.officer)).expect(200))
        .body.items.length,
      0,
    );
  });
});
