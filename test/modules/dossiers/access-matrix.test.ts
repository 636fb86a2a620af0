import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs'; // files (issue 15)
import { tmpdir } from 'node:os'; // files (issue 15)
import { join } from 'node:path'; // files (issue 15)
import { eq } from 'drizzle-orm';
import { dossiers } from '../../../src/db/schema/index.js';
import type { Role } from '../../../src/lib/roles.js';
import { STAFF_ACTIONS, TRANSITIONS, type StaffAction } from '../../../src/modules/dossiers/dossier.transitions.js';
import { FILE_ACTIONS } from '../../../src/modules/dossiers/dossier.transitions.js'; // files (issue 15)
import { fileActionCell } from '../files/files-world.js'; // files (issue 15)
import { testDatabase } from '../../support/db.js';
import { createAgency, createUser } from '../../support/factories.js';
import { buildWorld } from './world.js';

const ROLES_UNDER_TEST: Role[] = ['receptionist', 'officer', 'leader', 'supervisor', 'admin'];

/** A valid body for each action, so only the access matrix can refuse it. */
function bodyFor(action: StaffAction, ids: { officerId: string; otherAgencyId: string }): object {
  switch (action) {
    case 'assign':
      return { assigneeId: ids.officerId };
    case 'send-back':
      return { reason: 'Trả lại để hoàn thiện' };
    case 'request-supplement':
      return { items: ['Bản sao CCCD'], reason: 'Thiếu giấy tờ' };
    case 'pause':
      return { reason: 'financial_obligation' };
    case 'transfer':
      return { toAgencyId: ids.otherAgencyId, reason: 'Liên thông' };
    case 'apologize':
      return { reason: 'Chờ ý kiến', promisedAt: '2026-12-10T17:00:00+07:00' };
    case 'decide':
      return { outcome: 'approved' };
    case 'return-result':
      return { method: 'counter' };
    default:
      return {};
  }
}

/**
 * Issue 9 item 1: every (action × role × relation to the dossier) cell. A cell the matrix allows is
 * never answered 403 (it may still be refused by the state, 409, or by its own rules); every other
 * cell answers 403 and writes nothing. Supervisors and administrators see the dossier and act on nothing.
 */
describe('dossiers: the access matrix, cell by cell', () => {
  it('acting is narrower than seeing', async function () {
    this.timeout(120_000);
    const w = await buildWorld();
    const other = await createAgency({ level: 'department', parentId: w.department.parentId });
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.parentId });
    const users: Record<'handling' | 'receiving', Record<Role, Awaited<ReturnType<typeof createUser>>>> = {
      handling: {} as never,
      receiving: {} as never,
    };
    for (const role of ROLES_UNDER_TEST) {
      users.handling[role] =
        role === 'supervisor'
          ? supervisor
          : role === 'admin'
            ? w.admin
            : await createUser({ roles: [role], agencyId: w.department.id });
      users.receiving[role] =
        role === 'supervisor'
          ? supervisor
          : role === 'admin'
            ? w.admin
            : await createUser({ roles: [role], agencyId: w.center.id });
    }
    let cells = 0;
    for (const action of STAFF_ACTIONS) {
      for (const relation of ['handling', 'receiving'] as const) {
        for (const role of ROLES_UNDER_TEST) {
          const d = await w.intake();
          if (action === 'decide') await w.toApproval(d.id);
          if (action === 'return-result') {
            await w.toApproval(d.id);
            await w.act(d.id, 'decide', w.leader, { outcome: 'approved' }).expect(200);
          }
          if (action === 'receive-supplement') {
            await w.act(d.id, 'request-supplement', w.officer, { items: ['x'], reason: 'y' }).expect(200);
          }
          if (action === 'resume') await w.act(d.id, 'pause', w.officer, { reason: 'other_legal' }).expect(200);
          if (action === 'send-back') await w.act(d.id, 'forward', w.receptionist, {}).expect(200);
          const before = (await testDatabase().db.select().from(dossiers).where(eq(dossiers.id, d.id)))[0]!.version;
          const res = await w.act(
            d.id,
            action,
            users[relation][role],
            bodyFor(action, { officerId: w.officer.id, otherAgencyId: other.id }),
          );
          const allowed = (TRANSITIONS[action][relation] as readonly Role[]).includes(role);
          const cell = `${action} by the ${relation} agency's ${role}: ${res.status} ${JSON.stringify(res.body)}`;
          if (allowed) {
            assert.notEqual(res.status, 403, cell);
          } else {
            assert.equal(res.status, 403, cell);
            assert.ok(['FORBIDDEN', 'ACTION_FORBIDDEN'].includes(res.body.code), cell);
            const after = (await testDatabase().db.select().from(dossiers).where(eq(dossiers.id, d.id)))[0]!.version;
            assert.equal(after, before, `${cell}: nothing written`);
          }
          cells++;
        }
      }
    }
    assert.equal(cells, STAFF_ACTIONS.length * 2 * ROLES_UNDER_TEST.length);
  });

  it('the leader of the receiving centre cannot decide or transfer a department’s dossier; a clear 403', async () => {
    const w = await buildWorld();
    const centreLeader = await createUser({ roles: ['leader'], agencyId: w.center.id });
    const d = await w.intake();
    await w.toApproval(d.id);
    const res = await w.act(d.id, 'decide', centreLeader, { outcome: 'approved' }).expect(403);
    assert.equal(res.body.code, 'ACTION_FORBIDDEN');
    assert.match(res.body.detail, /decide/);
    await w.act(d.id, 'decide', w.leader, { outcome: 'approved' }).expect(200);
  });

  // files (issue 15): the file actions, through the files endpoints, cell by cell as above.
  it('files: attaching and removing follow the same matrix', async function () {
    this.timeout(120_000);
    const w = await buildWorld({ env: { FILES_DIR: mkdtempSync(join(tmpdir(), 'motcua-matrix-')) } });
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.parentId });
    let cells = 0;
    for (const action of FILE_ACTIONS) {
      for (const relation of ['handling', 'receiving'] as const) {
        for (const role of ROLES_UNDER_TEST) {
          const user =
            role === 'supervisor'
              ? supervisor
              : role === 'admin'
                ? w.admin
                : await createUser({
                    roles: [role],
                    agencyId: relation === 'handling' ? w.department.id : w.center.id,
                  });
          const d = await w.intake({ components: [{ name: 'Tờ khai' }] });
          const version = async () =>
            (await testDatabase().db.select().from(dossiers).where(eq(dossiers.id, d.id)))[0]!.version;
          const { res, before } = await fileActionCell(w, d.id, action, user, version);
          const allowed = (TRANSITIONS[action][relation] as readonly Role[]).includes(role);
          const cell = `${action} by the ${relation} agency's ${role}: ${res.status} ${JSON.stringify(res.body)}`;
          if (allowed) {
            assert.ok(res.status === 201 || res.status === 204, cell);
            assert.equal(await version(), before + 1, `${cell}: one event`);
          } else {
            assert.equal(res.status, 403, cell);
            assert.ok(['FORBIDDEN', 'ACTION_FORBIDDEN'].includes(res.body.code), cell);
            assert.equal(await version(), before, `${cell}: nothing written`);
          }
          cells++;
        }
      }
    }
    assert.equal(cells, FILE_ACTIONS.length * 2 * ROLES_UNDER_TEST.length);
  });
  // end files (issue 15)
});
