import type { RequestHandler } from 'express';
import type { Api } from '../../http/endpoint.js';
import { ALL_STAFF } from '../auth/roles.js';
import { dossierParams, fileParams, publicResultSchema, reuseBodySchema, uploadFieldsSchema, type AttachFields } from './file.schemas.js';
import type { FileService } from './file.service.js';

const tag = 'Dossier files';
type IdParams = { id: string };
type FileIdParams = { id: string; fileId: string };

/** Staff routes of dossier files, and the citizen's result download (rate-limited like the public lookup). */
export function fileRoutes(api: Api, service: FileService, publicLimiters: RequestHandler[]): void {
  api.endpoint<AttachFields, never, IdParams>({
    method: 'post', path: '/dossiers/:id/files', tag, status: 201, access: ['receptionist', 'officer', 'leader'],
    summary: 'Attach a file: multipart (kind, componentIndex, note, file), or JSON { kind, componentIndex, reuseSha256 } to reuse the applicant\'s file',
    schema: { params: dossierParams.params, body: reuseBodySchema }, upload: { fields: uploadFieldsSchema },
  }, ({ actor, params, body, req, res }) => (req.is('multipart/form-data')
    ? service.upload(actor, params.id, req, res)
    : service.reuse(actor, params.id, body)));

  api.endpoint<never, never, IdParams>({ method: 'get', path: '/dossiers/:id/files', tag, summary: 'Files of a dossier and its digitisation flags', access: ALL_STAFF, schema: dossierParams },
    ({ actor, params }) => service.list(actor, params.id));

  api.endpoint<never, never, FileIdParams>({ method: 'get', path: '/dossiers/:id/files/:fileId', tag, summary: 'Download a file (SHA-256 verified)', access: ALL_STAFF, schema: fileParams },
    async ({ actor, params, res }) => { await service.download(actor, params.id, params.fileId, res); });

  api.endpoint<never, never, FileIdParams>({
    method: 'delete', path: '/dossiers/:id/files/:fileId', tag, summary: 'Remove a file while the step that added it is open', access: ['receptionist', 'officer', 'leader'], schema: fileParams,
  }, async ({ actor, params }) => { await service.remove(actor, params.id, params.fileId); });

  api.endpoint<never, { pin: string }, { code: string }>({
    method: 'get', path: '/public/dossiers/:code/result', tag: 'Public tracking', access: 'public', schema: publicResultSchema, before: publicLimiters,
    summary: 'Download the electronic result with the dossier code and the receipt PIN (after the decision)',
  }, async ({ params, query, res }) => { await service.publicResult(params.code, query.pin, res); });
}
