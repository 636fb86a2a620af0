import Joi from 'joi';
import { instant, page, shape, uuid } from '../../http/responses.js';
import { ROLES } from '../../lib/roles.js';

/** The answers of the auth and user endpoints, mirroring user.presenter.ts and session.service.ts. */
const roles = Joi.array()
  .items(Joi.string().valid(...ROLES))
  .example(['officer']);

export const sessionUserAnswer = shape({
  id: uuid,
  username: Joi.string().example('sotp.officer'),
  fullName: Joi.string().example('Trần Thị Lan'),
  roles,
  agencyId: uuid.allow(null),
});

export const userAnswer = shape({
  id: uuid,
  username: Joi.string().example('sotp.officer'),
  fullName: Joi.string().example('Trần Thị Lan'),
  roles,
  agencyId: uuid.allow(null),
  disabled: Joi.boolean(),
  locked: Joi.boolean().description('Đang bị khóa do đăng nhập sai — locked out after failed logins'),
  createdAt: instant,
  updatedAt: instant,
});

export const authResponses = {
  tokens: shape({
    accessToken: Joi.string()
      .example('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIzZjZjIn0.c2lnbmF0dXJl')
      .description('JWT, gửi trong Authorization: Bearer — send as Authorization: Bearer'),
    refreshToken: Joi.string().example('rt_9f3b2c1d0e4a5b6c7d8e9f0a1b2c3d4e'),
    expiresIn: Joi.number()
      .integer()
      .example(900)
      .description('Số giây mã truy cập còn hiệu lực — seconds the access token lives'),
    user: sessionUserAnswer,
  }),
  me: sessionUserAnswer,
  user: userAnswer,
  users: page(userAnswer),
};
