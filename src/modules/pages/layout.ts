import { html, type Html } from './html.js';

export interface PageOptions {
  title: string;
  body: Html;
  /** Scripts under /assets (never inline: the CSP has no 'unsafe-inline'). */
  scripts?: readonly string[];
  /** Narrow layout for the citizen's phone, wide for staff desks. */
  wide?: boolean;
}

/** The one page shell: Vietnamese, mobile first, a skip link first in the focus order. */
export function page({ title, body, scripts = [], wide = false }: PageOptions): string {
  return (
    '<!doctype html>\n' +
    html`<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Một cửa điện tử</title>
<link rel="stylesheet" href="/assets/site.css">
${scripts.map((s) => html`<script type="module" src="/assets/${s}"></script>`)}
</head>
<body class="${wide ? 'wide' : 'narrow'}">
<a class="skip" href="#main">Bỏ qua, tới nội dung chính</a>
<header class="top"><div class="bar"><span class="brand">Một cửa điện tử</span></div></header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="foot"><p>Bộ phận Một cửa · Tra cứu hồ sơ không cần tài khoản, chỉ cần mã hồ sơ và mã tra cứu (PIN) trên giấy biên nhận.</p></footer>
</body>
</html>
`.text
  );
}

/** "2026-11-23T10:00:00+07:00" → "10:00 ngày 23/11/2026", in the instant's own offset (the agency's zone). */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[4]}:${m[5]} ngày ${m[3]}/${m[2]}/${m[1]}` : iso;
}
