import type { Api } from '../../http/endpoint.js';
import { ALL_STAFF } from '../auth/roles.js';
import { createProcedureSchema, listProceduresSchema, procedureIdSchema, updateProcedureSchema } from './procedure.schemas.js';
import type { ProcedureInput, ProcedureService, ProcedureUpdate } from './procedure.service.js';

type IdParams = { id: string };
type ListQuery = Parameters<ProcedureService['list']>[0];
const tag = 'Procedures';

export function procedureRoutes(api: Api, service: ProcedureService): void {
  api.endpoint<ProcedureInput>({ method: 'post', path: '/procedures', tag, summary: 'Add a procedure to the catalogue', access: ['admin'], schema: createProcedureSchema, status: 201 },
    ({ body }) => service.create(body));
  api.endpoint<never, ListQuery>({ method: 'get', path: '/procedures', tag, summary: 'List procedures (filter by code, field, agency, text)', access: ALL_STAFF, schema: listProceduresSchema },
    ({ query }) => service.list(query));
  api.endpoint<never, never, IdParams>({ method: 'get', path: '/procedures/:id', tag, summary: 'Read a procedure', access: ALL_STAFF, schema: procedureIdSchema },
    ({ params }) => service.get(params.id));
  api.endpoint<ProcedureUpdate, never, IdParams>({ method: 'patch', path: '/procedures/:id', tag, summary: 'Update or (de)activate a procedure', access: ['admin'], schema: updateProcedureSchema },
    ({ params, body }) => service.update(params.id, body));
  api.endpoint<never, never, IdParams>({ method: 'post', path: '/procedures/:id/deactivate', tag, summary: 'Stop accepting new dossiers for a procedure', access: ['admin'], schema: procedureIdSchema },
    ({ params }) => service.update(params.id, { active: false }));
}
