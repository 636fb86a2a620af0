import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpResult, isResult, jsonPoster } from '../../../src/modules/outbox/channels/channel.js';

describe('outbox: the HTTP channels’ client (node:http with a keep-alive agent)', () => {
  let server: Server;
  let url: string;
  let connections = 0;
  const bodies: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        if (req.url === '/moved') res.writeHead(302, { location: '/ok' }).end();
        else if (req.url === '/cut') {
          // Promises 100 bytes, sends 5, then drops the connection.
          res.writeHead(200, { 'content-length': '100' });
          res.write('{"err');
          setTimeout(() => res.socket?.destroy(), 20);
        } else if (req.url === '/slow-body') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{');
          setTimeout(() => res.end('}'), 1500);
        } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"error":0}');
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the body byte for byte and keeps one connection for consecutive messages', async () => {
    const poster = jsonPoster(`${url}/ok`);
    const before = connections;
    const body = JSON.stringify({ text: 'Đã tiếp nhận hồ sơ', n: 1 });
    for (let i = 0; i < 5; i++)
      assert.deepEqual(await poster.post(body, { 'idempotency-key': `k${i}` }, 2000), {
        status: 200,
        text: '{"error":0}',
      });
    assert.equal(bodies.at(-1), body);
    assert.equal(connections - before, 1, 'kept alive');
    poster.close();
  });

  it('does not follow a redirect: a 3xx is a failure to retry', async () => {
    const poster = jsonPoster(`${url}/moved`);
    const answer = await poster.post('{}', {}, 2000);
    assert.ok(!isResult(answer));
    assert.equal(answer.status, 302);
    assert.deepEqual(httpResult(answer.status, answer.text), {
      ok: false,
      permanent: false,
      statusCode: 302,
      error: 'HTTP 302',
    });
    poster.close();
  });

  it('counts an answer cut off, and a body still arriving at the time limit, as transient failures', async () => {
    const cut = jsonPoster(`${url}/cut`);
    const answer = await cut.post('{}', {}, 2000);
    assert.ok(isResult(answer) && !answer.ok && !answer.permanent, JSON.stringify(answer));
    cut.close();
    const slow = jsonPoster(`${url}/slow-body`);
    const started = performance.now();
    assert.deepEqual(await slow.post('{}', {}, 500), { ok: false, permanent: false, error: 'timeout after 500 ms' });
    assert.ok(performance.now() - started < 1400, 'the time limit covers the whole answer');
    slow.close();
  });

  it('reports a refused connection as a transient failure without the address in full', async () => {
    const refused = jsonPoster('http://127.0.0.1:1/portal');
    const answer = await refused.post('{}', {}, 2000);
    assert.ok(isResult(answer) && !answer.ok);
    assert.equal(answer.permanent, false);
    assert.match(answer.error, /ECONNREFUSED/);
    assert.doesNotMatch(answer.error, /127\.0\.0\.1/, 'digit runs are masked like phone numbers');
    refused.close();
  });
});
