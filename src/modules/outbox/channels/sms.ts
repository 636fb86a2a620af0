import type { SmsPayload } from '../outbox.types.js';
import { httpResult, isResult, postJson, type ChannelAdapter } from './channel.js';

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
  return {
    channel: 'sms',
    async send(message, timeoutMs) {
      const payload = message.payload as SmsPayload;
      const body = JSON.stringify({
        to: message.recipient,
        from: settings.senderName,
        text: payload.text,
        unicode: payload.unicode,
        requestId: message.idempotencyKey,
      });
      const answer = await postJson(
        settings.url,
        body,
        { authorization: `Bearer ${settings.token}`, 'idempotency-key': message.idempotencyKey },
        timeoutMs,
      );
      return isResult(answer) ? answer : httpResult(answer.status, answer.text);
    },
  };
}
