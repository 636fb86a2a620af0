import { strict as assert } from 'node:assert';
import { demoAgencies } from '../../src/seed/demo-data.js';

/** `Sơn Nam` → `sonnam`: the ASCII form people type in a username. */
const plain = (name: string) =>
  name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').replace(/\s+/g, '').toLowerCase();

/** Issue 13 "Everyone": the demo user `sondong.*` belonged to "UBND phường Sơn Nam". */
describe('demo data: usernames match the agency they belong to', () => {
  it('keys every commune and ward by its own name, so <key>.<role> names the right agency', () => {
    const communes = demoAgencies.filter((a) => a.level === 'commune');
    assert.ok(communes.length >= 10);
    for (const a of communes) {
      const place = a.name.replace(/^UBND (phường|xã) /, '');
      assert.equal(a.key, plain(place), `${a.name} is keyed "${a.key}"`);
    }
    assert.ok(demoAgencies.some((a) => a.key === 'sonnam' && a.name === 'UBND phường Sơn Nam'));
  });

  it('has unique keys', () => {
    assert.equal(new Set(demoAgencies.map((a) => a.key)).size, demoAgencies.length);
  });
});
