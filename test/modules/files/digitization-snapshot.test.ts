import { strict as assert } from 'node:assert';
import { and, eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { dossierFiles, statsSnapshots } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { bearer } from '../../support/factories.js';
import { buildFilesWorld, importOctober as october, type FilesWorld } from './files-world.js';

const index = (w: FilesWorld) =>
  request(w.app)
    .get('/api/v1/stats/index')
    .query({ period: '2026-10', agencyId: w.department.id, rollup: false })
    .set(bearer(w.admin))
    .expect(200);

describe('files: digitisation figures in the nightly statistics snapshots', () => {
  it('stores them with their rule version; a snapshotted period is read from the snapshot', async () => {
    const w = await buildFilesWorld();
    const id = await october(w);
    const live = await index(w);
    assert.equal(live.body.source, 'live');
    assert.equal(live.body.digitizationSource, 'live');

    const run = await w.services.scheduler.runByName('stats-snapshots');
    assert.equal(run.status, 'succeeded', String(run.error));
    const { db } = testDatabase();
    const [stored] = await db
      .select()
      .from(statsSnapshots)
      .where(
        and(
          eq(statsSnapshots.agencyId, w.department.id),
          eq(statsSnapshots.periodLabel, '2026-10'),
          eq(statsSnapshots.window, 'calendar'),
        ),
      );
    assert.deepEqual((stored!.counts as { digitization: unknown }).digitization, {
      received: 2,
      digitized: 1,
      decided: 2,
      electronicResult: 1,
      componentsWithFile: 1,
      componentsReused: 0,
      ruleVersion: 'DIG-2026.12',
    });

    // Served from the snapshot: the same figures, even after the live data moved on.
    await db.update(dossierFiles).set({ digitized: false }).where(eq(dossierFiles.dossierId, id));
    const served = await index(w);
    assert.equal(served.body.source, 'snapshot');
    const dig = served.body.rows[0].digitization766;
    assert.equal(served.body.digitizationSource, 'snapshot');
    assert.deepEqual(dig, live.body.rows[0].digitization766, 'the snapshot gives what the live computation gave');
    const agencies = await request(w.app)
      .get('/api/v1/stats/agencies')
      .query({ period: '2026-10', agencyId: w.department.id, rollup: false })
      .set(bearer(w.admin))
      .expect(200);
    assert.deepEqual(agencies.body.rows[0].digitization766, dig);

    // A snapshot written before the digitisation counts existed: those are computed live (and now differ).
    await db
      .update(statsSnapshots)
      .set({ counts: sql`${statsSnapshots.counts} - 'digitization'` })
      .where(eq(statsSnapshots.periodLabel, '2026-10'));
    const older = await index(w);
    assert.equal(older.body.source, 'snapshot');
    assert.equal(older.body.digitizationSource, 'live');
    assert.equal(older.body.rows[0].digitization766.digitizedAtIntake.count, 0);
  });
});
