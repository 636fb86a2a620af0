import type { Api } from '../../http/endpoint.js';
import { AppError } from '../../http/errors.js';
import { requestLanguage } from '../../http/language.js';
import { renderMessage } from '../../http/messages.js';
import { ALL_STAFF } from '../auth/roles.js';
import {
  actionSchemas, dossierIdSchema, importSchema, inboxSchema, intakeSchema, listDossiersSchema, refusalSchema,
  type ActionBodies, type ImportItem, type IntakeBody, type ListQuery, type RefusalBody,
} from './dossier.schemas.js';
import type { DossierService } from './dossier.service.js';
import { rolesOf, STAFF_ACTIONS, type StaffAction } from './dossier.transitions.js';

type IdParams = { id: string };
const tag = 'Dossiers';

/** `If-Match: 7` or `If-Match: "7"`: the dossier version the client saw. */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'headers.if-match', type: 'version.invalid', message: 'If-Match: <version>' }]);
  }
  return Number(match[1]);
}

function idempotencyKey(header: string | undefined): string | undefined {
  if (header !== undefined && !/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new AppError('VALIDATION_FAILED', {}, [{
      path: 'headers.idempotency-key', type: 'string.pattern.base', message: 'Idempotency-Key: 1–200 visible ASCII characters',
    }]);
  }
  return header;
}

export function dossierRoutes(api: Api, service: DossierService, afterImport: () => Promise<void>): void {
  api.endpoint<IntakeBody>({
    method: 'post', path: '/dossiers', tag, access: ['receptionist'], schema: intakeSchema, status: 201,
    summary: 'Receive a dossier at the counter (form 01); honours Idempotency-Key',
  }, async ({ actor, body, req, res }) => {
    const result = await service.intake(actor, body, idempotencyKey(req.get('idempotency-key')));
    res.status(result.status).json(result.body);
  });

  api.endpoint<RefusalBody>({
    method: 'post', path: '/refusals', tag, access: ['receptionist'], schema: refusalSchema, status: 201,
    summary: 'Record a refusal at the counter (form 03); no dossier code is used',
  }, ({ actor, body }) => service.refuse(actor, body));

  api.endpoint<never, ListQuery>({
    method: 'get', path: '/dossiers', tag, access: ALL_STAFF, schema: listDossiersSchema,
    summary: 'Dossiers in the caller\'s scope, with filters and keyset pagination',
  }, ({ actor, query }) => service.list(actor, query));

  api.endpoint<never, { limit: number }>({
    method: 'get', path: '/dossiers/inbox', tag, access: ALL_STAFF, schema: inboxSchema, summary: 'What the caller must act on',
  }, ({ actor, query }) => service.inbox(actor, query.limit));

  api.endpoint<never, never, IdParams>({
    method: 'get', path: '/dossiers/:id', tag, access: ALL_STAFF, schema: dossierIdSchema,
    summary: 'A dossier with its control slip (form 05), pauses and remaining time',
  }, ({ actor, params }) => service.get(actor, params.id));

  api.endpoint<never, never, IdParams>({
    method: 'get', path: '/dossiers/:id/events', tag, access: ALL_STAFF, schema: dossierIdSchema,
    summary: 'The append-only event log of a dossier',
  }, ({ actor, params }) => service.events(actor, params.id));

  api.endpoint<{ items: ImportItem[] }>({
    method: 'post', path: '/dossiers/import', tag, access: ['admin'], schema: importSchema,
    summary: 'Import historical dossiers (≤ 1000 per request), replayed through the lifecycle',
  }, async ({ actor, body, req }) => {
    const lang = requestLanguage(req);
    const results = await service.importItems(actor, body.items, afterImport);
    return {
      results: results.map((r) => (r.status === 'error'
        ? {
          index: r.index, externalId: r.externalId, status: r.status,
          errors: [{ code: r.error.code, message: renderMessage(r.error.code, lang, r.error.params) }],
        }
        : r)),
    };
  });

  api.endpoint<never, never, IdParams>({
    method: 'post', path: '/dossiers/:id/reissue-pin', tag, access: rolesOf('reissue-pin'), schema: dossierIdSchema,
    summary: 'Issue a new lookup PIN for a lost receipt (receiving unit); the old one stops working; shown once',
  }, ({ actor, params }) => service.reissuePin(actor, params.id));

  // One endpoint per action; who may call it is the access matrix of dossier.transitions.ts.
  for (const action of STAFF_ACTIONS) actionRoute(api, service, action);
}

function actionRoute<A extends StaffAction>(api: Api, service: DossierService, action: A): void {
  api.endpoint<ActionBodies[A], never, IdParams>({
    method: 'post', path: `/dossiers/:id/${action}`, tag, access: rolesOf(action),
    schema: { params: dossierIdSchema.params, body: actionSchemas[action] },
    summary: `Action: ${action} (optional version / If-Match)`,
  }, ({ actor, params, body, req }) => service.act(actor, params.id, action, body, ifMatchVersion(req.get('if-match'))));
}
