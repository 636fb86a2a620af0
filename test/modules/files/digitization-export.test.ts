import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { bearer } from '../../support/factories.js';
import { buildFilesWorld, importOctober } from './files-world.js';

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => done(null, Buffer.concat(parts)));
};

// October at the department: 1 of 2 received dossiers digitised (5 points), 1 of 2 decided with an
// electronic result (5 points), 0 of 1 component with a file reused (0 points): 10 points.
const expected = { digitized: [1, 50, 5], electronic: [1, 50, 5], reuse: [0, 0, 0], points: 10 };

describe('files: digitisation indicators in the exports of /stats/agencies, with their rule version', () => {
  it('adds them to the CSV columns, an XLSX sheet and a PDF annex page, with the JSON numbers', async () => {
    const w = await buildFilesWorld();
    await importOctober(w);
    const get = (format: string) =>
      request(w.app)
        .get('/api/v1/stats/agencies')
        .query({ period: '2026-10', agencyId: w.department.id, rollup: false, format })
        .set(bearer(w.admin));
    const json = (await get('json').expect(200)).body;
    const dig = json.rows[0].digitization766;
    assert.deepEqual(
      [dig.digitizedAtIntake.count, dig.electronicResults.count, dig.reuse.total, dig.points],
      [1, 1, 1, expected.points],
    );

    const csv = (await get('csv').expect(200)).text.replace(/^\uFEFF/, '').split('\r\n');
    assert.match(csv[2]!, /chỉ số số hóa \(QĐ 766\): quy tắc DIG-2026\.12/);
    const headers = csv[4]!.split(',');
    // Ten columns after those of II.06a; the refusals (form 03) stay last.
    assert.equal(headers.at(-12), 'Tỷ lệ đúng hạn (%)');
    assert.equal(headers.at(-11), 'Số hóa khi tiếp nhận (hồ sơ)');
    assert.equal(headers.at(-2), 'Điểm số hóa (QĐ 766)');
    assert.equal(headers.at(-1), 'Từ chối tiếp nhận (mẫu 03)');
    const row = csv.find((l) => l.startsWith(`${w.department.name},`))!.split(',');
    assert.deepEqual(row.slice(-11, -1).map(Number), [
      ...expected.digitized,
      ...expected.electronic,
      ...expected.reuse,
      expected.points,
    ]);

    const book = new ExcelJS.Workbook();
    const xlsx = (await get('xlsx').buffer(true).parse(binary).expect(200)).body as Buffer;
    await book.xlsx.load(xlsx as unknown as Parameters<typeof book.xlsx.load>[0]);
    assert.ok(book.getWorksheet('II.06a'), 'the official sheet is unchanged and first');
    const annex = book.getWorksheet('Số hóa')!;
    assert.match(String(annex.getCell(2, 1).value), /DIG-2026\.12/);
    assert.equal(annex.getCell(4, 3).value, 'Số hóa thành phần khi tiếp nhận');
    // Row 6: the total; row 7: the department (one agency, not rolled up: the total has no points).
    assert.equal(annex.getCell(7, 2).value, w.department.name);
    const values = (annex.getRow(7).values as unknown[]).slice(3, 16);
    assert.deepEqual(values, [2, 1, 0.5, 5, 2, 1, 0.5, 5, 1, 0, 0, 0, 10]);
    assert.equal(annex.getCell(7, 5).numFmt, '0.00%');
    assert.deepEqual((annex.getRow(6).values as unknown[]).slice(3, 7), [2, 1, 0.5, '—']);

    const pdf = (await get('pdf').buffer(true).parse(binary).expect(200)).body as Buffer;
    const { PDFParse } = await import('pdf-parse');
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    for (const e of ['Biểu số II.06a/VPCP/KSTT', 'PHỤ LỤC', 'Quyết định 766', 'DIG-2026.12', 'Tái sử dụng', '50,00%'])
      assert.ok(text.includes(e), `missing ${e}`);
  });
});
