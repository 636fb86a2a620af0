import Joi from 'joi';
import { instant, uuid } from '../../http/responses.js';

/**
 * The answers of the files endpoints (file.service.ts), for /docs and the answer checks of the tests.
 * Open past the listed fields, like the statistics answers: the files module is new on main.
 */
const file = Joi.object({
  id: uuid.required(),
  kind: Joi.string()
    .valid('component', 'result')
    .required()
    .description('Thành phần hồ sơ hoặc kết quả — component or result'),
  componentIndex: Joi.number().integer().min(0).allow(null),
  name: Joi.string().example('Tờ khai.pdf'),
  contentType: Joi.string().example('application/pdf'),
  size: Joi.number().integer().min(0),
  sha256: Joi.string()
    .pattern(/^[0-9a-f]{64}$/)
    .example('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'),
  digitized: Joi.boolean().description('Số hóa khi tiếp nhận — digitised at intake'),
  reused: Joi.boolean().description('Dùng lại tệp đã số hóa — reuses a digitised file'),
  createdAt: instant,
}).unknown(true);

export const fileResponses = {
  file,
  list: Joi.object({
    items: Joi.array().items(file).required(),
    digitization: Joi.object({
      components: Joi.array().items(
        Joi.object({
          index: Joi.number().integer(),
          name: Joi.string(),
          files: Joi.number().integer(),
          digitized: Joi.boolean(),
          reused: Joi.boolean(),
        }).unknown(true),
      ),
      allComponentsDigitized: Joi.boolean(),
      electronicResult: Joi.boolean(),
    })
      .unknown(true)
      .required(),
  }).unknown(true),
};
