import type { Api } from '../../http/endpoint.js';
import { ALL_STAFF } from '../auth/roles.js';
import { agencyIdSchema, createAgencySchema, listAgenciesSchema, treeSchema, updateAgencySchema } from './agency.schemas.js';
import type { AgencyService, CreateAgencyInput, ListAgenciesInput, UpdateAgencyInput } from './agency.service.js';

type IdParams = { id: string };
const tag = 'Agencies';

/** The agency catalogue is public knowledge inside the administration: every staff role may read it. */
export function agencyRoutes(api: Api, service: AgencyService): void {
  api.endpoint<CreateAgencyInput>({ method: 'post', path: '/agencies', tag, summary: 'Create an agency', access: ['admin'], schema: createAgencySchema, status: 201 },
    ({ actor, body }) => service.create(actor, body));
  api.endpoint<never, ListAgenciesInput & { parentId?: string }>({ method: 'get', path: '/agencies', tag, summary: 'List agencies (flat); parentId=root for top level', access: ALL_STAFF, schema: listAgenciesSchema },
    ({ query }) => service.list({ ...query, parentId: query.parentId === 'root' ? null : query.parentId }));
  api.endpoint<never, { rootId?: string }>({ method: 'get', path: '/agencies/tree', tag, summary: 'The agency tree', access: ALL_STAFF, schema: treeSchema },
    ({ query }) => service.tree(query.rootId));
  api.endpoint<never, never, IdParams>({ method: 'get', path: '/agencies/:id', tag, summary: 'Read an agency', access: ALL_STAFF, schema: agencyIdSchema },
    ({ params }) => service.get(params.id));
  api.endpoint<never, never, IdParams>({ method: 'get', path: '/agencies/:id/history', tag, summary: 'Effective-dated versions of an agency', access: ALL_STAFF, schema: agencyIdSchema },
    ({ params }) => service.history(params.id));
  api.endpoint<UpdateAgencyInput, never, IdParams>({ method: 'patch', path: '/agencies/:id', tag, summary: 'Rename, re-parent, (de)activate an agency', access: ['admin'], schema: updateAgencySchema },
    ({ actor, params, body }) => service.update(actor, params.id, body));
}
