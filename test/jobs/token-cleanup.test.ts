import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import request from 'supertest';
import { jobRuns, loginFailures, refreshTokens } from '../../src/db/schema/index.js';
import { hashRefreshToken } from '../../src/modules/auth/tokens.js';
import { makeApp } from '../support/app.js';
import { testDatabase } from '../support/db.js';
import { bearer, createUser, TestClock } from '../support/factories.js';

const DAY = 86_400_000;

describe('jobs: daily cleanup of finished logins (issue 9 item 8a)', () => {
  it('deletes logins over for longer than the grace period, keeps live families whole, and records the run', async () => {
    const now = Date.now();
    const clock = new TestClock(now);
    const { app, services } = makeApp({ clock, env: { REFRESH_TOKEN_GRACE_DAYS: '7' } });
    const db = testDatabase().db;
    const user = await createUser();
    const at = (days: number) => new Date(now + days * DAY);
    const family = () => randomUUID();
    const token = async (familyId: string, expires: number, revoked?: number) => {
      const plain = randomUUID();
      const [row] = await db
        .insert(refreshTokens)
        .values({
          tokenHash: hashRefreshToken(plain),
          userId: user.id,
          familyId,
          expiresAt: at(expires),
          revokedAt: revoked === undefined ? null : at(revoked),
        })
        .returning();
      return { plain, row: row! };
    };

    const expiredLongAgo = await token(family(), -10);
    const revokedLongAgo = await token(family(), 20, -9);
    const live = family();
    const rotated = await token(live, 20, -12); // rotated 12 days ago, but its family is still in use
    const current = await token(live, 25);
    const revokedRecently = await token(family(), 20, -2);
    const expiredRecently = await token(family(), -3);
    await db.insert(loginFailures).values([
      { userId: user.id, client: '203.0.113.1', failures: 2, lastFailureAt: at(-30) },
      { userId: user.id, client: '203.0.113.2', failures: 2, lastFailureAt: at(-1) },
    ]);

    const run = await services.scheduler.runByName('token-cleanup');
    assert.equal(run.status, 'succeeded', String(run.error));
    const detail = run.detail as { refreshTokensDeleted: number; loginFailuresDeleted: number };
    assert.ok(detail.refreshTokensDeleted >= 2 && detail.loginFailuresDeleted >= 1, JSON.stringify(detail));

    const ids = [expiredLongAgo, revokedLongAgo, rotated, current, revokedRecently, expiredRecently].map(
      (t) => t.row.id,
    );
    const left = (await db.select().from(refreshTokens).where(inArray(refreshTokens.id, ids))).map((r) => r.id).sort();
    assert.deepEqual(left, [rotated, current, revokedRecently, expiredRecently].map((t) => t.row.id).sort());
    const clients = (await db.select().from(loginFailures).where(eq(loginFailures.userId, user.id))).map(
      (r) => r.client,
    );
    assert.deepEqual(clients, ['203.0.113.2']);

    // Reuse detection still holds for the live family: the old rotated token revokes it.
    const replay = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: rotated.plain }).expect(401);
    assert.equal(replay.body.code, 'REFRESH_TOKEN_REUSED');

    // The run is in job_runs, and listed for administrators.
    const [stored] = await db.select().from(jobRuns).where(eq(jobRuns.id, run.id));
    assert.equal(stored!.job, 'token-cleanup');
    const admin = await createUser({ roles: ['admin'] });
    const runs = await request(app).get('/api/v1/jobs/runs').set(bearer(admin)).expect(200);
    assert.ok((runs.body.items as Array<{ id: string }>).some((r) => r.id === run.id));
  });

  it('is scheduled daily from TOKEN_CLEANUP_CRON', () => {
    assert.equal(makeApp({ env: { TOKEN_CLEANUP_CRON: '0 2 * * *' } }).config.tokenCleanupCron, '0 2 * * *');
    assert.equal(makeApp().config.tokenCleanupCron, '15 3 * * *');
  });
});
