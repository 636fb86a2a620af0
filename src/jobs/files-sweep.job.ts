import type { Tx } from '../db/client.js';
import type { JobDefinition } from './scheduler.js';

/**
 * The nightly sweep of the files module (issue 15): stored content no dossier file needs and stale
 * upload temp files, older than FILES_ORPHAN_GRACE_HOURS; the files service does the work.
 */
export function filesSweepJob(cron: string, sweep: (tx: Tx) => Promise<Record<string, unknown>>): JobDefinition {
  return { name: 'files-sweep', cron, run: (tx) => sweep(tx) };
}
