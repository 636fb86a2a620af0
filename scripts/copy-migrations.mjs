// tsc compiles TypeScript only; the committed SQL migrations travel next to the compiled db client.
import { cpSync } from 'node:fs';

cpSync('src/db/migrations', 'dist/src/db/migrations', { recursive: true });
