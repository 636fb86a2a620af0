/* global document, performance, location, history, URLSearchParams, URL */
import { api, el, fileUrl, local, showError, signIn } from './staff.js';

const $ = (id) => document.getElementById(id);
const Chart = globalThis.Chart;
// Thresholds of the on-time rate (share of resolved dossiers resolved on time or early).
const GOOD = 0.95;
const FAIR = 0.8;
const colour = (rate) => (rate === null ? '#8a949e' : rate >= GOOD ? '#1e6b34' : rate >= FAIR ? '#b86e00' : '#a4161a');
const pct = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);
const charts = {};
let user = null;
/** The month on the board; the export buttons fetch its file when pressed, not with every load. */
let shown = null;

// The token lives in memory (staff.js), so a plain link cannot carry it: the first press fetches the
// file behind the token into an object URL, then lets the browser download it as a link would.
for (const format of ['csv', 'xlsx']) {
  const link = $(format);
  link.addEventListener('click', async (event) => {
    if (!shown || link.dataset.period === shown) return;
    event.preventDefault();
    try {
      if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
      link.href = await fileUrl(`/stats/agencies?period=${shown}&format=${format}`);
      link.download = `thong-ke-co-quan-${shown}.${format}`;
      link.dataset.period = shown;
      link.click();
    } catch (error) {
      showError('board-error', error);
    }
  });
}

function draw(id, config) {
  charts[id]?.destroy();
  charts[id] = new Chart($(id), config);
}

function monthsBack(period, n) {
  const [y, m] = period.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function body(tbody, rows, empty) {
  tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { className: 'empty', colSpan: 5 }, empty))]));
}

function onTime(result) {
  // Worst first; agencies with nothing resolved yet (no rate) at the end.
  const rows = [...result.rows].sort((a, b) => (a.onTimeRate ?? 2) - (b.onTimeRate ?? 2));
  draw('chart-ontime', {
    type: 'bar',
    data: { labels: rows.map((r) => r.agencyName), datasets: [{ label: 'Tỷ lệ đúng hạn (%)', data: rows.map((r) => (r.onTimeRate === null ? 0 : r.onTimeRate * 100)), backgroundColor: rows.map((r) => colour(r.onTimeRate)) }] },
    options: { indexAxis: 'y', maintainAspectRatio: false, animation: false, scales: { x: { min: 0, max: 100 } }, plugins: { legend: { display: false } } },
  });
  body($('ontime-table').tBodies[0], rows.map((r) => el('tr', {}, el('td', {}, r.agencyName), el('td', {}, pct(r.onTimeRate)),
    el('td', {}, r.receivedOnline + r.receivedDirect), el('td', {}, r.resolvedEarly + r.resolvedOnTime + r.resolvedLate),
    el('td', { className: r.inProgressOverdue ? 'late-by' : '' }, r.inProgressOverdue))), 'Không có số liệu.');
  // With roll-up a parent's row already holds its children: the totals are those of the top rows.
  const ids = new Set(result.rows.map((r) => r.agencyId));
  const tops = result.rows.filter((r) => !ids.has(r.parentId));
  const sum = (k) => tops.reduce((s, r) => s + (k(r) ?? 0), 0);
  const tiles = [
    ['Tiếp nhận trong kỳ', sum((r) => r.receivedOnline + r.receivedDirect), 'received'],
    ['Đã giải quyết', sum((r) => r.resolvedEarly + r.resolvedOnTime + r.resolvedLate), 'resolved'],
    ['Giải quyết quá hạn', sum((r) => r.resolvedLate), 'late'],
    ['Đang quá hạn', sum((r) => r.inProgressOverdue), 'overdue'],
  ];
  $('tiles').replaceChildren(...tiles.map(([label, n, key]) => el('div', { className: 'tile', id: `tile-${key}` }, el('span', { className: 'n' }, n), el('span', { className: 'l' }, label))));
}

function trend(result) {
  const s = result.series;
  draw('chart-trend', {
    type: 'line',
    data: {
      labels: s.map((p) => p.period.label),
      datasets: [
        { label: 'Tiếp nhận', data: s.map((p) => p.receivedOnline + p.receivedDirect), borderColor: '#0b4f8a', backgroundColor: '#0b4f8a', yAxisID: 'y' },
        { label: 'Quá hạn', data: s.map((p) => p.resolvedLate + p.inProgressOverdue), borderColor: '#a4161a', backgroundColor: '#a4161a', yAxisID: 'y' },
        { label: 'Đúng hạn (%)', data: s.map((p) => (p.onTimeRate === null ? null : p.onTimeRate * 100)), borderColor: '#1e6b34', backgroundColor: '#1e6b34', yAxisID: 'y2' },
      ],
    },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { position: 'left', beginAtZero: true }, y2: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false } } } },
  });
}

function indexFeed(result) {
  const parts = [['progress766', 'Tiến độ giải quyết (QĐ 766)'], ['onlineShare766', 'Tỷ lệ trực tuyến (QĐ 766)'], ['satisfaction766', 'Mức độ hài lòng (QĐ 766)'], ['parOnTime', 'Đúng hạn (PAR INDEX)']];
  const rows = result.rows.flatMap((r) => parts.map(([key, label]) => el('tr', {}, el('td', {}, `${r.agencyName}: ${label}`), el('td', {}, pct(r[key]?.rate)),
    el('td', {}, r[key]?.points ?? '—'))));
  body($('index-table').tBodies[0], rows, 'Không có số liệu.');
}

function steps(result) {
  const rows = [...result.rows].sort((a, b) => b.late - a.late || b.workingMs - a.workingMs);
  body($('steps-table').tBodies[0], rows.map((r) => el('tr', {}, el('td', {}, r.step), el('td', {}, r.finished), el('td', { className: r.late ? 'late-by' : '' }, r.late))),
    'Chưa có bước nào xong trong kỳ.');
}

function overdue(result) {
  body($('overdue-table').tBodies[0], result.items.map((d) => {
    const late = -(d.timing?.remainingWorkingMinutes ?? 0);
    return el('tr', {}, el('td', { className: 'code' }, d.code), el('td', {}, d.procedure?.name ?? ''), el('td', {}, local(d.dueAt)),
      el('td', { className: 'late-by' }, `${Math.floor(late / 60)} giờ ${late % 60} phút làm việc`));
  }), 'Không có hồ sơ quá hạn.');
}

async function load(period) {
  const started = performance.now();
  showError('board-error', null);
  try {
    const a = user.agencyId ? `&agencyId=${user.agencyId}` : '';
    const [agencies, series, index, stepRows, late] = await Promise.all([
      api(`/stats/agencies?period=${period}`),
      user.agencyId ? api(`/stats/trend?from=${monthsBack(period, 11)}&to=${period}${a}`) : Promise.resolve({ series: [] }),
      api(`/stats/index?period=${period}`),
      user.agencyId ? api(`/stats/steps?period=${period}${a}`) : Promise.resolve({ rows: [] }),
      api('/dossiers?overdue=true&limit=50'),
    ]);
    onTime(agencies);
    trend(series);
    indexFeed(index);
    steps(stepRows);
    overdue(late);
    $('loaded').textContent = `Nguồn: ${agencies.source === 'snapshot' ? 'ảnh chụp số liệu' : 'tính trực tiếp'} · tải trong ${Math.round(performance.now() - started)} ms`;
    $('loaded').dataset.ms = String(Math.round(performance.now() - started));
    shown = period;
    $('board').dataset.ready = 'true';
  } catch (error) {
    showError('board-error', error);
  }
}

signIn(['supervisor', 'admin'], async (signedIn) => {
  user = signedIn;
  // A month in the address (?period=2026-10) opens that month, so a supervisor can bookmark or share it.
  const asked = new URLSearchParams(location.search).get('period');
  const now = new Date();
  $('period').value = /^\d{4}-(0[1-9]|1[0-2])$/.test(asked ?? '') ? asked : `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  $('board').hidden = false;
  await load($('period').value);
});
$('period-form').addEventListener('submit', (event) => {
  event.preventDefault();
  history.replaceState(null, '', `?period=${encodeURIComponent($('period').value)}`);
  load($('period').value);
});
