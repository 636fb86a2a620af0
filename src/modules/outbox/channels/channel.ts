import http from 'node:http';
import https from 'node:https';
import type { OutboxChannel, Payload } from '../outbox.types.js';

/** A message as an adapter sends it. */
export interface OutboundMessage {
  id: string;
  channel: OutboxChannel;
  recipient: string;
  template: string;
  payload: Payload;
  idempotencyKey: string;
}

/** The outcome of one attempt. `permanent` failures are not retried (a refused address, a 400). */
export type SendResult =
  { ok: true; statusCode?: number } | { ok: false; permanent: boolean; statusCode?: number; error: string };

/** One delivery channel (issue 12: each a small adapter behind one interface). */
export interface ChannelAdapter {
  readonly channel: OutboxChannel;
  /** Sends once; must give up when `timeoutMs` has passed. Throwing counts as a transient failure. */
  send(message: OutboundMessage, timeoutMs: number): Promise<SendResult>;
  close?(): Promise<void>;
}

/** Error text without contact data: addresses and long digit runs (phone numbers) are masked; kept short. */
export function scrubError(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '<email>')
    .replace(/\+?\d[\d\s.-]{7,}\d/g, '<number>')
    .slice(0, 500);
}

/** HTTP answer → outcome: 2xx sent; 408, 425, 429 and 5xx retried; other 4xx permanent. */
export function httpResult(status: number, body: string): SendResult {
  if (status >= 200 && status < 300) return { ok: true, statusCode: status };
  const permanent = status >= 400 && status < 500 && ![408, 425, 429].includes(status);
  return {
    ok: false,
    permanent,
    statusCode: status,
    error: scrubError(`HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`),
  };
}

/** How long an idle keep-alive connection is kept: under the 5 s most servers (Node's default) allow. */
const IDLE_SOCKET_MS = 4000;

/**
 * POSTs JSON bodies to one endpoint over kept-alive connections (node:http / node:https with an
 * agent of its own, closed with the adapter). It replaced `fetch`: undici's WHATWG streams, abort
 * signals and Headers objects were the largest part of the dispatcher's CPU per message
 * (docs/benchmarks.md, outbox). Redirects are not followed: a 3xx is a failure, retried.
 */
export function jsonPoster(url: string) {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS })
    : new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  const request = secure ? https.request : http.request;
  const options = {
    protocol: target.protocol,
    hostname: target.hostname.replace(/^\[|\]$/g, ''),
    port: target.port,
    path: `${target.pathname}${target.search}`,
    method: 'POST',
    agent,
    ...(target.username
      ? { auth: `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}` }
      : {}),
  };

  /** One POST with a time limit over the whole exchange; network failures and timeouts are transient failures. */
  function post(
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<{ status: number; text: string } | SendResult> {
    return new Promise((resolve) => {
      let settled = false;
      const settle = (value: { status: number; text: string } | SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      };
      const failed = (reason: string) => settle({ ok: false, permanent: false, error: scrubError(reason) });
      const req = request(
        {
          ...options,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(body),
            ...headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (text.length < 65_536) text += chunk; // the error text keeps 200 characters; ZNS answers are short
          });
          res.on('end', () => settle({ status: res.statusCode ?? 0, text }));
          res.on('error', (error) => failed(error.message));
          res.on('close', () => {
            if (!res.complete) failed('the answer was cut off');
          });
        },
      );
      const timer = setTimeout(() => {
        failed(`timeout after ${timeoutMs} ms`);
        req.destroy();
      }, timeoutMs);
      req.on('error', (error: Error & { code?: string }) =>
        failed(error.code ? `${error.message} (${error.code})` : error.message),
      );
      req.end(body);
    });
  }

  return { post, close: () => agent.destroy() };
}

export function isResult(value: { status: number; text: string } | SendResult): value is SendResult {
  return 'ok' in value;
}
