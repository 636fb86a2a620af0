import type { SmsPayload } from '../outbox.types.js';
import { httpResult, isResult, jsonPoster, type ChannelAdapter } from './channel.js';

export interface SmsSettings {
  url: string;
  token: string;
  senderName: string;
}

/**
 * SMS through a brand-name HTTP gateway, in the common shape of Vietnamese gateways: a JSON POST
 * with the recipient, the registered brand name and the text, authorised by a bearer token; the
 * message's idempotency key is sent as `Idempotency-Key` and as `requestId`.
 */
export function smsChannel(settings: SmsSettings): ChannelAdapter {
  const gateway = jsonPoster(settings.url);
  const headers = { authorization: `Bearer ${settings.token}` };
  return {
    channel: 'sms',
    close: async () => gateway.close(),
    async send(message, timeoutMs) {
      const payload = message.payload as SmsPayload;
      const body = JSON.stringify({
        to: message.recipient,
        from: settings.senderName,
        text: payload.text,
        unicode: payload.unicode,
        requestId: message.idempotencyKey,
      });
      const answer = await gateway.post(body, { ...headers, 'idempotency-key': message.idempotencyKey }, timeoutMs);
      return isResult(answer) ? answer : httpResult(answer.status, answer.text);
    },
  };
}
