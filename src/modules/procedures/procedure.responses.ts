import Joi from 'joi';
import { instant, page, shape, uuid } from '../../http/responses.js';
import { STEP_ROLES, SUPPLEMENT_POLICIES } from '../../lib/values.js';
import { budgetAnswer } from '../dossiers/dossier.responses.js';

/** The answers of the procedure endpoints, mirroring procedure.presenter.ts. */
export const procedureAnswer = shape({
  id: uuid,
  code: Joi.string().example('1.001193'),
  name: Joi.string().example('Đăng ký khai sinh'),
  field: Joi.string().example('Hộ tịch'),
  agencyId: uuid.allow(null),
  budget: budgetAnswer,
  supplementPolicy: Joi.string().valid(...SUPPLEMENT_POLICIES),
  steps: Joi.array().items(
    shape({
      name: Joi.string().example('Thẩm định hồ sơ'),
      role: Joi.string().valid(...STEP_ROLES),
      budget: budgetAnswer,
    }),
  ),
  fee: Joi.number().integer().min(0).allow(null).example(0).description('Lệ phí, đồng — fee in VND'),
  requiresResultDocument: Joi.boolean(),
  active: Joi.boolean(),
  createdAt: instant,
  updatedAt: instant,
});

export const procedureResponses = { procedure: procedureAnswer, list: page(procedureAnswer) };
