import type { ZaloPayload } from '../outbox.types.js';
import { httpResult, isResult, jsonPoster, scrubError, type ChannelAdapter } from './channel.js';

export interface ZaloSettings {
  url: string;
  accessToken: string;
}

/** ZNS errors that no retry can fix: the phone number is invalid, or has no Zalo account. */
const PERMANENT_ZNS_ERRORS = new Set([-108, -118]);

/**
 * Zalo ZNS template message by phone number. The API answers HTTP 200 with `error: 0` on success
 * and a negative `error` otherwise; `tracking_id` carries the idempotency key.
 */
export function zaloChannel(settings: ZaloSettings): ChannelAdapter {
  const api = jsonPoster(settings.url);
  const headers = { access_token: settings.accessToken };
  return {
    channel: 'zalo',
    close: async () => api.close(),
    async send(message, timeoutMs) {
      const payload = message.payload as ZaloPayload;
      const body = JSON.stringify({
        phone: message.recipient,
        template_id: payload.templateId,
        template_data: payload.templateData,
        tracking_id: message.idempotencyKey,
      });
      const answer = await api.post(body, headers, timeoutMs);
      if (isResult(answer)) return answer;
      const http = httpResult(answer.status, answer.text);
      if (!http.ok) return http;
      let code: unknown;
      try {
        code = (JSON.parse(answer.text) as { error?: unknown }).error;
      } catch {
        return { ok: false, permanent: false, statusCode: answer.status, error: 'ZNS answer is not JSON' };
      }
      if (code === 0) return { ok: true, statusCode: answer.status };
      const n = typeof code === 'number' ? code : NaN;
      return {
        ok: false,
        permanent: PERMANENT_ZNS_ERRORS.has(n),
        statusCode: answer.status,
        error: scrubError(`ZNS error ${String(code)}: ${answer.text.slice(0, 200)}`),
      };
    },
  };
}
