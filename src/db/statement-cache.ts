import pg from 'pg';

/**
 * Server-side prepared statements for the application's repeated writes, on PostgreSQL
 * (`DATABASE_STATEMENT_CACHE`).
 *
 * node-postgres sends every parameterized query unnamed: PostgreSQL parses, analyses and rewrites its
 * text each time, and the text (2 kB for a dossier's insert with its returned columns) crosses the socket
 * each time. A named statement is parsed once per connection; later executions send only its name and
 * values. Drizzle builds the same text for the same query, so the text itself is the key: a text seen a
 * second time gets a name, as the statement caches of pgx (Go) and asyncpg (Python) do. Measured on an
 * intake with three outbox messages: the event's statement with its messages 0.30 → 0.20 ms, and the
 * intake over HTTP faster with notifications on or off (docs/benchmarks.md, issue 12).
 *
 * - Only writes are named: a statement that begins with INSERT, UPDATE or DELETE, or with a CTE that
 *   does. After five executions PostgreSQL may run a named statement on a generic plan, made without
 *   the values; a write by key has one plan whatever its values, while a list's best plan depends on
 *   which agency asks. Reads keep being planned for their values (the citizen's lookup has its own
 *   named statement, `dossier.public-view.ts`).
 * - Only parameterized queries: they already use the extended protocol, which takes one statement.
 *   Texts without values (BEGIN, COMMIT, migrations) keep the simple protocol.
 * - At most `limit` texts are named per pool, first come first served, and never forgotten, so a
 *   connection holds at most `limit` statements; texts past the limit run unnamed.
 * - A pooler in transaction mode must keep prepared statements per client (PgBouncer ≥ 1.21), as the
 *   citizen's lookup already needs; `DATABASE_STATEMENT_CACHE=0` turns the cache off.
 */
const WRITE = /^\s*(?:(?:insert|update|delete)\b|with\s+(?:recursive\s+)?(?:"[^"]+"|\w+)\s+as\s+\(\s*(?:insert|update|delete)\b)/i;

/** Whether a statement's text is a write that `statementNames` may name. */
export function isWrite(text: string): boolean {
  return WRITE.test(text);
}

export function statementNames(limit: number) {
  const names = new Map<string, string>();
  // Texts seen once: a one-off text is not worth a statement on every connection.
  const seen = new Set<string>();
  return (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= limit || !isWrite(text)) return known;
    if (!seen.has(text)) {
      if (seen.size >= 4 * limit) seen.clear();
      seen.add(text);
      return undefined;
    }
    seen.delete(text);
    const name = `motcua_${names.size + 1}`;
    names.set(text, name);
    return name;
  };
}

interface QueryConfigLike {
  text?: unknown;
  name?: unknown;
  values?: unknown;
  submit?: unknown;
}

/**
 * A node-postgres `Client` class whose parameterized queries are named by `statementNames(limit)`, shared by
 * the pool's connections (`new pg.Pool({ Client })`); each connection parses a name on its first use.
 */
export function statementCachingClient(limit: number): typeof pg.Client {
  const nameOf = statementNames(limit);
  const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  return class StatementCachingClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      // An override in the class body would have to restate every overload of `query`.
      this.query = ((config: unknown, values?: unknown, callback?: unknown) => {
        const c = config as QueryConfigLike | null;
        const parameterized =
          (Array.isArray(values) && values.length > 0) || (Array.isArray(c?.values) && c.values.length > 0);
        // A `submit` method marks a Query or Cursor object, which manages its own protocol.
        if (c && typeof c === 'object' && typeof c.text === 'string' && c.name === undefined && !c.submit && parameterized) {
          const name = nameOf(c.text);
          if (name) config = { ...c, name };
        }
        return query.call(this, config, values, callback);
      }) as pg.Client['query'];
    }
  };
}
