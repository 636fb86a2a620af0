import { randomUUID } from 'node:crypto';

/**
 * Time-ordered ids (RFC 9562 UUIDv7) for the rows every intake writes: a dossier, its messages. An index
 * on such ids grows at its right edge, where a random (v4) id takes a random page of it for every row
 * (docs/benchmarks.md, issue 12).
 *
 * Layout: 48 bits of Unix milliseconds, the version `7`, a 12-bit counter in `rand_a` (RFC 9562 §6.2,
 * method 1) so that ids made in one millisecond by this process still sort in the order they were made,
 * and the 62 random bits of a v4 UUID from `crypto.randomUUID`, whose variant bits are already `10`.
 * `randomUUID` draws from Node's cached entropy; the `uuid` package's v7 asked the system for 16 fresh
 * bytes per id (`crypto.getRandomValues`), 1.4 % of the API's CPU per intake with three messages.
 *
 * From one generator the ids increase strictly: a millisecond's counter starts at a random value below
 * 2^11, leaving at least 2,048 ids for that millisecond, and when it runs out, or the clock steps back,
 * the ids borrow the next millisecond. Uniqueness across processes rests on the 62 random bits.
 */
export function uuidv7Generator(): (now?: number) => string {
  let lastMs = -1;
  let counter = 0;
  return (now = Date.now()) => {
    if (now > lastMs) {
      lastMs = now;
      counter = Math.floor(Math.random() * 0x800);
    } else if (++counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    const ms = lastMs.toString(16).padStart(12, '0');
    const random = randomUUID(); // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx, V in 8..b
    return `${ms.slice(0, 8)}-${ms.slice(8)}-${(0x7000 | counter).toString(16)}-${random.slice(19)}`;
  };
}

/** The process's generator: its ids increase in the order made. */
export const uuidv7 = uuidv7Generator();

/** The millisecond a UUIDv7 was made at. */
export function uuidv7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
