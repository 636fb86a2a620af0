/**
 * Rendering time of form 01 (issue 10: < 50 ms median), beside a baseline measured in the same run:
 * an empty one-page A4 PDF through the same writer (fonts registered, nothing drawn). Also the
 * 80 mm layout, form 05 and report II.06a. Renders are in-process, without HTTP or database.
 *
 *   npx tsx scripts/bench/documents.ts [runs=200]
 */
import { PdfWriter } from '../../src/lib/pdf/kit.js';
import { renderReceipt, trackingUrl } from '../../src/modules/documents/forms/receipt.js';
import { reportPdf } from '../../src/modules/stats/stats.pdf.js';
import { centre, dossier, justice, sampleReport } from '../render-forms.sample.js';

const runs = Number(process.argv[2] ?? 200);
const input = (layout: 'a4' | '80mm') => ({
  dossier,
  receivingUnit: centre,
  handlingAgency: justice,
  receptionistName: 'Trần Văn Minh',
  fee: 200000,
  trackingUrl: trackingUrl('https://dichvucong.hungyen.gov.vn', dossier.code),
  lookupPin: null,
  layout,
});

async function median(name: string, render: () => Promise<Buffer>): Promise<number> {
  for (let i = 0; i < 10; i++) await render(); // warm-up: JIT, font files read once per process
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = (await render()).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const m = times[Math.floor(times.length / 2)]!;
  console.log(
    `${name.padEnd(28)} median ${m.toFixed(2)} ms   p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(2)} ms   ${bytes} bytes`,
  );
  return m;
}

const empty = await median('baseline: empty A4 page', () =>
  new PdfWriter({ title: 'x', createdAt: new Date(0) }).finish(),
);
const a4 = await median('form 01, A4', () => renderReceipt(input('a4')));
await median('form 01, 80 mm', () => renderReceipt(input('80mm')));
await median('report II.06a, PDF', () => reportPdf(sampleReport()));
console.log(
  `\nform 01 / baseline: ${(a4 / empty).toFixed(1)}×   target: form 01 < 50 ms median → ${a4 < 50 ? 'met' : 'NOT met'}`,
);
