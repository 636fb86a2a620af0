import type { Role } from '../../lib/roles.js';
import { OPEN_STATUSES, STATUSES, type Status } from '../../lib/values.js';

export { OPEN_STATUSES, STATUSES, type Status };

/** What staff do to a dossier, each an endpoint `POST /dossiers/:id/<action>`. */
export const STAFF_ACTIONS = [
  'assign',
  'forward',
  'send-back',
  'request-supplement',
  'receive-supplement',
  'pause',
  'resume',
  'transfer',
  'apologize',
  'decide',
  'return-result',
  'withdraw',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

// files (issue 15): attaching and removing dossier files (src/modules/files), each a change through the write path.
export const FILE_ACTIONS = ['attach-component', 'attach-result', 'remove-component', 'remove-result'] as const;
export type FileAction = (typeof FILE_ACTIONS)[number];

/** Every state change of a dossier after its intake: staff actions, the citizen's rating, recomputation. */
export const ACTIONS = [
  ...STAFF_ACTIONS,
  'reissue-pin',
  'print-receipt',
  'rate',
  'recompute-deadline',
  ...FILE_ACTIONS,
] as const; // files (issue 15)
export type Action = (typeof ACTIONS)[number];

/** How a staff member stands to a dossier: their agency handles it, or received it at its counter. */
export type Relation = 'handling' | 'receiving';

/** Who acts when it is not a staff member at work: the citizen, the importer replaying history, the system. */
export type OtherActor = 'citizen' | 'import' | 'system';

interface Transition {
  from: readonly Status[];
  /** `same`: the state does not change; `resume`: back to the state before the pause. */
  to: Status | 'same' | 'resume';
  /** The event type written (default: the action's name). */
  event?: string;
  /** The access matrix (architecture "Access model"): roles of the handling agency that may act … */
  handling: readonly Role[];
  /** … and roles of the receiving one-stop unit: what happens at its counter. */
  receiving: readonly Role[];
  others: readonly OtherActor[];
}

const counter = ['receptionist'] as const;
const processing = ['officer', 'leader'] as const;

/**
 * The lifecycle as data (domain A4, B2): state × action → state, and who may act. Seeing is wider
 * than acting: the receiving unit sees the dossiers it received but only does the counter's work
 * (supplements, return, withdrawal on request, forwarding from reception); appraisal, approval,
 * decisions, apologies, transfers and pauses belong to the handling agency. Supervisors and
 * administrators act on nothing here. Import replays history through the same table.
 */
export const TRANSITIONS: Readonly<Record<Action, Transition>> = {
  assign: { from: ['received', 'processing'], to: 'processing', handling: ['leader'], receiving: [], others: [] },
  forward: {
    from: ['received', 'processing'],
    to: 'processing',
    handling: processing,
    receiving: counter,
    others: ['import'],
  },
  'send-back': { from: ['processing'], to: 'processing', handling: processing, receiving: [], others: [] },
  'request-supplement': {
    from: ['received', 'processing'],
    to: 'awaiting_supplement',
    handling: processing,
    receiving: counter,
    others: ['import'],
  },
  'receive-supplement': {
    from: ['awaiting_supplement'],
    to: 'resume',
    handling: [],
    receiving: counter,
    others: ['import'],
  },
  pause: { from: ['received', 'processing'], to: 'paused', handling: processing, receiving: [], others: ['import'] },
  resume: { from: ['paused'], to: 'resume', handling: processing, receiving: [], others: ['import'] },
  transfer: {
    from: ['received', 'processing'],
    to: 'processing',
    handling: ['leader'],
    receiving: [],
    others: ['import'],
  },
  apologize: { from: OPEN_STATUSES, to: 'same', handling: ['leader'], receiving: [], others: ['import'] },
  decide: { from: OPEN_STATUSES, to: 'decided', handling: ['leader'], receiving: [], others: ['import'] },
  'return-result': { from: ['decided'], to: 'returned', handling: [], receiving: counter, others: ['import'] },
  withdraw: { from: OPEN_STATUSES, to: 'withdrawn', handling: [], receiving: counter, others: ['import'] },
  'reissue-pin': {
    from: STATUSES,
    to: 'same',
    event: 'pin_reissued',
    handling: [],
    receiving: counter,
    others: [],
  },
  // Each print of form 01 is on record (documents issue): the staff who work the dossier print it.
  'print-receipt': {
    from: STATUSES,
    to: 'same',
    event: 'receipt_printed',
    handling: ['receptionist', ...processing],
    receiving: ['receptionist', ...processing],
    others: [],
  },
  rate: {
    from: ['decided', 'returned'],
    to: 'same',
    event: 'rated',
    handling: [],
    receiving: [],
    others: ['citizen', 'import'],
  },
  'recompute-deadline': {
    from: OPEN_STATUSES,
    to: 'same',
    event: 'deadline_recomputed',
    handling: [],
    receiving: [],
    others: ['system'],
  },
  // files (issue 15): scans of the declared components are the counter's work — the receiving unit's
  // receptionists, while the dossier is open (at intake and when a supplement arrives); the result file
  // belongs to the handling agency's officers and leaders, until it is returned (an electronic result
  // is one attached before `return-result`, Decision 766). Removing follows attaching; the handler adds
  // "only while the step that added it is open". Import replays historical attachments.
  'attach-component': {
    from: OPEN_STATUSES,
    to: 'same',
    event: 'file_attached',
    handling: [],
    receiving: counter,
    others: ['import'],
  },
  'attach-result': {
    from: [...OPEN_STATUSES, 'decided'],
    to: 'same',
    event: 'file_attached',
    handling: processing,
    receiving: [],
    others: ['import'],
  },
  'remove-component': {
    from: OPEN_STATUSES,
    to: 'same',
    event: 'file_removed',
    handling: [],
    receiving: counter,
    others: [],
  },
  'remove-result': {
    from: [...OPEN_STATUSES, 'decided'],
    to: 'same',
    event: 'file_removed',
    handling: processing,
    receiving: [],
    others: [],
  },
};

/** The state after `action`, or undefined when the action is not allowed in `status`. */
export function nextStatus(status: Status, action: Action, pausedFrom: Status | null): Status | undefined {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) return undefined;
  if (t.to === 'same') return status;
  if (t.to === 'resume') return pausedFrom ?? 'processing';
  return t.to;
}

/** Whether a staff member holding `roles`, standing in `relations` to the dossier, may perform `action`. */
export function staffMayAct(action: Action, roles: readonly Role[], relations: readonly Relation[]): boolean {
  const t = TRANSITIONS[action];
  return relations.some((relation) => roles.some((role) => t[relation].includes(role)));
}

/** The roles that may call an action's endpoint at all: the union of both columns of the matrix. */
export function rolesOf(action: Action): Role[] {
  const t = TRANSITIONS[action];
  return [...new Set([...t.handling, ...t.receiving])];
}

export function eventTypeOf(action: Action): string {
  return TRANSITIONS[action].event ?? action;
}
