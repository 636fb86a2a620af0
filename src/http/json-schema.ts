import type Joi from 'joi';
import { fieldDescription } from './field-docs.js';

/**
 * joi → JSON Schema 2020-12 (the dialect of OpenAPI 3.1), read from `schema.describe()`: the same
 * joi objects validate requests and, in tests, answers, so /docs shows exactly what is enforced.
 * Replaces joi-to-swagger, whose OpenAPI 3.0 output left artefacts such as `oneOf: [{ x-required }]`.
 */
export type JsonSchema = Record<string, unknown>;

interface Description {
  type: string;
  flags?: Record<string, unknown> & { presence?: string; description?: string; only?: boolean; unknown?: boolean };
  rules?: Array<{ name: string; args?: Record<string, unknown> }>;
  allow?: unknown[];
  keys?: Record<string, Description>;
  items?: Description[];
  matches?: Array<{
    schema?: Description;
    ref?: unknown;
    is?: Description;
    then?: Description;
    otherwise?: Description;
  }>;
  whens?: Array<{ ref?: { path?: string[] }; is?: Description; then?: Description; otherwise?: Description }>;
  patterns?: Array<{ regex?: string; schema?: Description; rule: Description }>;
  examples?: unknown[];
  dependencies?: Array<{ rel: string; peers: string[] }>;
}

/** `/^\d{4}$/i` as joi describes it → `^\d{4}$` (JSON Schema patterns carry no flags). */
const pattern = (regex: unknown) =>
  String(regex)
    .replace(/^\//, '')
    .replace(/\/[a-z]*$/, '');

function stringSchema(d: Description, out: JsonSchema): void {
  for (const rule of d.rules ?? []) {
    const limit = rule.args?.limit;
    if (rule.name === 'min') out.minLength = limit;
    if (rule.name === 'max') out.maxLength = limit;
    if (rule.name === 'length') Object.assign(out, { minLength: limit, maxLength: limit });
    if (rule.name === 'pattern') out.pattern = pattern(rule.args?.regex);
    if (rule.name === 'guid') out.format = 'uuid';
    if (rule.name === 'email') out.format = 'email';
    if (rule.name === 'isoDate') out.format = 'date-time';
  }
}

function numberSchema(d: Description, out: JsonSchema): void {
  for (const rule of d.rules ?? []) {
    const limit = rule.args?.limit;
    if (rule.name === 'integer') out.type = 'integer';
    if (rule.name === 'min') out.minimum = limit;
    if (rule.name === 'max') out.maximum = limit;
    if (rule.name === 'greater') out.exclusiveMinimum = limit;
    if (rule.name === 'less') out.exclusiveMaximum = limit;
  }
}

/** The values of a `when` condition; joi marks `Joi.valid()` overrides with an `{ override: true }` entry. */
const valueText = (is: Description | undefined) =>
  (is?.allow ?? [])
    .filter((v) => typeof v !== 'object' || v === null)
    .map((v) => JSON.stringify(v))
    .join(' | ') || '…';

/** Conditions (`when`) cannot be said in a property's own schema: they are said in words. */
function conditions(d: Description): string[] {
  const said: string[] = [];
  for (const w of d.whens ?? []) {
    const field = (w.ref?.path ?? []).join('.');
    const when = `${field} = ${valueText(w.is)}`;
    if (w.then?.flags?.presence === 'required') said.push(`Required when ${when}.`);
    if (w.then?.allow?.length) said.push(`When ${when}: one of ${valueText(w.then)}.`);
    if (w.otherwise?.flags?.presence === 'forbidden') said.push(`Only when ${when}.`);
  }
  return said;
}

function objectSchema(d: Description, out: JsonSchema): void {
  out.type = 'object';
  if (!d.keys) {
    // Joi.object() without keys takes any object (e.g. an event's data).
    if (d.patterns?.length) out.additionalProperties = toJsonSchema(d.patterns[0]!.rule);
    return;
  }
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, child] of Object.entries(d.keys)) {
    if (child.flags?.presence === 'forbidden') continue;
    properties[key] = toJsonSchema(child, key);
    if (child.flags?.presence === 'required') required.push(key);
  }
  out.properties = properties;
  if (required.length > 0) out.required = required;
  for (const rule of d.rules ?? []) if (rule.name === 'min') out.minProperties = rule.args?.limit;
  if (!d.flags?.unknown) out.additionalProperties = false;
}

const relations: Record<string, (peers: string) => string> = {
  xor: (peers) => `Exactly one of ${peers}.`,
  oxor: (peers) => `At most one of ${peers}.`,
  or: (peers) => `At least one of ${peers}.`,
  and: (peers) => `${peers}: all or none.`,
  nand: (peers) => `Not all of ${peers}.`,
};

/** The rules between the keys of an object (`xor('pin', 'phone4')`), in words, with the keys they bind. */
export function keyRules(schema: Joi.Schema): Array<{ peers: string[]; text: string }> {
  const d = schema.describe() as Description;
  return (d.dependencies ?? []).flatMap((dep) => {
    const say = relations[dep.rel];
    return say ? [{ peers: dep.peers, text: say(dep.peers.join(', ')) }] : [];
  });
}

/** The JSON Schema of a joi schema; `key` names the field, for its default description. */
export function toJsonSchema(schema: Joi.Schema | Description, key?: string): JsonSchema {
  const d = (
    typeof (schema as Joi.Schema).describe === 'function' ? (schema as Joi.Schema).describe() : schema
  ) as Description;
  const out: JsonSchema = {};
  const allow = d.allow ?? [];
  const nullable = allow.includes(null);
  const values = allow.filter((v) => v !== null && v !== '' && typeof v !== 'object');
  switch (d.type) {
    case 'string':
      out.type = 'string';
      stringSchema(d, out);
      break;
    case 'number':
      out.type = 'number';
      numberSchema(d, out);
      break;
    case 'boolean':
      out.type = 'boolean';
      break;
    case 'date':
      Object.assign(out, { type: 'string', format: 'date-time' });
      break;
    case 'object':
      objectSchema(d, out);
      break;
    case 'array': {
      out.type = 'array';
      const items = (d.items ?? []).map((i) => toJsonSchema(i));
      if (items.length === 1) out.items = items[0];
      if (items.length > 1) out.items = { anyOf: items };
      for (const rule of d.rules ?? []) {
        if (rule.name === 'min') out.minItems = rule.args?.limit;
        if (rule.name === 'max') out.maxItems = rule.args?.limit;
        if (rule.name === 'unique') out.uniqueItems = true;
      }
      break;
    }
    case 'alternatives':
      out.anyOf = (d.matches ?? []).flatMap((m) => (m.schema ? [toJsonSchema(m.schema)] : []));
      break;
    // Joi.link (the agency tree's children): the same shape as the enclosing node.
    case 'link':
      Object.assign(out, { type: 'object', description: 'Cùng dạng với nút cha — same shape as the parent node' });
      break;
    default:
      break; // any: every JSON value
  }
  if (d.flags?.only && values.length > 0) out.enum = nullable ? [...values, null] : values;
  if (nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  // Values allowed besides the type (`parentId=root` next to UUIDs) widen it.
  if (!d.flags?.only && values.length > 0 && d.type !== 'any')
    return withDocs({ anyOf: [out, { enum: values }] }, d, key);
  return withDocs(out, d, key);
}

function withDocs(out: JsonSchema, d: Description, key: string | undefined): JsonSchema {
  const flags = d.flags ?? {};
  if (flags.default !== undefined && typeof flags.default !== 'function') out.default = flags.default;
  const description = [flags.description ?? (key ? fieldDescription(key) : undefined), ...conditions(d)]
    .filter(Boolean)
    .join(' ');
  if (description) out.description = description;
  if (d.examples?.length) out.examples = d.examples;
  return out;
}
