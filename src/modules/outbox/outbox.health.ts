import { AppError } from '../../http/errors.js';
import type { DispatcherStatus } from './outbox.dispatcher.js';

/**
 * The dispatcher's part of a process's /healthz: its state for the body, and the 503 problem when
 * the loop has stopped making rounds (hung on an attempt that never ends, or its loop ended). The
 * orchestrator restarts the process; the messages it held are taken again when their lease expires.
 */
export function dispatcherHealth(status: DispatcherStatus, iso: (d: Date | null) => string | null) {
  const state = {
    running: status.running,
    lastRoundAt: iso(status.lastRoundAt ?? null),
    lastActivityAt: iso(status.lastActivityAt ?? null),
    stalled: status.stalled,
  };
  const problem = status.stalled
    ? new AppError('OUTBOX_DISPATCHER_STALLED', {
        seconds: Math.round(status.silentMs / 1000),
        limit: Math.round(status.stallAfterMs / 1000),
      })
    : undefined;
  return { state, problem };
}
