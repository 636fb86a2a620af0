import type { Api } from '../../http/endpoint.js';
import { ALL_STAFF } from '../auth/roles.js';
import { listOutboxSchema, outboxIdSchema } from './outbox.schemas.js';
import { outboxResponses } from './outbox.responses.js';
import type { OutboxListQuery, OutboxService } from './outbox.service.js';

type IdParams = { id: string };
export const OUTBOX_TAG = 'Outbox';
const tag = OUTBOX_TAG;

/** Shown in the API reference: the outgoing side, which has no route of its own. */
export const OUTBOX_TAG_DESCRIPTION =
  'Citizen notifications (e-mail, SMS, Zalo ZNS) and national-portal sync, written in the ' +
  'transaction of each dossier event and delivered at least once with a stable idempotency key. The portal receives ' +
  'a JSON status document (schema motcua.dossier-status/1) POSTed to PORTAL_SYNC_URL with headers Idempotency-Key, ' +
  'X-Motcua-Source and X-Motcua-Signature: sha256=<hex HMAC-SHA256 of the body with PORTAL_SYNC_SECRET>; ' +
  'any 2xx or 409 is taken as delivered. The format is in docs/integration.md.';

export function outboxRoutes(api: Api, service: OutboxService): void {
  api.endpoint<never, OutboxListQuery>(
    {
      method: 'get',
      path: '/outbox',
      tag,
      summary: 'Outgoing messages, newest first (filters: status, channel, dossierId)',
      access: ['admin'],
      schema: listOutboxSchema,
      description: {
        vi: 'Các tin gửi đi (thông báo công dân, đồng bộ Cổng DVC quốc gia), mới nhất trước.',
        en: 'Outgoing messages (citizen notices, national-portal sync), newest first.',
      },
      response: outboxResponses.list,
      examples: { query: { status: 'dead', channel: 'sms' } },
    },
    ({ query }) => service.list(query),
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'get',
      path: '/outbox/:id',
      tag,
      summary: 'One outgoing message with its delivery log',
      access: ['admin'],
      schema: outboxIdSchema,
      description: {
        vi: 'Một tin gửi đi và nhật ký từng lần gửi.',
        en: 'One outgoing message and the log of every attempt.',
      },
      response: outboxResponses.detail,
      examples: {},
    },
    ({ params }) => service.get(params.id),
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'post',
      path: '/outbox/:id/retry',
      tag,
      summary: 'Send a dead message again (fresh attempt budget)',
      access: ['admin'],
      schema: outboxIdSchema,
      description: {
        vi: 'Gửi lại một tin đã hỏng (số lần thử mới).',
        en: 'Send a dead message again, with a fresh attempt budget.',
      },
      response: outboxResponses.message,
      examples: {},
    },
    ({ params }) => service.retry(params.id),
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'get',
      path: '/dossiers/:id/messages',
      tag,
      summary: 'What was sent to the citizen about a dossier',
      access: ALL_STAFF,
      schema: outboxIdSchema,
      description: {
        vi: 'Những gì đã gửi cho công dân về hồ sơ (người nhận được che).',
        en: 'What was sent to the citizen about the dossier (recipients masked).',
      },
      response: outboxResponses.sent,
      examples: {},
    },
    ({ actor, params }) => service.messagesForStaff(actor, params.id),
  );
}
