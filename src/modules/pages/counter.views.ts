import { html } from './html.js';
import { page } from './layout.js';
import { signInForm } from './signin.view.js';

/** Components a counter most often ticks; the clerk can add others (the catalogue has no list yet). */
const COMMON_COMPONENTS = [
  'Đơn đề nghị (theo mẫu)',
  'Bản sao Căn cước công dân',
  'Giấy tờ chứng minh quyền sử dụng',
  'Ảnh 3x4',
];

/** The counter (quầy): shell only; counter.js fills it from the JSON API with the clerk's token. */
export function counterPage(): string {
  return page({
    title: 'Quầy tiếp nhận',
    wide: true,
    scripts: ['counter.js'],
    body: html`<h1>Quầy tiếp nhận và trả kết quả</h1>
${signInForm('cán bộ một cửa')}
<div id="desk" hidden>
<p class="who" id="who" aria-live="polite"></p>
<div class="columns">
<section class="card" aria-labelledby="intake-h">
<h2 id="intake-h">Tiếp nhận hồ sơ (mẫu 01)</h2>
<form id="intake-form" novalidate>
  <div class="field combo">
    <label for="proc-q">Thủ tục (gõ mã hoặc tên)</label>
    <input id="proc-q" type="search" autocomplete="off" role="combobox" aria-expanded="false" aria-controls="proc-list" aria-autocomplete="list">
    <ul id="proc-list" role="listbox" class="options" aria-label="Thủ tục tìm thấy" hidden></ul>
    <p class="hint" id="proc-chosen" aria-live="polite"></p>
  </div>
  <fieldset><legend>Người nộp hồ sơ</legend>
    <div class="field"><label for="a-name">Họ và tên</label><input id="a-name" required maxlength="200" autocomplete="off"></div>
    <div class="grid2">
      <div class="field"><label for="a-id">Số CCCD</label><input id="a-id" inputmode="numeric" maxlength="12" autocomplete="off"></div>
      <div class="field"><label for="a-phone">Điện thoại</label><input id="a-phone" inputmode="tel" maxlength="20" autocomplete="off"></div>
    </div>
    <div class="field"><label for="a-address">Địa chỉ</label><input id="a-address" maxlength="500" autocomplete="off"></div>
  </fieldset>
  <fieldset id="components"><legend>Thành phần hồ sơ đã nhận</legend>
    ${COMMON_COMPONENTS.map((c, i) => html`<div class="choice"><input type="checkbox" id="comp-${i}" value="${c}"><label for="comp-${i}">${c}</label></div>`)}
    <div class="field"><label for="comp-other">Thành phần khác (mỗi dòng một loại)</label><textarea id="comp-other" rows="2"></textarea></div>
  </fieldset>
  <div class="preview" id="preview" aria-live="polite"></div>
  <p class="alert" role="alert" id="intake-error" hidden></p>
  <div class="actions">
    <button type="button" id="btn-preview">Xem ngày hẹn trả</button>
    <button type="submit" class="primary" id="btn-confirm" disabled>Xác nhận tiếp nhận</button>
  </div>
</form>
<div id="receipt" class="card ok" hidden aria-live="polite"></div>
<details class="refuse">
  <summary>Từ chối tiếp nhận (mẫu 03)</summary>
  <form id="refuse-form" novalidate>
    <div class="field"><label for="refuse-reasons">Lý do (mỗi dòng một lý do)</label><textarea id="refuse-reasons" rows="3"></textarea></div>
    <p class="alert" role="alert" id="refuse-error" hidden></p>
    <button type="submit" id="btn-refuse">Lập phiếu từ chối</button>
  </form>
  <div id="refusal" aria-live="polite"></div>
</details>
</section>
<section class="card" aria-labelledby="inbox-h">
<h2 id="inbox-h">Hộp việc của quầy</h2>
<p class="alert" role="alert" id="inbox-error" hidden></p>
<h3 id="today-h">Tiếp nhận hôm nay</h3><table class="list" aria-labelledby="today-h"><tbody id="inbox-today"></tbody></table>
<h3 id="sup-h">Chờ bổ sung</h3><table class="list" aria-labelledby="sup-h"><tbody id="inbox-supplement"></tbody></table>
<h3 id="ready-h">Có kết quả, chờ trả</h3><table class="list" aria-labelledby="ready-h"><tbody id="inbox-ready"></tbody></table>
<button type="button" id="btn-refresh">Làm mới</button>
</section>
</div>
</div>`,
  });
}
