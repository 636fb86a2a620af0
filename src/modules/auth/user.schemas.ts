import Joi from 'joi';
import { pageQuery } from '../../http/pagination.js';
import { ROLES } from './roles.js';

const username = Joi.string()
  .pattern(/^[a-z0-9][a-z0-9._-]{2,63}$/)
  .description('lowercase letters, digits, . _ -');
const fullName = Joi.string().trim().min(1).max(200);
const roles = Joi.array()
  .items(Joi.string().valid(...ROLES))
  .min(1)
  .unique();
const password = Joi.string().min(1).max(200);
const id = Joi.object({ id: Joi.string().guid().required() });

export const createUserSchema = {
  body: Joi.object({
    username: username.required(),
    password: password.required(),
    fullName: fullName.required(),
    roles: roles.required(),
    agencyId: Joi.string().guid().allow(null),
  }),
};

export const listUsersSchema = {
  query: Joi.object({
    agencyId: Joi.string().guid(),
    role: Joi.string().valid(...ROLES),
    q: Joi.string().trim().min(1).max(100),
    disabled: Joi.boolean(),
    ...pageQuery,
  }),
};

export const userIdSchema = { params: id };

export const updateUserSchema = {
  params: id,
  body: Joi.object({
    fullName,
    roles,
    agencyId: Joi.string().guid().allow(null),
    password,
  }).min(1),
};
