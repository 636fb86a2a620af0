/**
 * What may be logged of an error (issue 9 item 7). A database error's message embeds the failed
 * query with its parameters (Drizzle: "Failed query: … params: …") and PostgreSQL's own message or
 * detail can quote values ("Key (username)=(…)", "invalid input syntax …: \"…\""), so for those
 * only the SQLSTATE, constraint, table, column and the first words of the query are kept — never
 * parameter values or messages. Other errors keep their name, message and stack frames.
 */
export interface SafeError {
  type: string;
  message?: string;
  sqlState?: string;
  constraint?: string;
  table?: string;
  column?: string;
  query?: string;
  stack?: string;
}

type Fields = {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  query?: unknown;
  params?: unknown;
  cause?: unknown;
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** `insert into "dossiers"`, `update "users"`: the statement and its table, no values. */
export function queryName(query: string): string {
  const words = query.replace(/\s+/g, ' ').trim().split(' ');
  const first = words[0]?.toLowerCase() ?? '';
  const tableAt = first === 'insert' || first === 'delete' ? 3 : first === 'update' ? 2 : first === 'with' ? 2 : 4;
  return words.slice(0, tableAt).join(' ').slice(0, 80);
}

/** Stack frames only: the first line of `stack` repeats the message. */
function frames(error: Error): string | undefined {
  return error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 12)
    .join('\n');
}

export function safeError(error: unknown): SafeError {
  const chain: Array<Error & Fields> = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = (e as Fields).cause, depth++)
    chain.push(e as Error & Fields);
  const top = chain[0];
  if (!top) return { type: typeof error, message: typeof error === 'string' ? '[non-Error thrown]' : undefined };
  const sqlState = chain.map((e) => text(e.code)).find((c) => c !== undefined && /^[0-9A-Z]{5}$/.test(c));
  const query = chain.map((e) => text(e.query)).find(Boolean);
  const fromDatabase = sqlState !== undefined || query !== undefined || chain.some((e) => e.params !== undefined);
  if (!fromDatabase) return { type: top.name, message: top.message, stack: frames(top) };
  const pick = (key: 'constraint' | 'table' | 'column') => chain.map((e) => text(e[key])).find(Boolean);
  return {
    type: chain.map((e) => e.name).join(' < '),
    sqlState,
    constraint: pick('constraint'),
    table: pick('table'),
    column: pick('column'),
    query: query ? queryName(query) : undefined,
    stack: frames(top),
  };
}

/** One line for places that store a reason (job_runs.error): the message, or the database summary. */
export function safeErrorText(error: unknown): string {
  const e = safeError(error);
  if (e.message !== undefined) return e.message;
  const where = [
    e.table && `table ${e.table}`,
    e.constraint && `constraint ${e.constraint}`,
    e.column && `column ${e.column}`,
    e.query && `in ${e.query}`,
  ];
  return [`database error ${e.sqlState ?? '(no SQLSTATE)'}`, ...where.filter(Boolean)].join(', ');
}
