import assert from 'node:assert/strict';
import fc from 'fast-check';
import { uuidv7Generator, uuidv7Time } from '../../src/lib/uuid7.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('UUIDv7 ids (lib/uuid7)', () => {
  it('are RFC 9562 version 7, carry their millisecond, and increase strictly in the order made (property)', () => {
    // Instants from 1970 to 10889 (48 bits of milliseconds), in any order, repeated, or going back.
    const instant = fc.integer({ min: 0, max: 2 ** 48 - 5000 });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 300 }), (instants) => {
        const uuidv7 = uuidv7Generator();
        let previous = '';
        let latest = -1;
        for (const now of instants) {
          const id = uuidv7(now);
          assert.match(id, V7);
          assert.ok(id > previous, `${id} after ${previous}`);
          latest = Math.max(latest, now);
          // Its own millisecond, or a later one borrowed when the clock stepped back or 4,096 came in one.
          assert.ok(uuidv7Time(id) >= now, 'never earlier than its instant');
          previous = id;
        }
        assert.ok(uuidv7Time(previous) >= latest);
      }),
    );
  });

  it('keeps the order through a burst of more ids than one millisecond holds, and stays unique', () => {
    const uuidv7 = uuidv7Generator();
    const at = Date.UTC(2026, 11, 6, 9);
    const ids = Array.from({ length: 10_000 }, () => uuidv7(at + 10_000));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(uuidv7Time(ids.at(-1)!) <= at + 10_000 + 5, 'borrows a few milliseconds, no more');
  });
});
