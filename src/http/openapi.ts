import type Joi from 'joi';
import joiToSwagger from 'joi-to-swagger';
import type { EndpointSpec } from './endpoint.js';

// CommonJS with ES-style typings: the module object is the function, and its `.default` is the same function.
const j2s = joiToSwagger.default;

const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'Vietnamese by default; English with Accept-Language: en' },
    code: { type: 'string', example: 'VALIDATION_FAILED' },
    errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, type: { type: 'string' }, message: { type: 'string' } } } },
    requestId: { type: 'string' },
  },
};

function parameters(schema: Joi.ObjectSchema | undefined, where: 'path' | 'query'): object[] {
  if (!schema) return [];
  const { swagger } = j2s(schema) as { swagger: { properties?: Record<string, object>; required?: string[] } };
  return Object.entries(swagger.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (swagger.required ?? []).includes(name),
    schema: s,
  }));
}

/** Builds the OpenAPI 3 document from the same specs and joi schemas the routes use. */
export function buildOpenApi(specs: readonly EndpointSpec[], prefix: string, version: string, tags: ReadonlyMap<string, string> = new Map()): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const spec of specs) {
    const path = prefix + spec.path.replace(/:(\w+)/g, '{$1}');
    const operation: Record<string, unknown> = {
      summary: spec.summary,
      tags: [spec.tag],
      parameters: [...parameters(spec.schema?.params, 'path'), ...parameters(spec.schema?.query, 'query')],
      responses: {
        [String(spec.status ?? 200)]: { description: 'Success' },
        default: { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
      ...(spec.access === 'public' ? { security: [] } : { 'x-roles': spec.access }),
    };
    if (spec.schema?.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: j2s(spec.schema.body).swagger } } };
    }
    if (spec.upload) {
      const { swagger } = j2s(spec.upload.fields) as { swagger: { properties?: Record<string, object>; required?: string[] } };
      const form = { ...swagger, properties: { ...swagger.properties, file: { type: 'string', format: 'binary' } } };
      const content = (operation.requestBody as { content?: object } | undefined)?.content ?? {};
      operation.requestBody = { required: true, content: { 'multipart/form-data': { schema: form }, ...content } };
    }
    paths[path] = { ...paths[path], [spec.method]: operation };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'motcua — một cửa điện tử API', version, description: 'Administrative-procedure dossiers, deadlines and statistics.' },
    servers: [{ url: '/' }],
    ...(tags.size > 0 ? { tags: [...tags].map(([name, description]) => ({ name, description })) } : {}),
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: problemSchema },
    },
    paths,
  };
}
