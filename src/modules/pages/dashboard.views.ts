import { html } from './html.js';
import { page } from './layout.js';
import { signInForm } from './signin.view.js';

/** The supervisor's dashboard: shell only; dashboard.js draws it from the statistics API. */
export function dashboardPage(): string {
  return page({
    title: 'Bảng điều khiển',
    wide: true,
    scripts: ['vendor/chart.umd.min.js', 'dashboard.js'],
    body: html`<h1>Bảng điều khiển giám sát</h1>
${signInForm('giám sát')}
<div id="board" hidden>
<form id="period-form" class="toolbar">
  <label for="period">Kỳ (tháng)</label><input id="period" type="month" required>
  <button type="submit">Xem</button>
  <a id="csv" class="button" href="#" download>Tải CSV</a>
  <a id="xlsx" class="button" href="#" download>Tải XLSX (mẫu II.06a)</a>
  <span id="loaded" class="hint" aria-live="polite"></span>
</form>
<p class="alert" role="alert" id="board-error" hidden></p>
<div class="tiles" id="tiles"></div>
<div class="columns">
  <section class="card" aria-labelledby="ontime-h"><h2 id="ontime-h">Tỷ lệ đúng hạn theo cơ quan (thấp nhất trước)</h2>
    <div class="chart"><canvas id="chart-ontime" role="img" aria-label="Biểu đồ tỷ lệ đúng hạn theo cơ quan"></canvas></div>
    <p class="legend"><span class="sw good"></span> ≥ 95% <span class="sw fair"></span> 80–95% <span class="sw bad"></span> &lt; 80%</p>
    <table class="list" id="ontime-table"><caption>Số liệu theo cơ quan</caption><thead><tr><th scope="col">Cơ quan</th><th scope="col">Đúng hạn</th><th scope="col">Tiếp nhận</th><th scope="col">Đã giải quyết</th><th scope="col">Quá hạn</th></tr></thead><tbody></tbody></table>
  </section>
  <section class="card" aria-labelledby="trend-h"><h2 id="trend-h">Xu hướng theo tháng</h2>
    <div class="chart"><canvas id="chart-trend" role="img" aria-label="Biểu đồ xu hướng theo tháng"></canvas></div>
  </section>
</div>
<div class="columns">
  <section class="card" aria-labelledby="index-h"><h2 id="index-h">Chỉ số cải cách (điểm theo thành phần)</h2>
    <table class="list" id="index-table"><thead><tr><th scope="col">Thành phần</th><th scope="col">Giá trị</th><th scope="col">Điểm</th></tr></thead><tbody></tbody></table>
  </section>
  <section class="card" aria-labelledby="steps-h"><h2 id="steps-h">Thời gian dồn ở bước nào</h2>
    <table class="list" id="steps-table"><thead><tr><th scope="col">Bước</th><th scope="col">Số bước</th><th scope="col">Trễ</th></tr></thead><tbody></tbody></table>
  </section>
</div>
<section class="card" aria-labelledby="overdue-h"><h2 id="overdue-h">Hồ sơ quá hạn</h2>
  <table class="list" id="overdue-table"><thead><tr><th scope="col">Mã hồ sơ</th><th scope="col">Thủ tục</th><th scope="col">Hạn</th><th scope="col">Trễ</th></tr></thead><tbody></tbody></table>
</section>
</div>`,
  });
}
