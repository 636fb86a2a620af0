import Joi from 'joi';
import { instant, localDate, page, shape, uuid } from '../../http/responses.js';
import { AGENCY_LEVELS } from '../../lib/values.js';

/** The answers of the agency endpoints, mirroring agency.presenter.ts (checked against real answers in tests). */
const calendarAnswer = Joi.object({
  timeZone: Joi.string().required().example('Asia/Ho_Chi_Minh'),
  weekdays: Joi.array().items(Joi.number().integer().min(1).max(7)).required().example([1, 2, 3, 4, 5]),
  windows: Joi.array()
    .items(Joi.object({ start: Joi.string().example('07:30'), end: Joi.string().example('11:30') }))
    .required(),
}).allow(null);

const agencyFields = {
  id: uuid,
  parentId: uuid.allow(null),
  name: Joi.string().example('Sở Tư pháp'),
  electronicId: Joi.string().allow(null).example('000.00.12.H33'),
  level: Joi.string().valid(...AGENCY_LEVELS),
  active: Joi.boolean(),
  activeFrom: localDate.allow(null),
  activeTo: localDate.allow(null),
  calendar: calendarAnswer,
  createdAt: instant,
  updatedAt: instant,
};

export const agencyAnswer = shape(agencyFields);

const treeNode: Joi.ObjectSchema = shape({
  ...agencyFields,
  children: Joi.array().items(Joi.link('#agencyNode')).example([]).description('Các cơ quan cấp dưới — child agencies'),
}).id('agencyNode');

export const agencyResponses = {
  agency: agencyAnswer,
  list: page(agencyAnswer),
  tree: shape({ roots: Joi.array().items(treeNode) }),
  history: shape({
    versions: Joi.array().items(
      shape({
        validFrom: localDate,
        validTo: localDate.allow(null),
        name: Joi.string(),
        parentId: uuid.allow(null),
        level: Joi.string().valid(...AGENCY_LEVELS),
        active: Joi.boolean(),
        changedBy: uuid.allow(null),
      }),
    ),
  }),
};
