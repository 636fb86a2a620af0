import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { messages, renderMessage, type ErrorCode } from '../../src/http/messages.js';
import { makeApp } from '../support/app.js';
import { bearer, createUser } from '../support/factories.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The params each code is thrown with, read from the throw sites: every `'CODE'` in src must sit
 * inside `new AppError(…)` with an object literal, whose keys are collected.
 */
function throwSiteParams(code: string): Array<{ where: string; keys: string[] | undefined }> {
  const sites: Array<{ where: string; keys: string[] | undefined }> = [];
  for (const file of sourceFiles('src')) {
    if (file.endsWith('messages.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(new RegExp(`'${code}'`, 'g'))) {
      const start = text.lastIndexOf('new AppError(', m.index);
      const line = text.slice(0, m.index).split('\n').length;
      const where = `${file}:${line}`;
      // The call must open on the same statement, before the code.
      if (start < 0 || text.slice(start, m.index).includes(';')) {
        sites.push({ where, keys: undefined });
        continue;
      }
      const open = text.indexOf('{', m.index);
      const close = text.indexOf('}', open);
      const literal = open > 0 && !text.slice(m.index, open).includes(')') ? text.slice(open + 1, close) : undefined;
      sites.push({
        where,
        keys: literal
          ?.split(',')
          .map((part) => part.split(':')[0]!.trim())
          .filter(Boolean),
      });
    }
  }
  return sites;
}

describe('messages: every placeholder is filled, in both languages (issue 9 item 5, issue 13)', () => {
  const { app } = makeApp();
  const codes = Object.keys(messages) as ErrorCode[];

  it('has the same placeholders in Vietnamese and English for every code', () => {
    for (const code of codes) assert.deepEqual(placeholders(messages[code].vi), placeholders(messages[code].en), code);
  });

  it('throws every code that has placeholders with params that fill them all', () => {
    let checked = 0;
    for (const code of codes) {
      const needed = placeholders(messages[code].en);
      if (needed.length === 0) continue;
      const sites = throwSiteParams(code);
      assert.ok(
        sites.length > 0,
        `${code} has placeholders but is never thrown: remove it or throw it with ${needed.join(', ')}`,
      );
      for (const site of sites) {
        assert.ok(
          site.keys,
          `${site.where}: ${code} must be thrown as new AppError('${code}', { ${needed.join(', ')} })`,
        );
        for (const key of needed)
          assert.ok(site.keys.includes(key), `${site.where}: ${code} is thrown without {${key}}`);
        const params = Object.fromEntries(site.keys.map((k) => [k, `<${k}>`]));
        for (const lang of ['vi', 'en'] as const) {
          const text = renderMessage(code, lang, params);
          assert.doesNotMatch(text, /\{\w+\}/, `${site.where}: ${code} (${lang}) renders as "${text}"`);
        }
        checked++;
      }
    }
    assert.ok(checked >= 8, `${checked} throw sites checked`);
  });

  it('fills the placeholders of the problem title over HTTP too (the English title kept a raw {max})', async () => {
    const user = await createUser({ roles: ['officer'] });
    const res = await request(app)
      .get('/api/v1/calendar/days')
      .query({ from: '2026-01-01', to: '2028-01-01' })
      .set(bearer(user))
      .set('Accept-Language', 'en')
      .expect(400);
    assert.equal(res.body.code, 'DATE_RANGE_TOO_LONG');
    assert.match(res.body.title, /at most \d+ days/);
    const vi = await request(app)
      .get('/api/v1/calendar/days')
      .query({ from: '2026-01-01', to: '2028-01-01' })
      .set(bearer(user))
      .expect(400);
    assert.match(vi.body.title, /tối đa \d+ ngày/, 'the title is Vietnamese by default');
  });

  it('renders codes without placeholders unchanged in both languages', () => {
    for (const code of codes.filter((c) => placeholders(messages[c].en).length === 0)) {
      for (const lang of ['vi', 'en'] as const) assert.equal(renderMessage(code, lang), messages[code][lang]);
    }
  });
});
