import Joi from 'joi';
import { ALLOWED_MIME } from './file.upload.js';

export const FILE_KINDS = ['component', 'result'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

const sha256 = Joi.string()
  .lowercase()
  .pattern(/^[0-9a-f]{64}$/, 'SHA-256 (64 hex digits)');

/** The fields of an upload (multipart form fields) or of a reuse (JSON body). */
export interface AttachFields {
  kind: FileKind;
  componentIndex?: number;
  note?: string;
  reuseSha256?: string;
}

const attachKeys = {
  kind: Joi.string()
    .valid(...FILE_KINDS)
    .required(),
  componentIndex: Joi.number()
    .integer()
    .min(0)
    .max(999)
    .when('kind', { is: 'component', then: Joi.required(), otherwise: Joi.forbidden() }),
  note: Joi.string().trim().max(1000),
};
export const uploadFieldsSchema = Joi.object({ ...attachKeys, reuseSha256: sha256 });
export const reuseBodySchema = Joi.object({
  ...attachKeys,
  kind: Joi.string().valid('component').required(),
  reuseSha256: sha256.required(),
});

const dossierId = Joi.string().guid().required();
export const dossierParams = { params: Joi.object({ id: dossierId }) };
export const fileParams = { params: Joi.object({ id: dossierId, fileId: Joi.string().guid().required() }) };

export const publicResultSchema = {
  params: Joi.object({
    code: Joi.string()
      .trim()
      .max(60)
      .pattern(/^[0-9A-Za-z.-]+$/)
      .required(),
  }),
  // The PIN only: the last phone digits are a weaker factor and never open the result (domain B6).
  query: Joi.object({
    pin: Joi.string()
      .trim()
      .length(6)
      .pattern(/^[A-Za-z0-9]+$/)
      .required(),
  }),
};

/** A file of a historical dossier, known by reference only (the import of domain history). */
export interface ImportedFileRef {
  kind: FileKind;
  componentIndex?: number;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  attachedAt: string;
  /** Attached at intake by the receiving unit (counts as digitised). */
  atIntake?: boolean;
  reused?: boolean;
}

export const importedFileRefsSchema = Joi.array()
  .max(200)
  .items(
    Joi.object({
      kind: Joi.string()
        .valid(...FILE_KINDS)
        .required(),
      componentIndex: Joi.number()
        .integer()
        .min(0)
        .max(999)
        .when('kind', { is: 'component', then: Joi.required(), otherwise: Joi.forbidden() }),
      name: Joi.string().trim().min(1).max(255).required(),
      contentType: Joi.string()
        .valid(...ALLOWED_MIME)
        .required(),
      size: Joi.number()
        .integer()
        .min(0)
        .max(100 * 1024 ** 3)
        .required(),
      sha256: sha256.required(),
      attachedAt: Joi.string().isoDate().required(),
      atIntake: Joi.boolean().default(false),
      reused: Joi.boolean().default(false),
    }),
  );
