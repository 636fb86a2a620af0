import type { Role } from '../auth/roles.js';

/** Dossier states. Open ones have a running (or paused) deadline. */
export const STATUSES = ['received', 'processing', 'awaiting_supplement', 'paused', 'decided', 'returned', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES: readonly Status[] = ['received', 'processing', 'awaiting_supplement', 'paused'];

export const ACTIONS = [
  'assign', 'forward', 'send-back', 'request-supplement', 'receive-supplement', 'pause', 'resume',
  'transfer', 'apologize', 'decide', 'return-result', 'withdraw',
] as const;
export type Action = (typeof ACTIONS)[number];

interface Transition {
  from: readonly Status[];
  /** `same`: the state does not change; `resume`: back to the state before the pause. */
  to: Status | 'same' | 'resume';
  roles: readonly Role[];
}

/**
 * The lifecycle as data: state × action → state, and who may act (domain A4, B2). Every live action
 * and every imported history goes through this table.
 */
export const TRANSITIONS: Readonly<Record<Action, Transition>> = {
  assign: { from: ['received', 'processing'], to: 'processing', roles: ['leader', 'receptionist'] },
  forward: { from: ['received', 'processing'], to: 'processing', roles: ['receptionist', 'officer', 'leader'] },
  'send-back': { from: ['processing'], to: 'processing', roles: ['officer', 'leader'] },
  'request-supplement': { from: ['received', 'processing'], to: 'awaiting_supplement', roles: ['receptionist', 'officer', 'leader'] },
  'receive-supplement': { from: ['awaiting_supplement'], to: 'resume', roles: ['receptionist'] },
  pause: { from: ['received', 'processing'], to: 'paused', roles: ['receptionist', 'officer', 'leader'] },
  resume: { from: ['paused'], to: 'resume', roles: ['receptionist', 'officer', 'leader'] },
  transfer: { from: ['received', 'processing'], to: 'processing', roles: ['leader'] },
  apologize: { from: OPEN_STATUSES, to: 'same', roles: ['leader'] },
  decide: { from: OPEN_STATUSES, to: 'decided', roles: ['leader'] },
  'return-result': { from: ['decided'], to: 'returned', roles: ['receptionist'] },
  withdraw: { from: OPEN_STATUSES, to: 'withdrawn', roles: ['receptionist'] },
};

/** The state after `action`, or undefined when the action is not allowed in `status`. */
export function nextStatus(status: Status, action: Action, pausedFrom: Status | null): Status | undefined {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) return undefined;
  if (t.to === 'same') return status;
  if (t.to === 'resume') return pausedFrom ?? 'processing';
  return t.to;
}
