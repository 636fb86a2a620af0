import type { RequestHandler } from 'express';
import type { Api } from '../../http/endpoint.js';
import {
  loginSchema,
  passwordSchema,
  refreshSchema,
  type LoginBody,
  type PasswordBody,
  type RefreshBody,
} from './auth.schemas.js';
import { ALL_STAFF } from './roles.js';
import { authResponses } from './auth.responses.js';
import type { SessionService } from './session.service.js';

const tag = 'Auth';

export function authRoutes(api: Api, service: SessionService, loginLimiter: RequestHandler): void {
  api.endpoint<LoginBody>(
    {
      method: 'post',
      path: '/auth/login',
      tag,
      summary: 'Sign in',
      access: 'public',
      schema: loginSchema,
      before: [loginLimiter],
      description: {
        vi: 'Đăng nhập bằng tên đăng nhập và mật khẩu; trả mã truy cập (JWT) và mã làm mới. Sai nhiều lần sẽ tạm khóa tài khoản từ máy đó.',
        en: 'Signs in with username and password; returns an access token (JWT) and a refresh token. Repeated failures lock the account for that client.',
      },
      response: authResponses.tokens,
      examples: { body: { username: 'sotp.officer', password: 'Mat-khau-2026' } },
    },
    ({ body, req }) => service.login(body.username, body.password, req.ip ?? ''),
  );
  api.endpoint<RefreshBody>(
    {
      method: 'post',
      path: '/auth/refresh',
      tag,
      summary: 'Rotate the token pair',
      access: 'public',
      schema: refreshSchema,
      before: [loginLimiter],
      description: {
        vi: 'Đổi mã làm mới lấy cặp mã mới; mã cũ hết hiệu lực. Dùng lại mã đã đổi sẽ thu hồi mọi phiên của lần đăng nhập đó.',
        en: 'Exchanges a refresh token for a new pair; the old one stops working. Reusing a spent token revokes every session of that login.',
      },
      response: authResponses.tokens,
      examples: { body: { refreshToken: 'rt_9f3b2c1d0e4a5b6c7d8e9f0a1b2c3d4e' } },
    },
    ({ body }) => service.refresh(body.refreshToken),
  );
  api.endpoint<RefreshBody>(
    {
      method: 'post',
      path: '/auth/logout',
      tag,
      summary: 'End the login of a refresh token',
      access: 'public',
      schema: refreshSchema,
      status: 204,
      description: {
        vi: 'Đăng xuất: thu hồi lần đăng nhập của mã làm mới này.',
        en: 'Signs out: revokes the login this refresh token belongs to.',
      },
      response: null,
      examples: { body: { refreshToken: 'rt_9f3b2c1d0e4a5b6c7d8e9f0a1b2c3d4e' } },
    },
    async ({ body }) => {
      await service.logout(body.refreshToken);
    },
  );
  api.endpoint(
    {
      method: 'get',
      path: '/auth/me',
      tag,
      summary: 'The signed-in user',
      access: ALL_STAFF,
      description: {
        vi: 'Người dùng đang đăng nhập: vai trò và cơ quan.',
        en: 'The signed-in user: roles and agency.',
      },
      response: authResponses.me,
      examples: {},
    },
    ({ actor }) => service.me(actor),
  );
  api.endpoint<PasswordBody>(
    {
      method: 'post',
      path: '/auth/password',
      tag,
      summary: 'Change own password',
      access: ALL_STAFF,
      schema: passwordSchema,
      status: 204,
      description: {
        vi: 'Đổi mật khẩu của chính mình (10–72 ký tự, có chữ và số, không chứa tên đăng nhập).',
        en: "Changes one's own password (10–72 characters, letters and digits, not containing the username).",
      },
      response: null,
      examples: { body: { currentPassword: 'Mat-khau-2026', newPassword: 'Mat-khau-moi-2027' } },
    },
    async ({ actor, body }) => {
      await service.changePassword(actor, body.currentPassword, body.newPassword);
    },
  );
}
