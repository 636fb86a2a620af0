/**
 * COPY FROM STDIN in PostgreSQL's text format: one round trip and no parameter parsing per batch,
 * several times cheaper for the server than a multi-row INSERT of the same rows (issue 14).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type Cell = string | number | null;

/** Text-format escaping: backslash, tab, newline and carriage return; null is `\N`. */
function cell(value: Cell): string {
  if (value === null) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}

/** Rows of one table, accumulated as COPY text lines. */
export class CopyBuffer {
  private lines: string[] = [];
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  push(row: readonly Cell[]): void {
    this.lines.push(row.map(cell).join('\t'));
  }

  get size(): number {
    return this.lines.length;
  }

  async flush(client: pg.PoolClient): Promise<void> {
    if (this.lines.length === 0) return;
    const body = `${this.lines.join('\n')}\n`;
    this.lines = [];
    const stream = client.query(copyFrom(`copy ${this.table} (${this.columns.join(', ')}) from stdin`));
    await pipeline(Readable.from([body]), stream);
  }
}
