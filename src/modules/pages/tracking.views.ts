import { RATING_LEVELS } from '../../lib/values.js';
import { html, type Html } from './html.js';
import { localTime, page } from './layout.js';
import type { SecondFactor, TrackingView } from './pages.access.js';

const CLASSIFICATION_LABELS: Record<string, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };
const RATING_LABELS: Record<(typeof RATING_LEVELS)[number], string> = {
  very_satisfied: 'Rất hài lòng',
  satisfied: 'Hài lòng',
  neutral: 'Bình thường',
  dissatisfied: 'Không hài lòng',
};
/** Domain B5: a citizen rates once the result is decided. */
const RATABLE = new Set(['decided', 'returned']);

export interface FormState {
  code?: string;
  /** Messages shown above the form (validation, not found, rate limit). */
  errors?: string[];
}

function errorBox(errors: string[] | undefined): Html {
  if (!errors || errors.length === 0) return html``;
  return html`<div class="alert" role="alert" id="form-errors"><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>`;
}

/**
 * The lookup form. With a code (the QR link) it posts to /tra-cuu/:code, where the per-code limit
 * of the JSON endpoint applies; without one it posts to /tra-cuu, which hands the body on (307).
 */
export function lookupForm(state: FormState = {}): string {
  const action = state.code ? `/tra-cuu/${encodeURIComponent(state.code)}` : '/tra-cuu';
  const described = state.errors?.length ? 'form-errors' : undefined;
  return page({
    title: 'Tra cứu hồ sơ',
    scripts: ['tracking.js'],
    body: html`<h1>Tra cứu tình trạng hồ sơ</h1>
<p class="lead">Nhập mã hồ sơ và mã tra cứu (PIN) in trên giấy biên nhận, hoặc 4 số cuối điện thoại đã khai.</p>
${errorBox(state.errors)}
<form method="post" action="${action}" class="card" novalidate${described ? html` aria-describedby="${described}"` : ''}>
  <div class="field">
    <label for="code">Mã hồ sơ</label>
    <input id="code" name="code" type="text" inputmode="text" autocomplete="off" required maxlength="60"
      value="${state.code ?? ''}" ${state.code ? html`readonly aria-readonly="true"` : ''} spellcheck="false">
  </div>
  <div class="field">
    <label for="pin">Mã tra cứu (PIN, 6 ký tự)</label>
    <input id="pin" name="pin" type="text" autocomplete="one-time-code" maxlength="6" spellcheck="false" aria-describedby="pin-hint">
    <p class="hint" id="pin-hint">Hoặc để trống và nhập 4 số cuối điện thoại bên dưới.</p>
  </div>
  <div class="field">
    <label for="phone4">4 số cuối điện thoại</label>
    <input id="phone4" name="phone4" type="text" inputmode="numeric" maxlength="4" autocomplete="off">
  </div>
  <button type="submit" class="primary">Tra cứu</button>
</form>`,
  });
}

function remainingText(v: TrackingView): string | null {
  if (v.remaining) return v.remaining.text;
  if (v.remaining === null || v.remainingWorkingMinutes === null) return null;
  const m = Math.abs(v.remainingWorkingMinutes);
  const words = `${Math.floor(m / 60)} giờ ${m % 60} phút làm việc`;
  return v.remainingWorkingMinutes >= 0 ? `còn ${words}` : `đã quá hạn ${words}`;
}

function row(label: string, value: Html | string | null | undefined): Html {
  if (value === null || value === undefined || value === '') return html``;
  return html`<div class="row"><dt>${label}</dt><dd>${value}</dd></div>`;
}

function timeline(v: TrackingView): Html {
  if (v.steps.length === 0) return html``;
  return html`<section aria-labelledby="steps-h" class="card"><h2 id="steps-h">Các bước xử lý</h2>
<ol class="timeline">${v.steps.map(
    (s) => html`<li class="${s.finishedAt ? 'done' : s.startedAt ? 'current' : 'todo'}">
  <span class="step-name">${s.name}</span>
  <span class="step-time">${s.finishedAt ? html`Xong lúc ${localTime(s.finishedAt)}` : s.startedAt ? html`Đang xử lý từ ${localTime(s.startedAt)}` : 'Chưa tới bước này'}</span>
  ${s.classification ? html`<span class="badge ${s.classification}">${CLASSIFICATION_LABELS[s.classification] ?? s.classification}</span>` : ''}
</li>`,
  )}</ol></section>`;
}

function ratingForm(v: TrackingView, factor: SecondFactor, rated?: boolean): Html {
  if (rated)
    return html`<section class="card ok" role="status"><h2>Cảm ơn bạn đã đánh giá</h2><p>Ý kiến của bạn đã được ghi nhận.</p></section>`;
  if (!RATABLE.has(v.status)) return html``;
  return html`<section aria-labelledby="rate-h" class="card">
<h2 id="rate-h">Đánh giá mức độ hài lòng</h2>
<form method="post" action="/tra-cuu/${encodeURIComponent(v.code)}/danh-gia">
  ${
    factor.pin
      ? html`<input type="hidden" name="pin" value="${factor.pin}">`
      : html`<div class="field">
    <label for="rate-pin">Mã tra cứu (PIN) trên biên nhận</label><input id="rate-pin" name="pin" type="text" maxlength="6" required></div>`
  }
  <fieldset><legend>Bạn thấy việc giải quyết hồ sơ thế nào?</legend>
  ${RATING_LEVELS.map(
    (
      level,
      i,
    ) => html`<div class="choice"><input type="radio" id="lv-${level}" name="level" value="${level}"${i === 1 ? html` checked` : ''}>
    <label for="lv-${level}">${RATING_LABELS[level]}</label></div>`,
  )}
  </fieldset>
  <div class="field"><label for="comment">Góp ý (không bắt buộc)</label><textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea></div>
  <button type="submit" class="primary">Gửi đánh giá</button>
</form></section>`;
}

/** The result page: no personal data beyond the masked name, no staff names (domain B6). */
export function resultView(
  v: TrackingView,
  factor: SecondFactor,
  notice: { rated?: boolean; errors?: string[] } = {},
): string {
  const remaining = remainingText(v);
  return page({
    title: `Hồ sơ ${v.code}`,
    scripts: ['tracking.js'],
    body: html`<h1>Hồ sơ <span class="code">${v.code}</span></h1>
${errorBox(notice.errors)}
<section class="card status-card status-${v.status}" aria-labelledby="status-h">
  <h2 id="status-h">Tình trạng: ${v.statusLabel}</h2>
  ${remaining && !['decided', 'returned', 'withdrawn'].includes(v.status) ? html`<p class="remaining">${remaining}</p>` : ''}
  ${v.paused ? html`<p>Thời hạn đang tạm dừng.</p>` : ''}
</section>
${
  v.supplement
    ? html`<section class="card warn" aria-labelledby="sup-h"><h2 id="sup-h">Cần bổ sung hồ sơ</h2>
  ${v.supplement.reason ? html`<p>${v.supplement.reason}</p>` : ''}<ul>${v.supplement.items.map((i) => html`<li>${i}</li>`)}</ul>
  <p class="hint">Yêu cầu lúc ${localTime(v.supplement.requestedAt)}. Vui lòng mang giấy tờ bổ sung tới Bộ phận Một cửa.</p></section>`
    : ''
}
${
  v.apology
    ? html`<section class="card warn" aria-labelledby="apo-h"><h2 id="apo-h">Thư xin lỗi và hẹn lại ngày trả kết quả</h2>
  ${v.apology.reason ? html`<p>${v.apology.reason}</p>` : ''}<p>Ngày hẹn mới: <strong>${localTime(v.apology.promisedAt)}</strong></p></section>`
    : ''
}
${
  v.outcome
    ? html`<section class="card ${v.outcome.code === 'approved' ? 'ok' : 'warn'}" aria-labelledby="out-h"><h2 id="out-h">Kết quả: ${v.outcome.label}</h2>
  ${v.outcome.reason ? html`<p>Lý do: ${v.outcome.reason}</p>` : ''}</section>`
    : ''
}
<section class="card" aria-labelledby="info-h"><h2 id="info-h">Thông tin hồ sơ</h2><dl class="facts">
  ${row('Người nộp', v.applicant.name)}
  ${row('Thủ tục', v.procedure.name)}
  ${row('Cơ quan giải quyết', v.agency.name)}
  ${row('Tiếp nhận lúc', localTime(v.receivedAt))}
  ${v.clockStartAt && v.clockStartAt !== v.receivedAt ? row('Bắt đầu tính thời hạn', localTime(v.clockStartAt)) : ''}
  ${row('Hẹn trả kết quả', localTime(v.promisedAt))}
  ${row('Có kết quả lúc', localTime(v.finishedAt))}
  ${row('Đã trả kết quả lúc', localTime(v.returnedAt))}
  ${row('Nhận kết quả', v.returnMethodLabel ?? null)}
  ${row('Nơi nhận kết quả', v.collectAt?.name ?? null)}
</dl></section>
${timeline(v)}
${ratingForm(v, factor, notice.rated)}
<p><a href="/tra-cuu">Tra cứu hồ sơ khác</a></p>`,
  });
}
