/* global document, crypto, setTimeout, clearTimeout, URLSearchParams */
import { api, el, fileUrl, local, showError, signIn } from './staff.js';

const $ = (id) => document.getElementById(id);
let procedure = null;
let previewed = false;

function applicant() {
  const a = { name: $('a-name').value.trim() };
  for (const [key, id] of [['idNumber', 'a-id'], ['phone', 'a-phone'], ['address', 'a-address']]) {
    const v = $(id).value.trim();
    if (v) a[key] = v;
  }
  return a;
}

function components() {
  const ticked = [...document.querySelectorAll('#components input[type=checkbox]:checked')].map((c) => c.value);
  const other = $('comp-other').value.split('\n').map((s) => s.trim()).filter(Boolean);
  return [...ticked, ...other].map((name) => ({ name }));
}

// Search as you type over the catalogue; the newest answer wins.
let searchTimer = null;
let searchSeq = 0;
function search() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const q = $('proc-q').value.trim();
    const list = $('proc-list');
    const seq = ++searchSeq;
    if (q.length < 2) { list.hidden = true; $('proc-q').setAttribute('aria-expanded', 'false'); return; }
    const found = await api(`/procedures?q=${encodeURIComponent(q)}&limit=10`).catch(() => ({ items: [] }));
    if (seq !== searchSeq) return;
    list.replaceChildren(...(found.items ?? []).filter((p) => p.active !== false).map((p, i) => {
      const li = el('li', { role: 'option', id: `proc-opt-${i}`, tabIndex: -1 }, `${p.code} — ${p.name}`);
      li.addEventListener('click', () => choose(p));
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); choose(p); } });
      return li;
    }));
    list.hidden = list.children.length === 0;
    $('proc-q').setAttribute('aria-expanded', String(!list.hidden));
  }, 200);
}

function choose(p) {
  procedure = p;
  $('proc-q').value = `${p.code} — ${p.name}`;
  $('proc-list').hidden = true;
  $('proc-q').setAttribute('aria-expanded', 'false');
  const unit = { working_days: 'ngày làm việc', working_hours: 'giờ làm việc', calendar_days: 'ngày', same_day: 'trong ngày' }[p.budget.unit];
  $('proc-chosen').textContent = `Đã chọn: ${p.name} · thời hạn ${p.budget.unit === 'same_day' ? '' : p.budget.value + ' '}${unit}`;
  invalidate();
}

function invalidate() {
  previewed = false;
  $('btn-confirm').disabled = true;
  $('preview').replaceChildren();
}

/** The appointment the receipt will print, computed by the server's calendar before confirming. */
async function preview() {
  showError('intake-error', null);
  try {
    if (!procedure) throw new Error('Chọn thủ tục trước.');
    if (!applicant().name) throw new Error('Nhập họ và tên người nộp.');
    const q = new URLSearchParams({ start: new Date().toISOString(), value: String(procedure.budget.value), unit: procedure.budget.unit, agencyId: procedure.agencyId });
    if (procedure.budget.cutoff) q.set('cutoff', procedure.budget.cutoff);
    const d = await api(`/calendar/deadline?${q}`);
    $('preview').replaceChildren('Ngày hẹn trả kết quả dự kiến: ', el('strong', {}, local(d.dueAt)),
      el('span', { className: 'hint' }, ` (bắt đầu tính từ ${local(d.clockStart)})`));
    previewed = true;
    $('btn-confirm').disabled = false;
    $('btn-confirm').focus();
  } catch (error) {
    showError('intake-error', error);
  }
}

const idempotencyKey = () => crypto.randomUUID();
let pendingKey = null;

async function confirm(event) {
  event.preventDefault();
  if (!previewed) return;
  showError('intake-error', null);
  pendingKey ??= idempotencyKey();
  try {
    const body = { procedureCode: procedure.code, channel: 'direct', applicant: applicant() };
    const list = components();
    if (list.length) body.components = list;
    const d = await api('/dossiers', { method: 'POST', body, headers: { 'Idempotency-Key': pendingKey } });
    pendingKey = null;
    const link = el('a', { className: 'button', id: 'print-receipt', target: '_blank', rel: 'noopener' }, 'In giấy biên nhận (mẫu 01)');
    $('receipt').replaceChildren(el('h3', {}, 'Đã tiếp nhận hồ sơ'),
      el('p', {}, 'Mã hồ sơ: ', el('strong', { className: 'code', id: 'new-code' }, d.code)),
      el('p', {}, 'Mã tra cứu (PIN): ', el('strong', { className: 'code', id: 'new-pin' }, d.lookupPin)),
      el('p', {}, 'Hẹn trả: ', el('strong', {}, local(d.promisedAt ?? d.dueAt))), link);
    $('receipt').hidden = false;
    // The PIN is shown once at intake: the printed receipt carries it for the citizen (header, not URL).
    link.href = await fileUrl(`/dossiers/${d.id}/documents/receipt.pdf`, { 'X-Lookup-Pin': d.lookupPin });
    link.dataset.ready = 'true';
    $('intake-form').reset();
    procedure = null;
    $('proc-chosen').textContent = '';
    invalidate();
    await inbox();
  } catch (error) {
    showError('intake-error', error);
  }
}

async function refuse(event) {
  event.preventDefault();
  showError('refuse-error', null);
  try {
    if (!procedure) throw new Error('Chọn thủ tục trước.');
    const reasons = $('refuse-reasons').value.split('\n').map((s) => s.trim()).filter(Boolean);
    const r = await api('/refusals', { method: 'POST', body: { procedureCode: procedure.code, applicant: applicant(), reasons } });
    const link = el('a', { className: 'button', target: '_blank', rel: 'noopener' }, 'In phiếu từ chối (mẫu 03)');
    $('refusal').replaceChildren(el('p', {}, 'Đã lập phiếu từ chối.'), link);
    link.href = await fileUrl(`/refusals/${r.id}/document.pdf`);
  } catch (error) {
    showError('refuse-error', error);
  }
}

function rows(tbody, items, action) {
  if (items.length === 0) { tbody.replaceChildren(el('tr', {}, el('td', { className: 'empty' }, 'Không có hồ sơ.'))); return; }
  tbody.replaceChildren(...items.map((d) => {
    const cells = [el('td', { className: 'code' }, d.code), el('td', {}, d.procedure?.name ?? ''), el('td', {}, d.applicant?.name ?? ''),
      el('td', {}, local(d.promisedAt ?? d.dueAt))];
    if (action) {
      const button = el('button', { type: 'button' }, action.label);
      button.dataset.code = d.code;
      button.addEventListener('click', async () => {
        button.disabled = true;
        try { await api(`/dossiers/${d.id}/${action.name}`, { method: 'POST', body: action.body }); await inbox(); }
        catch (error) { showError('inbox-error', error); button.disabled = false; }
      });
      cells.push(el('td', {}, button));
    }
    return el('tr', {}, ...cells);
  }));
}

/** Today's intake, dossiers awaiting a supplement, results ready to return — one click each. */
async function inbox() {
  showError('inbox-error', null);
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  try {
    const [today, supplement, ready] = await Promise.all([
      api(`/dossiers?receivedFrom=${encodeURIComponent(midnight.toISOString())}&limit=50`),
      api('/dossiers?status=awaiting_supplement&limit=50'),
      api('/dossiers?status=decided&limit=50'),
    ]);
    rows($('inbox-today'), today.items, null);
    rows($('inbox-supplement'), supplement.items, { name: 'receive-supplement', label: 'Nhận bổ sung', body: {} });
    rows($('inbox-ready'), ready.items, { name: 'return-result', label: 'Trả kết quả', body: { method: 'counter' } });
  } catch (error) {
    showError('inbox-error', error);
  }
}

signIn(['receptionist'], async (user) => {
  $('who').textContent = `Cán bộ: ${user.fullName}`;
  $('desk').hidden = false;
  $('proc-q').focus();
  await inbox();
});
$('proc-q').addEventListener('input', () => { procedure = null; invalidate(); search(); });
for (const id of ['a-name', 'a-id', 'a-phone', 'a-address']) $(id).addEventListener('input', invalidate);
$('btn-preview').addEventListener('click', preview);
$('intake-form').addEventListener('submit', confirm);
$('refuse-form').addEventListener('submit', refuse);
$('btn-refresh').addEventListener('click', inbox);
