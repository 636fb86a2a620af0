import { strict as assert } from 'node:assert';
import request from 'supertest';
import { bearer } from '../../support/factories.js';
import type { World } from '../dossiers/world.js';

const at = (local: string) => `${local}:00+07:00`;
type Ev = Record<string, unknown>;

/** Imports dossiers of the world's department received at its centre; every item must be created. */
export async function importInto(
  w: World,
  items: Array<{ id: string; received: string; events: Ev[]; channel?: string; agencyId?: string }>,
) {
  const res = await request(w.app)
    .post('/api/v1/dossiers/import')
    .set(bearer(w.admin))
    .send({
      items: items.map((i) => ({
        externalId: `${i.id}-${w.department.id}`,
        procedureCode: w.procedure.code,
        agencyId: i.agencyId ?? w.department.id,
        receivingAgencyId: w.center.id,
        channel: i.channel ?? 'direct',
        receivedAt: at(i.received),
        applicant: { name: 'Công dân' },
        events: i.events,
      })),
    })
    .expect(200);
  assert.ok(
    res.body.results.every((r: { status: string }) => r.status === 'created'),
    JSON.stringify(res.body.results),
  );
  return res.body.results as Array<{ id: string }>;
}
