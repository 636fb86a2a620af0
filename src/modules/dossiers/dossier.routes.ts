import type { Api } from '../../http/endpoint.js';
import { AppError } from '../../http/errors.js';
import { requestLanguage } from '../../http/language.js';
import { renderMessage } from '../../http/messages.js';
import { ALL_STAFF } from '../auth/roles.js';
import type { ActionBody } from './dossier.actions.js';
import type { ImportItem, ImportService } from './dossier.import.js';
import { actionSchemas, dossierIdSchema, importSchema, inboxSchema, intakeSchema, listDossiersSchema, refusalSchema } from './dossier.schemas.js';
import type { Applicant, DossierService, IntakeInput, ListInput } from './dossier.service.js';
import { ACTIONS, TRANSITIONS } from './dossier.transitions.js';

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

export function dossierRoutes(api: Api, service: DossierService, importer: ImportService): void {
  api.endpoint<IntakeInput>({ method: 'post', path: '/dossiers', tag, summary: 'Receive a dossier at the counter (form 01); honours Idempotency-Key', access: ['receptionist'], schema: intakeSchema, status: 201 },
    async ({ actor, body, req, res }) => {
      const key = req.get('idempotency-key');
      if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) {
        throw new AppError('VALIDATION_FAILED', {}, [{ path: 'headers.idempotency-key', type: 'string.pattern.base', message: 'Idempotency-Key: 1–200 visible ASCII characters' }]);
      }
      const result = await service.intake(actor, body, key);
      res.status(result.status).json(result.body);
    });

  api.endpoint<{ procedureCode: string; applicant: Applicant; reasons: string[] }>(
    { method: 'post', path: '/refusals', tag, summary: 'Record a refusal at the counter (form 03); no dossier code is used', access: ['receptionist'], schema: refusalSchema, status: 201 },
    ({ actor, body }) => service.refuse(actor, body));

  api.endpoint<never, ListInput>({ method: 'get', path: '/dossiers', tag, summary: 'Dossiers in the caller\'s scope, with filters and keyset pagination', access: ALL_STAFF, schema: listDossiersSchema },
    ({ actor, query }) => service.list(actor, query));
  api.endpoint<never, { limit: number }>({ method: 'get', path: '/dossiers/inbox', tag, summary: 'What the caller must act on', access: ALL_STAFF, schema: inboxSchema },
    ({ actor, query }) => service.inbox(actor, query.limit));
  api.endpoint<never, never, IdParams>({ method: 'get', path: '/dossiers/:id', tag, summary: 'A dossier with its control slip (form 05), pauses and remaining time', access: ALL_STAFF, schema: dossierIdSchema },
    ({ actor, params }) => service.get(actor, params.id));
  api.endpoint<never, never, IdParams>({ method: 'get', path: '/dossiers/:id/events', tag, summary: 'The append-only event log of a dossier', access: ALL_STAFF, schema: dossierIdSchema },
    ({ actor, params }) => service.events(actor, params.id));

  api.endpoint<{ items: ImportItem[] }>(
    { method: 'post', path: '/dossiers/import', tag, summary: 'Import historical dossiers (≤ 1000 per request), replayed through the lifecycle', access: ['admin'], schema: importSchema },
    async ({ actor, body, req }) => {
      const lang = requestLanguage(req);
      const results = await importer.importItems(actor, body.items);
      return {
        results: results.map((r) => (r.status === 'error'
          ? { index: r.index, externalId: r.externalId, status: r.status, errors: [{ code: r.error.code, message: renderMessage(r.error.code, lang, r.error.params) }] }
          : r)),
      };
    });

  for (const action of ACTIONS) {
    api.endpoint<ActionBody, never, IdParams>(
      { method: 'post', path: `/dossiers/:id/${action}`, tag, summary: `Action: ${action} (optional version / If-Match)`, access: TRANSITIONS[action].roles, schema: { params: dossierIdSchema.params, body: actionSchemas[action] } },
      ({ actor, params, body, req }) => service.act(actor, params.id, action, body, ifMatchVersion(req.get('if-match'))));
  }
}
