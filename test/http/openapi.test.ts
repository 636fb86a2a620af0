import { strict as assert } from 'node:assert';
import { Validator } from '@seriousme/openapi-schema-validator';
import type Joi from 'joi';
import request from 'supertest';
import { API_PREFIX } from '../../src/app.js';
import { exampleOf } from '../../src/http/openapi.js';
import { responseProblems } from '../../src/http/response-check.js';
import { makeApp } from '../support/app.js';

type Schema = Record<string, unknown>;
type Operation = {
  summary: string;
  description: string;
  parameters: Array<{ name: string; in: string; description?: string }>;
  requestBody?: { content: Record<string, { schema: Schema; example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: Schema; example?: unknown }> }>;
};

/** Properties without a description, anywhere below a schema (`body.applicant.name`). */
function undescribed(schema: Schema, at: string): string[] {
  const found: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [key, child] of Object.entries(properties)) {
    const here = `${at}.${key}`;
    if (typeof child.description !== 'string' || child.description.length < 3) found.push(here);
    found.push(...undescribed(child, here));
    if (child.items) found.push(...undescribed(child.items as Schema, `${here}[]`));
  }
  return found;
}

const joiValid = (schema: Joi.Schema | undefined, value: unknown) =>
  schema?.validate(value, { abortEarly: false }).error?.message;

/** Issue 13 "Everyone": /docs describes every operation, in both languages, with examples and answers. */
describe('openapi: the reference at /docs', () => {
  const { app, specs } = makeApp();
  let doc: { paths: Record<string, Record<string, Operation>> } & Schema;

  before(async () => {
    doc = (await request(app).get('/openapi.json').expect(200)).body;
  });

  it('validates against the OpenAPI 3.1 schema', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const result = await new Validator().validate(doc);
    assert.ok(result.valid, JSON.stringify(result.errors, null, 1)?.slice(0, 3000));
  });

  it('has no converter artefacts (x-required, empty oneOf) anywhere', () => {
    const text = JSON.stringify(doc);
    assert.doesNotMatch(text, /x-required/);
    assert.doesNotMatch(text, /"oneOf":\[\{[^}]*\}\]/);
  });

  it('gives every operation a Vietnamese and English description and a success answer', () => {
    let operations = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        operations++;
        const where = `${method} ${path}`;
        assert.match(op.description, /\*English:\* \S/, `${where}: English description`);
        assert.ok(op.description.split('*English:*')[0]!.trim().length > 10, `${where}: Vietnamese description`);
        assert.match(
          op.description.split('*English:*')[0]!,
          /[àáảãạăâđèéêìíòóôơùúưỳýạ-ỹ]/i,
          `${where}: the first description is Vietnamese`,
        );
        const success = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
        assert.equal(success.length, 1, `${where}: one success answer`);
        const [status, answer] = success[0]!;
        if (status !== '204')
          assert.ok(answer.content && Object.keys(answer.content).length > 0, `${where}: success content`);
        const json = answer.content?.['application/json'];
        if (json) {
          assert.ok(json.schema.type || json.schema.anyOf, `${where}: a response schema`);
          assert.ok(json.example !== undefined, `${where}: a response example`);
        }
      }
    }
    assert.ok(operations >= 60, `${operations} operations`);
  });

  it('describes every parameter and every body field, also nested ones', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters) if (!p.description) missing.push(`${method} ${path} ${p.in}.${p.name}`);
        const body = op.requestBody?.content['application/json']?.schema;
        if (body) missing.push(...undescribed(body, `${method} ${path} body`));
      }
    }
    assert.deepEqual(missing, []);
  });

  it('describes every field of every success answer', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, answer] of Object.entries(op.responses)) {
          const schema = answer.content?.['application/json']?.schema;
          if (/^2/.test(status) && schema) missing.push(...undescribed(schema, `${method} ${path} ${status}`));
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  it('says in words what joi checks across fields and in conditions', () => {
    const lookup = doc.paths['/api/v1/public/dossiers/{code}']!.get!;
    assert.match(lookup.parameters.find((p) => p.name === 'pin')!.description!, /Exactly one of pin, phone4\./);
    const decide = doc.paths['/api/v1/dossiers/{id}/decide']!.post!.requestBody!.content['application/json']!.schema;
    assert.match(
      (decide.properties as Record<string, Schema>).reason!.description as string,
      /Required when outcome = "rejected"\.$/,
    );
    const patch = doc.paths['/api/v1/agencies/{id}']!.patch!.requestBody!.content['application/json']!.schema;
    assert.equal(patch.minProperties, 1);
    assert.equal(patch.additionalProperties, false, 'unknown keys are refused, and the document says so');
  });

  it('gives every endpoint with a body a request example that its own joi schema accepts', () => {
    for (const spec of specs) {
      const where = `${spec.method} ${spec.path}`;
      if (spec.schema?.body) {
        assert.ok(spec.examples.body !== undefined, `${where}: a body example`);
        assert.equal(joiValid(spec.schema.body, spec.examples.body), undefined, `${where}: body example`);
      }
      if (spec.examples.params)
        assert.equal(joiValid(spec.schema?.params, spec.examples.params), undefined, `${where}: params example`);
      if (spec.examples.query)
        assert.equal(joiValid(spec.schema?.query, spec.examples.query), undefined, `${where}: query example`);
    }
  });

  it('shows answer examples that the declared response schema accepts', () => {
    for (const spec of specs) {
      const op = doc.paths[API_PREFIX + spec.path.replace(/:(\w+)/g, '{$1}')]![spec.method]!;
      const answer = Object.entries(op.responses).find(([status]) => /^2/.test(status))![1];
      const example = answer.content?.['application/json']?.example;
      if (example === undefined) continue;
      assert.deepEqual(responseProblems(spec, 200, example), [], `${spec.method} ${spec.path}`);
      assert.deepEqual(example, spec.examples.response ?? exampleOf(answer.content!['application/json']!.schema));
    }
  });
});

describe('openapi: answers are checked against their documented schema', () => {
  const { specs } = makeApp();
  const me = specs.find((s) => s.method === 'get' && s.path === '/auth/me')!;

  it('names a missing, a mistyped and an undocumented field of an answer', () => {
    const problems = responseProblems(me, 200, {
      id: 'x',
      username: 'a',
      fullName: 'b',
      roles: ['officer'],
      secret: 1,
    });
    assert.ok(
      problems.some((p) => /"id" must be a valid GUID/.test(p)),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => /"agencyId" is required/.test(p)),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => /"secret" is not allowed/.test(p)),
      problems.join('\n'),
    );
  });

  it('refuses JSON from an endpoint documented as empty', () => {
    const logout = specs.find((s) => s.path === '/auth/logout')!;
    assert.match(responseProblems(logout, 200, {})[0] ?? '', /declared no content/);
  });
});
