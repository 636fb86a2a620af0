import { strict as assert } from 'node:assert';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import request from 'supertest';
import { queryRows } from '../../../src/db/rows.js';
import { searchKey } from '../../../src/modules/dossiers/dossier.repository.js';
import { testDatabase } from '../../support/db.js';
import { bearer } from '../../support/factories.js';
import { buildWorld, type World } from './world.js';

const db = () => testDatabase().db;

async function search(w: World, q: string): Promise<string[]> {
  const res = await request(w.app).get('/api/v1/dossiers').query({ q }).set(bearer(w.receptionist)).expect(200);
  return (res.body.items as { applicant: { name: string } }[]).map((d) => d.applicant.name).sort();
}

describe('clerk search (issue 13)', () => {
  it('finds names without tone marks or case, phone numbers as typed, ID numbers', async () => {
    const w = await buildWorld();
    await w.intake({ applicant: { name: 'Lê Thị Bình', phone: '0987.654.321', idNumber: '034199000111' } });
    await w.intake({ applicant: { name: 'ĐỖ VĂN BÌNH', phone: '0911 222 333' } });
    await w.intake({ applicant: { name: 'Trần Đức Anh', idNumber: '001200099999' } });
    // The same name typed with decomposed marks (as some keyboards on old systems send it).
    await w.intake({ applicant: { name: 'Phạm Bình An'.normalize('NFD') } });

    assert.deepEqual(await search(w, 'Binh'), ['Lê Thị Bình', 'Phạm Bình An'.normalize('NFD'), 'ĐỖ VĂN BÌNH'].sort());
    assert.deepEqual(await search(w, 'do van binh'), ['ĐỖ VĂN BÌNH']);
    assert.deepEqual(await search(w, 'Đức'), ['Trần Đức Anh']);
    assert.deepEqual(await search(w, '0987654321'), ['Lê Thị Bình']);
    assert.deepEqual(await search(w, '0911 222 333'), ['ĐỖ VĂN BÌNH']);
    assert.deepEqual(await search(w, '001200099999'), ['Trần Đức Anh']);
    assert.deepEqual(await search(w, '100%'), [], 'LIKE wildcards are taken literally');
  });

  it('uses the trigram index on the search column', async () => {
    const rows = await queryRows<{ indexdef: string }>(
      db(),
      sql`select indexdef from pg_indexes where indexname = 'dossiers_search_trgm_idx'`,
    );
    assert.match(rows[0]!.indexdef, /gin \(search_text gin_trgm_ops\)/);
  });

  it('folds in JavaScript exactly as the database folds (property)', async () => {
    const letters = [...'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵdđ bcghklmnpqrstvx'];
    const word = fc
      .array(fc.constantFrom(...letters, ...letters.map((c) => c.toUpperCase())), { minLength: 1, maxLength: 12 })
      .map((cs) => cs.join('').trim())
      .filter((s) => s.length > 0 && !/^[+\d]/.test(s));
    await fc.assert(
      fc.asyncProperty(word, fc.boolean(), async (text, decomposed) => {
        const input = decomposed ? text.normalize('NFD') : text;
        const rows = await queryRows<{ folded: string }>(db(), sql`select motcua_fold(${input}) as folded`);
        assert.equal(rows[0]!.folded, searchKey(input));
      }),
      { numRuns: 60 },
    );
  });
});
