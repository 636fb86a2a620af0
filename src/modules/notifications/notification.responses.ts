import Joi from 'joi';
import { instant, page, shape, uuid } from '../../http/responses.js';

/** The answers of the notification endpoints (notification.service.ts). */
export const notificationResponses = {
  list: page(
    shape({
      id: uuid,
      kind: Joi.string().valid('due_soon', 'overdue').description('Sắp đến hạn / quá hạn — due soon / overdue'),
      dossierId: uuid,
      dossierCode: Joi.string().example('000.00.12.H33-261123-0001'),
      dueAt: instant,
      createdAt: instant,
      readAt: instant.allow(null),
    }),
  ),
};
