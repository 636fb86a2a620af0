import Joi from 'joi';
import type { Api } from '../../http/endpoint.js';
import { pageQuery } from '../../http/pagination.js';
import { ALL_STAFF } from '../auth/roles.js';
import { notificationResponses } from './notification.responses.js';
import type { NotificationService } from './notification.service.js';

const tag = 'Notifications';

export function notificationRoutes(api: Api, service: NotificationService): void {
  api.endpoint<never, { unread?: boolean; limit: number; cursor?: string }>(
    {
      method: 'get',
      path: '/notifications',
      tag,
      summary: "The caller's due-soon and overdue notifications",
      access: ALL_STAFF,
      schema: { query: Joi.object({ unread: Joi.boolean(), ...pageQuery }) },
      description: {
        vi: 'Thông báo của người gọi về hồ sơ sắp đến hạn (trong 1 ngày làm việc) hoặc quá hạn, mới nhất trước.',
        en: "The caller's notifications of dossiers due within one working day or overdue, newest first.",
      },
      response: notificationResponses.list,
      examples: { query: { unread: true, limit: 20 } },
    },
    ({ actor, query }) => service.list(actor, query),
  );
  api.endpoint<never, never, { id: string }>(
    {
      method: 'post',
      path: '/notifications/:id/read',
      tag,
      summary: 'Mark a notification as read',
      access: ALL_STAFF,
      status: 204,
      schema: { params: Joi.object({ id: Joi.string().guid().required() }) },
      description: {
        vi: 'Đánh dấu một thông báo của mình là đã đọc.',
        en: "Marks one of one's notifications as read.",
      },
      response: null,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    async ({ actor, params }) => {
      await service.markRead(actor, params.id);
    },
  );
  api.endpoint(
    {
      method: 'post',
      path: '/notifications/read-all',
      tag,
      summary: 'Mark all own notifications as read',
      access: ALL_STAFF,
      status: 204,
      description: { vi: 'Đánh dấu mọi thông báo của mình là đã đọc.', en: "Marks all one's notifications as read." },
      response: null,
      examples: {},
    },
    async ({ actor }) => {
      await service.markAllRead(actor);
    },
  );
}
