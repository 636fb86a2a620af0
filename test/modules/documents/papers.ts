import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import jsqr from 'jsqr';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import type request from 'supertest';

// jsqr is CommonJS typed as an ES default export; under NodeNext the default import is the module itself.
const jsQR = ((jsqr as unknown as { default?: typeof jsqr.default }).default ?? jsqr) as unknown as typeof jsqr.default;

/** Collects a binary response body (supertest parses only text and JSON by itself). */
export function binary(response: request.Response, done: (err: Error | null, body: unknown) => void): void {
  const res = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The text of every page, whitespace collapsed, as a clerk would read it. */
export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText();
    return { text: result.text.replace(/\s+/g, ' ').normalize('NFC'), pages: result.total };
  } finally {
    await parser.destroy();
  }
}

export function hasPdftoppm(): boolean {
  return spawnSync('pdftoppm', ['-v']).status === 0;
}

/** Rasterises one page with poppler's pdftoppm (Debian poppler-utils). */
export function rasterise(pdf: Buffer, page = 1, dpi = 150): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-pdf-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const run = spawnSync('pdftoppm', [
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      '-png',
      join(dir, 'in.pdf'),
      join(dir, 'out'),
    ]);
    if (run.status !== 0) throw new Error(`pdftoppm failed: ${String(run.stderr)}`);
    return readFileSync(join(dir, 'out.png'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

export async function readXlsx(file: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** Every Vietnamese tone mark (ngang, huyền, sắc, hỏi, ngã, nặng) and the letters ă â đ ê ô ơ ư. */
export const TONE_NAME = 'Đặng Thị Hằng Ngọc Ánh Nguyễn Ưởng Ơn Tuấn Lữ Quỳnh Kiệt Ắt Ễnh Đào';
