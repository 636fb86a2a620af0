import type { Api } from '../../http/endpoint.js';
import { ALL_STAFF } from './roles.js';
import type { CreateUserInput, ListUsersInput, UpdateUserInput, UserService } from './user.service.js';
import { createUserSchema, listUsersSchema, updateUserSchema, userIdSchema } from './user.schemas.js';

type IdParams = { id: string };
const tag = 'Users';

export function userRoutes(api: Api, service: UserService): void {
  api.endpoint<CreateUserInput>({ method: 'post', path: '/users', tag, summary: 'Create a staff account', access: ['admin'], schema: createUserSchema, status: 201 },
    ({ body }) => service.create(body));
  api.endpoint<never, ListUsersInput>({ method: 'get', path: '/users', tag, summary: 'List staff accounts in scope', access: ALL_STAFF, schema: listUsersSchema },
    ({ actor, query }) => service.list(actor, query));
  api.endpoint<never, never, IdParams>({ method: 'get', path: '/users/:id', tag, summary: 'Read a staff account', access: ALL_STAFF, schema: userIdSchema },
    ({ actor, params }) => service.get(actor, params.id));
  api.endpoint<UpdateUserInput, never, IdParams>({ method: 'patch', path: '/users/:id', tag, summary: 'Update a staff account', access: ['admin'], schema: updateUserSchema },
    ({ actor, params, body }) => service.update(actor, params.id, body));
  api.endpoint<never, never, IdParams>({ method: 'post', path: '/users/:id/disable', tag, summary: 'Disable an account and end its logins', access: ['admin'], schema: userIdSchema },
    ({ actor, params }) => service.setDisabled(actor, params.id, true));
  api.endpoint<never, never, IdParams>({ method: 'post', path: '/users/:id/enable', tag, summary: 'Enable an account', access: ['admin'], schema: userIdSchema },
    ({ actor, params }) => service.setDisabled(actor, params.id, false));
  api.endpoint<never, never, IdParams>({ method: 'post', path: '/users/:id/unlock', tag, summary: 'Lift a login lockout', access: ['admin'], schema: userIdSchema },
    ({ actor, params }) => service.unlock(actor, params.id));
}
