import type { Api } from '../../http/endpoint.js';
import { authResponses } from './auth.responses.js';
import { ALL_STAFF } from './roles.js';
import type { CreateUserInput, ListUsersInput, UpdateUserInput, UserService } from './user.service.js';
import { createUserSchema, listUsersSchema, updateUserSchema, userIdSchema } from './user.schemas.js';

type IdParams = { id: string };
const tag = 'Users';

export function userRoutes(api: Api, service: UserService): void {
  api.endpoint<CreateUserInput>(
    {
      method: 'post',
      path: '/users',
      tag,
      summary: 'Create a staff account',
      access: ['admin'],
      schema: createUserSchema,
      status: 201,
      description: {
        vi: 'Tạo tài khoản cán bộ với vai trò và cơ quan (mọi vai trò trừ quản trị phải thuộc một cơ quan).',
        en: 'Creates a staff account with roles and agency (every role but admin belongs to an agency).',
      },
      response: authResponses.user,
      examples: {
        body: {
          username: 'sonnam.receptionist',
          password: 'Mat-khau-2026',
          fullName: 'Lê Thị Hoa',
          roles: ['receptionist'],
          agencyId: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f',
        },
      },
    },
    ({ body }) => service.create(body),
  );
  api.endpoint<never, ListUsersInput>(
    {
      method: 'get',
      path: '/users',
      tag,
      summary: 'List staff accounts in scope',
      access: ALL_STAFF,
      schema: listUsersSchema,
      description: {
        vi: 'Tài khoản cán bộ trong phạm vi người gọi (cơ quan của mình; giám sát: cả nhánh; quản trị: tất cả), lọc theo cơ quan, vai trò, từ khóa.',
        en: "Staff accounts in the caller's scope (own agency; supervisors their subtree; admin all), filtered by agency, role and text.",
      },
      response: authResponses.users,
      examples: { query: { role: 'officer', limit: 20 } },
    },
    ({ actor, query }) => service.list(actor, query),
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'get',
      path: '/users/:id',
      tag,
      summary: 'Read a staff account',
      access: ALL_STAFF,
      schema: userIdSchema,
      description: {
        vi: 'Một tài khoản cán bộ trong phạm vi người gọi.',
        en: "One staff account in the caller's scope.",
      },
      response: authResponses.user,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    ({ actor, params }) => service.get(actor, params.id),
  );
  api.endpoint<UpdateUserInput, never, IdParams>(
    {
      method: 'patch',
      path: '/users/:id',
      tag,
      summary: 'Update a staff account',
      access: ['admin'],
      schema: updateUserSchema,
      description: {
        vi: 'Sửa họ tên, vai trò, cơ quan hoặc đặt lại mật khẩu; không tự đổi vai trò của mình.',
        en: "Changes the full name, roles or agency, or resets the password; one cannot change one's own roles.",
      },
      response: authResponses.user,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' }, body: { roles: ['officer', 'leader'] } },
    },
    ({ actor, params, body }) => service.update(actor, params.id, body),
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'post',
      path: '/users/:id/disable',
      tag,
      summary: 'Disable an account and end its logins',
      access: ['admin'],
      schema: userIdSchema,
      description: {
        vi: 'Vô hiệu hóa tài khoản và thu hồi mọi phiên đăng nhập của nó.',
        en: 'Disables the account and revokes all its logins.',
      },
      response: authResponses.user,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    ({ actor, params }) => service.setDisabled(actor, params.id, true),
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'post',
      path: '/users/:id/enable',
      tag,
      summary: 'Enable an account',
      access: ['admin'],
      schema: userIdSchema,
      description: { vi: 'Cho phép tài khoản đăng nhập lại.', en: 'Lets the account sign in again.' },
      response: authResponses.user,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    ({ actor, params }) => service.setDisabled(actor, params.id, false),
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'post',
      path: '/users/:id/unlock',
      tag,
      summary: 'Lift a login lockout',
      access: ['admin'],
      schema: userIdSchema,
      description: { vi: 'Gỡ khóa do đăng nhập sai nhiều lần.', en: 'Lifts the lockout after repeated failed logins.' },
      response: authResponses.user,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    ({ actor, params }) => service.unlock(actor, params.id),
  );
}
