import Joi from 'joi';

export const loginSchema = {
  body: Joi.object({
    username: Joi.string().max(64).required(),
    password: Joi.string().max(200).required(),
  }),
};

export const refreshSchema = { body: Joi.object({ refreshToken: Joi.string().max(200).required() }) };

export const passwordSchema = {
  body: Joi.object({
    currentPassword: Joi.string().max(200).required(),
    newPassword: Joi.string().max(200).required(),
  }),
};

export type LoginBody = { username: string; password: string };
export type RefreshBody = { refreshToken: string };
export type PasswordBody = { currentPassword: string; newPassword: string };
