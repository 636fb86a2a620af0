import request from 'supertest';
import type { Budget } from '../../../src/modules/calendar/deadline.js';
import { makeApp, type TestApp } from '../../support/app.js';
import {
  bearer,
  createAgency,
  createProcedure,
  createUser,
  TestClock,
  type AgencyRow,
  type ProcedureRow,
  type UserRow,
} from '../../support/factories.js';

/** The 201 body of an intake, as the tests read it. */
export interface IntakeBody {
  id: string;
  code: string;
  lookupPin: string;
  status: string;
  receivedAt: string;
  clockStartAt: string;
  dueAt: string;
  agencyId: string;
  receivingAgencyId: string;
  version: number;
  [field: string]: unknown;
}

export interface World extends TestApp {
  clock: TestClock;
  center: AgencyRow;
  department: AgencyRow;
  procedure: ProcedureRow;
  receptionist: UserRow;
  officer: UserRow;
  leader: UserRow;
  admin: UserRow;
  /** Receives a dossier at the centre for the department; returns the 201 body. */
  intake(body?: Record<string, unknown>): Promise<IntakeBody>;
  act(id: string, action: string, user: UserRow, body?: object): request.Test;
  /** Forwards a received dossier through reception and appraisal to the approval step, where a decision is made. */
  toApproval(id: string): Promise<void>;
}

/**
 * A province with a one-stop centre and a department, one user per role, a procedure of the given
 * budget, and an app whose clock the test moves. Each test builds its own world.
 */
export async function buildWorld(
  options: {
    budget?: Budget;
    supplementPolicy?: 'pause' | 'restart';
    env?: Record<string, string>;
    start?: string;
  } = {},
): Promise<World> {
  const clock = new TestClock(Date.parse(`${options.start ?? '2026-11-23T10:00'}+07:00`));
  const app = makeApp({ clock, env: options.env });
  const province = await createAgency({ level: 'province' });
  const center = await createAgency({ level: 'center', parentId: province.id });
  const department = await createAgency({ level: 'department', parentId: province.id });
  const procedure = await createProcedure({
    agencyId: department.id,
    budget: options.budget,
    supplementPolicy: options.supplementPolicy ?? 'pause',
  });
  const receptionist = await createUser({ roles: ['receptionist'], agencyId: center.id, fullName: 'Trần Văn Minh' });
  const officer = await createUser({ roles: ['officer'], agencyId: department.id });
  const leader = await createUser({ roles: ['leader'], agencyId: department.id });
  const admin = await createUser({ roles: ['admin'] });
  return {
    ...app,
    clock,
    center,
    department,
    procedure,
    receptionist,
    officer,
    leader,
    admin,
    async intake(body = {}) {
      const res = await request(app.app)
        .post('/api/v1/dossiers')
        .set(bearer(receptionist))
        .send({
          procedureCode: procedure.code,
          channel: 'direct',
          applicant: {
            name: 'Nguyễn Thị Mai Anh',
            idNumber: '001190012345',
            phone: '0912 345 678',
            address: 'Số 5 phố Hiến, Hưng Yên',
          },
          ...body,
        });
      if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as IntakeBody;
    },
    act(id, action, user, body = {}) {
      return request(app.app).post(`/api/v1/dossiers/${id}/${action}`).set(bearer(user)).send(body);
    },
    async toApproval(id) {
      for (const user of [receptionist, officer]) {
        await request(app.app).post(`/api/v1/dossiers/${id}/forward`).set(bearer(user)).send({}).expect(200);
      }
    },
  };
}
