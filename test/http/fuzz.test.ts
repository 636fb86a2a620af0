import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import { Agent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import request from 'supertest';
import { ROLES } from '../../src/modules/auth/roles.js';
import { bearer, createUser } from '../support/factories.js';
import { buildWorld } from '../modules/dossiers/world.js';

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: { 'application/json': { schema: { properties?: Record<string, unknown> } } } };
}
interface Route {
  method: string;
  path: string;
  query: string[];
  body: string[];
}

/** Percent-encodes every UTF-8 byte but the unreserved ones; a lone surrogate becomes U+FFFD, as a browser would send it. */
function encodeBytes(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9._~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');
}

/** Sends exactly these bytes of path and body (supertest and fetch would normalise both). */
function send(
  port: number,
  agent: Agent,
  method: string,
  path: string,
  headers: OutgoingHttpHeaders,
  body: string | undefined,
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    // Node frames a DELETE body only with an explicit length; unframed bytes would be read as the next
    // request on the kept-alive socket (the first DELETE route is the files one).
    const framed = body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) };
    const req = httpRequest(
      { host: '127.0.0.1', port, method: method.toUpperCase(), path, headers: framed, agent },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const nasty = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d', 'a', 'é', 'ư', ' ', '%', '/', '"', '\\'),
    maxLength: 12,
  }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00y',
    '',
    ' ',
    '2025-02-30',
    '9999-12-31T23:59:59Z',
    '-1',
    '1e400',
    'NaN',
    'null',
  ),
);

/** Cursors from arbitrary JSON, from plausible-but-wrong tuples, and raw garbage. */
const cursor = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc
    .array(
      fc.oneof(
        nasty,
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.uuid(),
        fc.constantFrom('2025-02-30T00:00:00.000Z', 'x'),
      ),
      { maxLength: 3 },
    )
    .map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc.string({ maxLength: 20 }),
);

/** A path segment: a real id or code, arbitrary text, or arbitrary (often broken) percent-encoded bytes. */
const rawBytes = fc
  .array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 })
  .map((bytes) => bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
const brokenEncoding = fc.constantFrom('%', '%E0%A4%A', '%ED%A0%80', '%00', '%zz', '%C0%AF', '%FF%FE', '..%2F..');

const headerText = fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s));
const headers = fc.record(
  {
    'content-encoding': fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'x-unknown', 'gzip, br'),
    'content-type': fc.constantFrom(
      'application/json',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
    ),
    'if-match': headerText,
    'idempotency-key': headerText,
    'accept-language': fc.constantFrom('en', 'vi', '*', 'xx;q=abc', ''),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage', '::1, 10.0.0.1'),
    'x-request-id': headerText,
  },
  { requiredKeys: [] },
);

/**
 * Every route of /openapi.json, reads and writes, staff and public: random and hostile params, query,
 * body and headers (NUL, lone surrogates, forged cursors, broken percent-encoding, bogus
 * Content-Encoding) never make the API answer a 5xx (issue 9 item 4).
 */
describe('fuzz: no input causes a 5xx', () => {
  it('every route survives hostile input, signed in or not', async function () {
    this.timeout(300_000);
    const w = await buildWorld();
    const dossier = await w.intake();
    const everyone = await createUser({ roles: [...ROLES], agencyId: w.department.id });
    const doc = (await request(w.app).get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes: Route[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method,
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: Object.keys(op.requestBody?.content['application/json'].schema.properties ?? {}),
      })),
    );
    assert.ok(routes.length >= 50, `${routes.length} routes`);
    assert.ok(
      routes.some((r) => r.method === 'get' && r.path.includes('/public/')),
      'public reads are fuzzed too',
    );

    const server = w.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const staffToken = bearer(everyone).Authorization;

    const param = fc.oneof(
      fc.constantFrom(dossier.id, dossier.code, '2027').map(encodeBytes),
      fc.uuid().map(encodeBytes),
      nasty.map(encodeBytes),
      fc.integer().map(String),
      rawBytes,
      brokenEncoding,
    );
    const auth = fc.constantFrom<'staff' | 'none' | 'garbage'>('staff', 'staff', 'none', 'garbage');
    try {
      for (const route of routes) {
        const queryKeys = [...route.query, 'cursor', 'limit', 'q', 'x'];
        const query = fc.dictionary(
          fc.constantFrom(...queryKeys),
          fc.oneof(nasty.map(encodeBytes), cursor.map(encodeBytes), rawBytes, brokenEncoding),
          { maxKeys: 4 },
        );
        const bodyKeys = [...route.body, 'version', 'reason', 'items', 'name', 'username', 'x'];
        const body = fc.oneof(
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
          fc
            .dictionary(
              fc.constantFrom(...bodyKeys),
              fc.oneof(
                nasty,
                fc.jsonValue({ maxDepth: 2 }),
                fc.array(nasty, { maxLength: 3 }),
                fc.dictionary(nasty, nasty, { maxKeys: 3 }),
              ),
            )
            .map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 40 }),
        );
        const numRuns = route.method === 'get' ? 40 : 60;
        await fc.assert(
          fc.asyncProperty(param, query, body, headers, auth, async (p, q, b, h, who) => {
            const search = Object.entries(q)
              .map(([k, v]) => `${k}=${v}`)
              .join('&');
            const path = route.path.replace(/\{\w+\}/g, p) + (search ? `?${search}` : '');
            const authorization = who === 'staff' ? staffToken : who === 'garbage' ? 'Bearer a.b.c' : undefined;
            const sent = route.method === 'get' ? undefined : b;
            const res = await send(
              port,
              agent,
              route.method,
              path,
              { ...h, ...(authorization ? { authorization } : {}) },
              sent,
            );
            assert.ok(
              res.status < 500,
              `${route.method.toUpperCase()} ${path} ${JSON.stringify(h)} ${sent ?? ''} → ${res.status} ${res.text}`,
            );
          }),
          { numRuns },
        );
      }
    } finally {
      agent.destroy();
      server.close();
    }
  });
});
