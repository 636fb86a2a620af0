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

/** POSTs a JSON body with a time limit; network failures and timeouts are transient failures. */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ status: number; text: string } | SendResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, text: await res.text() };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const reason =
      name === 'TimeoutError' || name === 'AbortError'
        ? `timeout after ${timeoutMs} ms`
        : error instanceof Error
          ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}`
          : String(error);
    return { ok: false, permanent: false, error: scrubError(reason) };
  }
}

export function isResult(value: { status: number; text: string } | SendResult): value is SendResult {
  return 'ok' in value;
}
