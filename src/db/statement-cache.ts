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
 * intake with three outbox messages: the event's statement with its messages 0.40 → 0.28 ms, the event
 * alone 0.20 → 0.17 ms (scripts/bench/statement-cache.ts; docs/benchmarks.md, issue 12).
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
const WRITE =
  /^\s*(?:(?:insert|update|delete)\b|with\s+(?:recursive\s+)?(?:"[^"]+"|\w+)\s+as\s+\(\s*(?:insert|update|delete)\b)/i;

/** Whether a statement's text is a write that `statementNames` may name. */
export function isWrite(text: string): boolean {
  return WRITE.test(text);
}

/** Texts longer than this (a long list of rows, say) run unnamed: each would hold memory on every connection. */
const MAX_TEXT = 8192;

/**
 * Which texts have a name: `nameOf` names a write at its second sighting, up to `limit` names; `forget`
 * drops a text whose statement a connection lost (see `statementCachingClient`), so it gets a new name.
 */
export function statementNames(limit: number) {
  const names = new Map<string, string>();
  // Texts seen once: a one-off text is not worth a statement on every connection.
  const seen = new Set<string>();
  let made = 0; // never reused: a forgotten name may live on in some connection
  return {
    nameOf(text: string): string | undefined {
      const known = names.get(text);
      if (known !== undefined || names.size >= limit || text.length > MAX_TEXT || !isWrite(text)) return known;
      if (!seen.has(text)) {
        if (seen.size >= 4 * limit) seen.clear();
        seen.add(text);
        return undefined;
      }
      seen.delete(text);
      const name = `motcua_${++made}`;
      names.set(text, name);
      return name;
    },
    forget(text: string): void {
      names.delete(text);
    },
  };
}

/**
 * The server no longer has the statement on this connection (26000: closed by a `DEALLOCATE`, or by
 * node-postgres after a value failed to serialise) or cannot run it any more (0A000: "cached plan must not
 * change result type", after a migration changed a returned column). node-postgres would send the name
 * again and again; the query fails once, and the text gets a new name, parsed anew on every connection.
 */
const LOST_STATEMENT = new Set(['26000', '0A000']);

interface QueryConfigLike {
  text?: unknown;
  name?: unknown;
  values?: unknown;
  submit?: unknown;
}

/**
 * A node-postgres `Client` class whose parameterized queries are named by `statementNames(limit)`, shared by
 * the pool's connections (`new pg.Pool({ Client })`); each connection parses a name on its first use.
 * `Base` is the class it extends (a test's recorder; node-postgres's `Client` otherwise).
 */
export function statementCachingClient(limit: number, Base: typeof pg.Client = pg.Client): typeof pg.Client {
  const registry = statementNames(limit);
  const query = Base.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  const lost = (error: unknown, text: string) => {
    if (LOST_STATEMENT.has((error as { code?: string } | null)?.code ?? '')) registry.forget(text);
  };
  return class StatementCachingClient extends Base {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      // An override in the class body would have to restate every overload of `query`.
      this.query = ((config: unknown, values?: unknown, callback?: unknown) => {
        const c = config as QueryConfigLike | null;
        const parameterized =
          (Array.isArray(values) && values.length > 0) || (Array.isArray(c?.values) && c.values.length > 0);
        // A `submit` method marks a Query or Cursor object, which manages its own protocol.
        if (
          !c ||
          typeof c !== 'object' ||
          typeof c.text !== 'string' ||
          c.name !== undefined ||
          c.submit ||
          !parameterized
        )
          return query.call(this, config, values, callback);
        const text = c.text;
        const name = registry.nameOf(text);
        if (!name) return query.call(this, config, values, callback);
        const named = { ...c, name };
        // pg-pool passes a callback (`pool.query`); Drizzle in a transaction awaits the promise.
        if (typeof callback === 'function')
          return query.call(this, named, values, (error: unknown, result: unknown) => {
            if (error) lost(error, text);
            (callback as (e: unknown, r: unknown) => void)(error, result);
          });
        if (typeof values === 'function')
          return query.call(this, named, (error: unknown, result: unknown) => {
            if (error) lost(error, text);
            (values as (e: unknown, r: unknown) => void)(error, result);
          });
        return (query.call(this, named, values) as Promise<unknown>).catch((error: unknown) => {
          lost(error, text);
          throw error;
        });
      }) as pg.Client['query'];
    }
  };
}
