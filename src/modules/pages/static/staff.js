/* global document, fetch, URL, Blob */
// Staff pages keep the access token in this module's memory only: never in a cookie (the browser
// never attaches it by itself, so there is nothing to forge: no CSRF) and never in storage a
// script could read later. Everything received is put on the page with textContent (no XSS).
let token = null;
let user = null;

export const me = () => user;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** The JSON API with the bearer token; a problem+json answer becomes an ApiError with its messages. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'omit',
  });
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** A file behind the token (PDF, CSV, XLSX) as an object URL the page can link to. */
export async function fileUrl(path, headers = {}) {
  const res = await fetch(`/api/v1${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers }, credentials: 'omit' });
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
  return URL.createObjectURL(new Blob([await res.arrayBuffer()], { type: res.headers.get('content-type') ?? 'application/octet-stream' }));
}

export function messageOf(error) {
  const fields = error?.problem?.errors?.map((e) => e.message) ?? [];
  return [error?.message ?? String(error), ...fields].join(' — ');
}

export function showError(id, error) {
  const box = document.getElementById(id);
  if (!box) return;
  box.hidden = !error;
  box.textContent = error ? messageOf(error) : '';
}

/** Builds an element: el('td', { className: 'x' }, 'text', child). Strings become text nodes. */
export function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return node;
}
const Node = globalThis.Node;

/** "2026-11-23T10:00:00+07:00" → "10:00 23/11/2026" in the offset the server gave. */
export function local(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso ?? '');
  return m ? `${m[4]}:${m[5]} ${m[3]}/${m[2]}/${m[1]}` : '';
}

/** Wires the shared sign-in form; calls ready(user) once signed in with one of the roles. */
export function signIn(roles, ready) {
  const form = document.getElementById('signin-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError('signin-error', null);
    try {
      const body = { username: form.username.value.trim(), password: form.password.value };
      const session = await api('/auth/login', { method: 'POST', body });
      if (!session.user.roles.some((r) => roles.includes(r))) throw new Error('Tài khoản không có quyền dùng trang này.');
      token = session.accessToken;
      user = session.user;
      form.password.value = '';
      document.getElementById('signin').hidden = true;
      await ready(user);
    } catch (error) {
      showError('signin-error', error);
    }
  });
}
