import type { RequestHandler } from 'express';
import type { Api } from '../../http/endpoint.js';
import { ALL_STAFF } from '../auth/roles.js';
import {
  dossierParams,
  fileParams,
  publicResultSchema,
  reuseBodySchema,
  uploadFieldsSchema,
  type AttachFields,
} from './file.schemas.js';
import { fileResponses } from './file.responses.js';
import type { FileService } from './file.service.js';

const tag = 'Dossier files';
type IdParams = { id: string };
type FileIdParams = { id: string; fileId: string };

/** Staff routes of dossier files, and the citizen's result download (rate-limited like the public lookup). */
export function fileRoutes(api: Api, service: FileService, publicLimiters: RequestHandler[]): void {
  api.endpoint<AttachFields, never, IdParams>(
    {
      method: 'post',
      path: '/dossiers/:id/files',
      tag,
      status: 201,
      access: ['receptionist', 'officer', 'leader'],
      summary:
        "Attach a file: multipart (kind, componentIndex, note, file), or JSON { kind, componentIndex, reuseSha256 } to reuse the applicant's file",
      schema: { params: dossierParams.params, body: reuseBodySchema },
      upload: { fields: uploadFieldsSchema },
      description: {
        vi: 'Đính kèm tệp vào thành phần hồ sơ (bộ phận một cửa) hoặc kết quả (cơ quan giải quyết): tải lên dạng multipart, hoặc dùng lại tệp đã số hóa của cùng người nộp.',
        en: "Attach a file to a component (the receiving unit) or the result (the handling agency): a multipart upload, or reuse of the same applicant's digitised file.",
      },
      response: fileResponses.file,
      examples: {
        body: {
          kind: 'component',
          componentIndex: 0,
          reuseSha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
        },
      },
    },
    ({ actor, params, body, req, res }) =>
      req.is('multipart/form-data')
        ? service.upload(actor, params.id, req, res)
        : service.reuse(actor, params.id, body),
  );

  api.endpoint<never, never, IdParams>(
    {
      method: 'get',
      path: '/dossiers/:id/files',
      tag,
      summary: 'Files of a dossier and its digitisation flags',
      access: ALL_STAFF,
      schema: dossierParams,
      description: {
        vi: 'Các tệp của hồ sơ và tình trạng số hóa từng thành phần.',
        en: 'The files of a dossier and the digitisation of each component.',
      },
      response: fileResponses.list,
      examples: {},
    },
    ({ actor, params }) => service.list(actor, params.id),
  );

  api.endpoint<never, never, FileIdParams>(
    {
      method: 'get',
      path: '/dossiers/:id/files/:fileId',
      tag,
      summary: 'Download a file (SHA-256 verified)',
      access: ALL_STAFF,
      schema: fileParams,
      description: {
        vi: 'Tải tệp về; nội dung được kiểm tra SHA-256 trước khi gửi.',
        en: 'Download a file; its content is checked against its SHA-256 before it is sent.',
      },
      response: { files: ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'application/xml'] },
      examples: {},
    },
    async ({ actor, params, res }) => {
      await service.download(actor, params.id, params.fileId, res);
    },
  );

  api.endpoint<never, never, FileIdParams>(
    {
      method: 'delete',
      path: '/dossiers/:id/files/:fileId',
      tag,
      summary: 'Remove a file while the step that added it is open',
      access: ['receptionist', 'officer', 'leader'],
      schema: fileParams,
      description: {
        vi: 'Gỡ tệp khi bước đã thêm tệp còn mở.',
        en: 'Remove a file while the step that added it is still open.',
      },
      response: null,
      examples: {},
    },
    async ({ actor, params }) => {
      await service.remove(actor, params.id, params.fileId);
    },
  );

  api.endpoint<never, { pin: string }, { code: string }>(
    {
      method: 'get',
      path: '/public/dossiers/:code/result',
      tag: 'Public tracking',
      access: 'public',
      schema: publicResultSchema,
      before: publicLimiters,
      summary: 'Download the electronic result with the dossier code and the receipt PIN (after the decision)',
      description: {
        vi: 'Công dân tải kết quả điện tử bằng mã hồ sơ và mã PIN trên giấy tiếp nhận (không dùng 4 số cuối điện thoại), sau khi có quyết định.',
        en: 'The citizen downloads the electronic result with the dossier code and the receipt PIN (never the phone digits), after the decision.',
      },
      response: { files: ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'application/xml'] },
      examples: { query: { pin: 'K7Q2MX' } },
    },
    async ({ params, query, res }) => {
      await service.publicResult(params.code, query.pin, res);
    },
  );
}
