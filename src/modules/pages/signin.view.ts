import { html, type Html } from './html.js';

/** The staff sign-in form both desk pages share; staff.js posts it to /api/v1/auth/login. */
export function signInForm(role: string): Html {
  return html`<section id="signin" class="card narrow-card" aria-labelledby="signin-h">
<h2 id="signin-h">Đăng nhập (${role})</h2>
<form id="signin-form" novalidate>
  <div class="field"><label for="username">Tên đăng nhập</label><input id="username" name="username" autocomplete="username" required></div>
  <div class="field"><label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
  <p class="alert" role="alert" id="signin-error" hidden></p>
  <button type="submit" class="primary">Đăng nhập</button>
</form>
<noscript><p class="alert">Trang làm việc của cán bộ cần bật JavaScript.</p></noscript>
</section>`;
}
