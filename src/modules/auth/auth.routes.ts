import type { RequestHandler } from 'express';
import type { Api } from '../../http/endpoint.js';
import { loginSchema, passwordSchema, refreshSchema, type LoginBody, type PasswordBody, type RefreshBody } from './auth.schemas.js';
import { ALL_STAFF } from './roles.js';
import type { SessionService } from './session.service.js';

const tag = 'Auth';

export function authRoutes(api: Api, service: SessionService, loginLimiter: RequestHandler): void {
  api.endpoint<LoginBody>({ method: 'post', path: '/auth/login', tag, summary: 'Sign in', access: 'public', schema: loginSchema, before: [loginLimiter] },
    ({ body, req }) => service.login(body.username, body.password, req.ip ?? ''));
  api.endpoint<RefreshBody>({ method: 'post', path: '/auth/refresh', tag, summary: 'Rotate the token pair', access: 'public', schema: refreshSchema, before: [loginLimiter] },
    ({ body }) => service.refresh(body.refreshToken));
  api.endpoint<RefreshBody>({ method: 'post', path: '/auth/logout', tag, summary: 'End the login of a refresh token', access: 'public', schema: refreshSchema, status: 204 },
    async ({ body }) => { await service.logout(body.refreshToken); });
  api.endpoint({ method: 'get', path: '/auth/me', tag, summary: 'The signed-in user', access: ALL_STAFF },
    ({ actor }) => service.me(actor));
  api.endpoint<PasswordBody>({ method: 'post', path: '/auth/password', tag, summary: 'Change own password', access: ALL_STAFF, schema: passwordSchema, status: 204 },
    async ({ actor, body }) => { await service.changePassword(actor, body.currentPassword, body.newPassword); });
}
