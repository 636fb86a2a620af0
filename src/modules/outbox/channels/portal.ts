import { createHmac } from 'node:crypto';
import type { PortalPayload } from '../outbox.types.js';
import { httpResult, isResult, jsonPoster, type ChannelAdapter } from './channel.js';

export interface PortalSettings {
  url: string;
  secret: string;
  sourceId: string;
}

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes (docs/integration.md). */
export function portalSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * National-portal sync: the status document POSTed as JSON, signed over the body, with the
 * message's idempotency key. A 409 means the portal already holds this event: delivered.
 */
export function portalChannel(settings: PortalSettings): ChannelAdapter {
  const portal = jsonPoster(settings.url);
  return {
    channel: 'portal',
    close: async () => portal.close(),
    async send(message, timeoutMs) {
      const body = JSON.stringify((message.payload as PortalPayload).document);
      const answer = await portal.post(
        body,
        {
          'x-motcua-signature': portalSignature(settings.secret, body),
          'idempotency-key': message.idempotencyKey,
          'x-motcua-source': settings.sourceId,
        },
        timeoutMs,
      );
      if (isResult(answer)) return answer;
      return answer.status === 409 ? { ok: true, statusCode: 409 } : httpResult(answer.status, answer.text);
    },
  };
}
