import { strict as assert } from 'node:assert';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import request from 'supertest';
import { queryRows } from '../../../src/db/rows.js';
import { searchKey, searchWords } from '../../../src/modules/dossiers/dossier.repository.js';
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
    assert.deepEqual(await search(w, '100%'), [], 'wildcards and operators are not syntax');
    assert.deepEqual(await search(w, "binh & !'"), await search(w, 'binh'), 'tsquery syntax is not syntax either');
  });

  it('matches the beginnings of words in any order, and a phone by its last four digits', async () => {
    const w = await buildWorld();
    await w.intake({ applicant: { name: 'Nguyễn Văn Bình', phone: '0912 345 678' } });
    await w.intake({ applicant: { name: 'Nguyễn Thị Bích Ngọc', phone: '0987654321' } });
    await w.intake({ applicant: { name: 'Trần Bình Nguyên' } });

    assert.deepEqual(await search(w, 'ng v b'), ['Nguyễn Văn Bình']);
    assert.deepEqual(await search(w, 'Bình Nguyễn'), ['Nguyễn Văn Bình', 'Trần Bình Nguyên']);
    assert.deepEqual(await search(w, 'nguyen bi'), ['Nguyễn Thị Bích Ngọc', 'Nguyễn Văn Bình', 'Trần Bình Nguyên']);
    assert.deepEqual(await search(w, 'ngoc'), ['Nguyễn Thị Bích Ngọc']);
    assert.deepEqual(await search(w, '5678'), ['Nguyễn Văn Bình']);
    assert.deepEqual(
      await search(w, '0987'),
      [],
      'a number matches whole or by its last four digits, not by its start',
    );
    assert.deepEqual(await search(w, 'inh'), [], 'the middle of a word is not a match');
    assert.deepEqual(await search(w, 'nguyen van binh x'), [], 'every word must match');
  });

  it('keeps the word index of the search column', async () => {
    const rows = await queryRows<{ indexdef: string }>(
      db(),
      sql`select indexdef from pg_indexes where indexname = 'dossiers_search_words_idx'`,
    );
    assert.match(rows[0]!.indexdef, /gin \(search_words\)/);
  });

  it('finds a name by any beginning of any of its words, as JavaScript splits them (property)', async () => {
    const letters = [...'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵdđbcghklmnpqrstvx'];
    const word = fc
      .array(fc.constantFrom(...letters, ...letters.map((c) => c.toUpperCase())), { minLength: 1, maxLength: 8 })
      .map((cs) => cs.join(''));
    const typed = fc.array(word, { minLength: 1, maxLength: 4 }).chain((words) =>
      fc.tuple(
        fc.constant(words.join(' ')),
        fc
          .subarray(words, { minLength: 1 })
          .chain((picked) =>
            fc.tuple(...picked.map((p) => fc.integer({ min: 1, max: p.length }).map((n) => p.slice(0, n)))),
          ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(typed, async ([name, prefixes]) => {
        const words = searchWords(searchKey(prefixes.join(' ')));
        const rows = await queryRows<{ found: boolean }>(
          db(),
          sql`select motcua_search_words(motcua_fold(${name})) @@ ${words.join(' & ')}::tsquery as found`,
        );
        assert.equal(rows[0]!.found, true, `${prefixes.join(' ')} in ${name}`);
      }),
      { numRuns: 60 },
    );
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
