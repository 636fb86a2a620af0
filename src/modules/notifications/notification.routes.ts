import Joi from 'joi';
import type { Api } from '../../http/endpoint.js';
import { pageQuery } from '../../http/pagination.js';
import { ALL_STAFF } from '../auth/roles.js';
import type { NotificationService } from './notification.service.js';

const tag = 'Notifications';

export function notificationRoutes(api: Api, service: NotificationService): void {
  api.endpoint<never, { unread?: boolean; limit: number; cursor?: string }>(
    { method: 'get', path: '/notifications', tag, summary: 'The caller\'s due-soon and overdue notifications', access: ALL_STAFF,
      schema: { query: Joi.object({ unread: Joi.boolean(), ...pageQuery }) } },
    ({ actor, query }) => service.list(actor, query));
  api.endpoint<never, never, { id: string }>(
    { method: 'post', path: '/notifications/:id/read', tag, summary: 'Mark a notification as read', access: ALL_STAFF, status: 204,
      schema: { params: Joi.object({ id: Joi.string().guid().required() }) } },
    async ({ actor, params }) => { await service.markRead(actor, params.id); });
  api.endpoint({ method: 'post', path: '/notifications/read-all', tag, summary: 'Mark all own notifications as read', access: ALL_STAFF, status: 204 },
    async ({ actor }) => { await service.markAllRead(actor); });
}
