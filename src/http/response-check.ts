import type Joi from 'joi';
import type { EndpointSpec } from './endpoint.js';

/**
 * What is wrong with a JSON success answer against its endpoint's declared response schema (issue 13
 * "Everyone"): the schema is the documentation, so tests run every answer through this.
 */
export function responseProblems(spec: EndpointSpec, status: number, body: unknown): string[] {
  const where = `${spec.method.toUpperCase()} ${spec.path} → ${status}`;
  const { response } = spec;
  const schema = response !== null && 'files' in response ? response.json : response;
  if (!schema) return [`${where}: declared ${response === null ? 'no content' : 'a file'} but answered JSON`];
  const { error } = (schema as Joi.Schema).validate(body, { abortEarly: false, convert: false });
  return (error?.details ?? [])
    .slice(0, 10)
    .map((d) => `${where}: ${d.message} (at ${d.path.join('.') || 'the root'})`);
}
