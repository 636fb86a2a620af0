import { strict as assert } from 'node:assert';
import { eq, inArray } from 'drizzle-orm';
import request from 'supertest';
import { dossierFiles, dossiers } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { bearer } from '../../support/factories.js';
import { buildFilesWorld, type FilesWorld } from './files-world.js';

const at = (local: string) => `${local}:00+07:00`;
const sha = (c: string) => c.repeat(64);

function item(w: FilesWorld, externalId: string, files: unknown[], events?: unknown[]) {
  return {
    externalId,
    procedureCode: w.procedure.code,
    agencyId: w.department.id,
    receivingAgencyId: w.center.id,
    channel: 'direct',
    receivedAt: at('2026-10-05T08:00'),
    applicant: { name: 'Lê Thị Hoa' },
    components: [{ name: 'Tờ khai', copies: 1 }, { name: 'Giấy tờ tùy thân' }],
    events: events ?? [
      { type: 'decided', at: at('2026-10-07T15:00'), outcome: 'approved' },
      { type: 'returned', at: at('2026-10-08T09:00'), method: 'counter' },
    ],
    files,
  };
}

const component = (index: number, attachedAt: string, extra: Record<string, unknown> = {}) => ({
  kind: 'component',
  componentIndex: index,
  name: `Thành phần ${index}.pdf`,
  contentType: 'application/pdf',
  size: 1000 + index,
  sha256: sha(String(index + 1)),
  attachedAt: at(attachedAt),
  atIntake: true,
  ...extra,
});
const result = (attachedAt: string) => ({
  kind: 'result',
  name: 'Kết quả.pdf',
  contentType: 'application/pdf',
  size: 2048,
  sha256: sha('e'),
  attachedAt: at(attachedAt),
});

async function importItems(w: FilesWorld, items: unknown[]) {
  return request(w.app).post('/api/v1/dossiers/import').set(bearer(w.admin)).send({ items }).expect(200);
}

describe('files: the import of historical dossiers accepts file references', () => {
  it('records refs at their place in the history; the past period counts them in /stats/index', async () => {
    const w = await buildFilesWorld();
    const res = await importItems(w, [
      // Given out of order: the result (before the decision) first, the components at intake.
      item(w, 'H-1', [result('2026-10-07T14:00'), component(0, '2026-10-05T08:05'), component(1, '2026-10-05T08:10')]),
      // No files at all: a received and decided dossier that is not digitised.
      item(w, 'H-2', []),
    ]);
    assert.deepEqual(
      res.body.results.map((r: { status: string }) => r.status),
      ['created', 'created'],
    );
    const id = res.body.results[0].id as string;

    const events = await request(w.app).get(`/api/v1/dossiers/${id}/events`).set(bearer(w.admin)).expect(200);
    const kinds = events.body.events.map((e: { type: string; data?: { kind?: string } }) =>
      e.type === 'file_attached' ? `file:${e.data?.kind}` : e.type,
    );
    assert.deepEqual(kinds, ['received', 'file:component', 'file:component', 'file:result', 'decide', 'return-result']);
    const rows = await w.rows(id);
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.imported));
    assert.deepEqual(
      rows.filter((r) => r.kind === 'component').map((r) => r.digitized),
      [true, true],
    );
    assert.deepEqual(w.objects(), [], 'references only: no content in the store');

    const index = await request(w.app)
      .get('/api/v1/stats/index')
      .query({ period: '2026-10', agencyId: w.department.id })
      .set(bearer(w.admin))
      .expect(200);
    const dig = index.body.rows[0].digitization766;
    assert.deepEqual(dig.digitizedAtIntake, { count: 1, total: 2, rate: 0.5, points: 5 });
    assert.deepEqual(dig.electronicResults, { count: 1, total: 2, rate: 0.5, points: 5 });
    // The current period has none of it.
    const now = await request(w.app)
      .get('/api/v1/stats/index')
      .query({ period: '2026-11', agencyId: w.department.id })
      .set(bearer(w.admin))
      .expect(200);
    assert.equal(now.body.rows[0].digitization766.digitizedAtIntake.total, 0);
  });

  it('refuses a result ref at or after the return, and any bad ref, with its whole item', async () => {
    const w = await buildFilesWorld();
    const { db } = testDatabase();
    const before = (await db.select({ id: dossierFiles.id }).from(dossierFiles)).length;
    const res = await importItems(w, [
      item(w, 'B-0', [component(0, '2026-10-05T08:05'), result('2026-10-08T09:00')]),
      item(w, 'B-1', [component(0, '2026-10-05T08:05'), { ...component(1, '2026-10-05T08:06'), sha256: 'xyz' }]),
      item(w, 'B-2', [component(0, '2026-10-05T08:05'), component(5, '2026-10-05T08:06')]),
      item(w, 'B-3', [component(0, '2026-10-01T08:00')]),
      item(w, 'B-4', [component(0, '2026-10-05T08:05')]),
    ]);
    const results = res.body.results as Array<{
      status: string;
      errors?: Array<{ code: string; path?: string; type?: string; message: string }>;
    }>;
    assert.deepEqual(
      results.map((r) => r.status),
      ['error', 'error', 'error', 'error', 'created'],
    );
    assert.deepEqual(
      results.slice(0, 4).map((r) => [r.errors![0]!.code, r.errors![0]!.path]),
      [
        ['IMPORT_FILE_AFTER_RETURN', 'items.0.files.1.attachedAt'],
        ['VALIDATION_FAILED', 'items.1.files.1.sha256'],
        ['FILE_COMPONENT_INVALID', 'items.2.files.1'],
        ['VALIDATION_FAILED', 'items.3.files.0.attachedAt'],
      ],
    );
    assert.match(results[0]!.errors![0]!.message, /trả kết quả/, 'Vietnamese by default');

    // Nothing of a failed item is written: no dossier, no file row (B-2 had already recorded its first ref).
    const kept = await db
      .select({ id: dossiers.id, externalId: dossiers.externalId })
      .from(dossiers)
      .where(inArray(dossiers.externalId, ['B-0', 'B-1', 'B-2', 'B-3', 'B-4']));
    assert.deepEqual(
      kept.map((d) => d.externalId),
      ['B-4'],
    );
    const files = await db.select({ id: dossierFiles.id }).from(dossierFiles);
    assert.equal(files.length, before + 1, 'only the one ref of B-4');
    const b4 = await db.select().from(dossierFiles).where(eq(dossierFiles.dossierId, kept[0]!.id));
    assert.equal(b4[0]!.sha256, sha('1'));
  });

  it('documents the field in the OpenAPI spec of the endpoint', async () => {
    const w = await buildFilesWorld();
    const spec = await request(w.app).get('/openapi.json').expect(200);
    const op = spec.body.paths['/api/v1/dossiers/import'].post;
    const itemSchema = op.requestBody.content['application/json'].schema.properties.items.items;
    assert.ok(itemSchema.properties.files, 'files is declared');
    assert.ok(itemSchema.properties.components, 'components is declared');
    assert.deepEqual(Object.keys(itemSchema.properties.files.items.properties).sort(), [
      'atIntake',
      'attachedAt',
      'componentIndex',
      'contentType',
      'kind',
      'name',
      'reused',
      'sha256',
      'size',
    ]);
    assert.ok(op.requestBody.content['application/json'].example.items[0].files.length > 0);
    assert.match(op.description, /IMPORT_FILE_AFTER_RETURN/);
  });
});
