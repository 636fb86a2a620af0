import type Joi from 'joi';
import type { EndpointSpec, FileResponse } from './endpoint.js';
import { keyRules, toJsonSchema, type JsonSchema } from './json-schema.js';

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details. Vietnamese by default; English with `Accept-Language: en`.',
  properties: {
    type: { type: 'string', description: '`urn:motcua:problem:<code>`' },
    title: { type: 'string', description: "Message of the code, in the request's language" },
    status: { type: 'integer', description: 'HTTP status' },
    detail: { type: 'string', description: 'Vietnamese by default; English with Accept-Language: en' },
    code: { type: 'string', description: 'Stable error code (src/http/messages.ts)' },
    errors: {
      type: 'array',
      description: 'Field errors of a VALIDATION_FAILED',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'Request part and field, e.g. body.channel' },
          type: { type: 'string', description: 'joi rule, e.g. any.required' },
          message: { type: 'string', description: 'Message naming the field (Vietnamese label in Vietnamese)' },
        },
      },
    },
    requestId: { type: 'string', description: 'X-Request-Id of the request, to quote to an administrator' },
  },
  required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
  examples: [
    {
      type: 'urn:motcua:problem:VALIDATION_FAILED',
      title: 'Dữ liệu gửi lên không hợp lệ.',
      status: 400,
      detail: 'Dữ liệu gửi lên không hợp lệ.',
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body.channel', type: 'any.required', message: 'Kênh tiếp nhận (channel) là bắt buộc' }],
      requestId: '5f0c2b1e-7a49-4d3e-9a51-0c1d2e3f4a5b',
    },
  ],
};

const isFile = (r: EndpointSpec['response']): r is FileResponse => r !== null && 'files' in r;

function parameters(spec: EndpointSpec, where: 'path' | 'query'): object[] {
  const schema = where === 'path' ? spec.schema?.params : spec.schema?.query;
  if (!schema) return [];
  const json = toJsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  const examples = (where === 'path' ? spec.examples.params : spec.examples.query) ?? {};
  const rules = keyRules(schema);
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description: own, ...rest } = s;
    const description = [own, ...rules.filter((r) => r.peers.includes(name)).map((r) => r.text)]
      .filter(Boolean)
      .join(' ');
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
      ...(examples[name] !== undefined ? { example: examples[name] } : {}),
    };
  });
}

function success(spec: EndpointSpec): object {
  const { response } = spec;
  if (response === null) return { description: 'Thành công, không có nội dung — Success, no content' };
  const json = isFile(response) ? response.json : response;
  const content: Record<string, object> = {};
  if (json) {
    const schema = toJsonSchema(json as Joi.Schema);
    content['application/json'] = { schema, example: spec.examples.response ?? exampleOf(schema) };
  }
  for (const type of isFile(response) ? response.files : [])
    content[type] = { schema: { type: 'string', contentMediaType: type } };
  return {
    description: isFile(response) ? 'Tệp hoặc JSON — File (or JSON with format=json)' : 'Thành công — Success',
    content,
  };
}

/** A plausible value of a schema, for an operation without a hand-written answer example. */
export function exampleOf(schema: JsonSchema): unknown {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) return exampleOf(schema.anyOf[0] as JsonSchema);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, exampleOf(s)]));
    }
    case 'array':
      return schema.items ? [exampleOf(schema.items as JsonSchema)] : [];
    case 'string':
      if (schema.format === 'uuid') return '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f';
      if (schema.format === 'date-time') return '2026-11-23T08:15:00+07:00';
      return 'string';
    case 'integer':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0.95;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return null;
  }
}

const rolesText = (spec: EndpointSpec) => (spec.access === 'public' ? 'public (no sign-in)' : spec.access.join(', '));

function operation(spec: EndpointSpec): Record<string, unknown> {
  const op: Record<string, unknown> = {
    summary: spec.summary,
    description: `${spec.description.vi}\n\n*English:* ${spec.description.en}\n\n**Access:** ${rolesText(spec)}`,
    operationId: `${spec.method}${spec.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c?: string) => (c ? c.toUpperCase() : ''))}`,
    tags: [spec.tag],
    parameters: [...parameters(spec, 'path'), ...parameters(spec, 'query')],
    responses: {
      [String(spec.status ?? (spec.response === null ? 204 : 200))]: success(spec),
      default: {
        description: 'Problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    },
    ...(spec.access === 'public' ? { security: [] } : { 'x-roles': spec.access }),
  };
  if (spec.schema?.body) {
    op.requestBody = {
      required: true,
      content: {
        'application/json': {
          schema: toJsonSchema(spec.schema.body),
          ...(spec.examples.body !== undefined ? { example: spec.examples.body } : {}),
        },
      },
    };
  }
  if (spec.upload) {
    // A streamed multipart upload (files module): its form fields, and the file itself as binary.
    const fields = toJsonSchema(spec.upload.fields) as { properties?: Record<string, object> };
    const form = {
      ...fields,
      properties: {
        ...fields.properties,
        file: { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream' },
      },
    };
    const content = (op.requestBody as { content?: object } | undefined)?.content ?? {};
    op.requestBody = { required: true, content: { 'multipart/form-data': { schema: form }, ...content } };
  }
  return op;
}

/** Builds the OpenAPI 3.1 document from the same specs and joi schemas the routes use. */
export function buildOpenApi(
  specs: readonly EndpointSpec[],
  prefix: string,
  version: string,
  tags: ReadonlyMap<string, string> = new Map(),
): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const spec of specs) {
    const path = prefix + spec.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [spec.method]: operation(spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'motcua — một cửa điện tử API',
      version,
      description:
        'Hồ sơ thủ tục hành chính, thời hạn giải quyết và thống kê. — Administrative-procedure dossiers, deadlines and statistics.',
    },
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
