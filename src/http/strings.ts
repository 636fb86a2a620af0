/**
 * A NUL or an unpaired UTF-16 surrogate: PostgreSQL refuses both in text and jsonb (22021/22P05),
 * so a string holding one must be refused at the edge (issue 9 item 4).
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point of this pattern
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasUnstorableCharacter(value: string): boolean {
  return UNSTORABLE.test(value);
}
